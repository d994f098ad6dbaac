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


def test_the_triage_ranking_is_paged_and_keeps_the_basis_in_its_links(synthetic: Any, nadia: Any) -> None:
    url = reverse("analysis:triage", args=[synthetic.round.slug])
    for page, shown in (("abc", 1), ("-1", 1), ("0", 1), ("2", 2), ("99999", 4), ("9" * 300, 4)):
        response = nadia.get(url, {"basis": "provisional", "page": page})
        assert response.status_code == 200
        assert response.context["page"].number == shown and response.context["page"].count == 152
        assert "basis=provisional" in response.content.decode()
