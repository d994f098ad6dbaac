"""Support requests by section and the deep-dive triage ranking, with reasons that add up."""

from typing import Any

import pytest
from django.urls import reverse

from concordat.analysis.scoring import rank_areas
from concordat.analysis.sources import load_round

pytestmark = pytest.mark.django_db


def test_every_areas_triage_score_is_the_sum_of_its_reasons(synthetic: Any) -> None:
    data = load_round(synthetic.round)
    ranking = rank_areas(data.returns, data.areas, data.questionnaire, deadline=data.deadline)
    assert len(ranking) == 152
    assert all(a.score == sum(r.points for r in a.reasons) for a in ranking)
    assert [a.score for a in ranking] == sorted((a.score for a in ranking), reverse=True)
    not_returned = [a for a in ranking if any(r.code == "not_returned" for r in a.reasons)]
    assert len(not_returned) == synthetic.synthetic.truth.not_returned


def test_the_triage_page_shows_support_by_section_and_the_ranking(synthetic: Any, nadia: Any) -> None:
    data = load_round(synthetic.round)
    top = rank_areas(data.returns, data.areas, data.questionnaire, deadline=data.deadline)[0]
    response = nadia.get(reverse("analysis:triage", args=[synthetic.round.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "87 of 152 areas (57%) asked for support" in body
    assert top.name in body and top.reasons[0].label in body
    assert "synthetic data" in body
