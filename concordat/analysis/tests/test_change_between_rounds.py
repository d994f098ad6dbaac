"""How answers moved between two rounds of the same questions (two synthetic rounds, different seeds)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from concordat.analysis.change import IMPROVED, MOVEMENTS, SAME, WORSENED, compare_rounds, movement
from concordat.analysis.records import Status
from concordat.analysis.sources import load_round
from concordat.synthetic.rounds import generate_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(synthetic: Any, personas: dict[str, Any]) -> Any:
    return generate_round(
        "stocktake-2014-synthetic",
        seed=2014,
        acting_user=personas["nadia"],
        opens_on=datetime.date(2014, 5, 1),
        deadline=datetime.date(2014, 7, 4),
        with_files=False,
    )


def test_movement_follows_no_partly_yes_and_respects_polarity() -> None:
    assert movement(Status.NO, Status.YES) == IMPROVED
    assert movement(Status.YES, Status.PARTIAL) == WORSENED
    assert movement(Status.YES, Status.NO, "negative") == IMPROVED
    assert movement(Status.NA, Status.YES) == "changed"
    assert movement(Status.NO, Status.NO) == SAME


def test_change_between_two_rounds_counts_every_area_once_per_question(synthetic: Any, later: Any) -> None:
    before, after = load_round(synthetic.round), load_round(later.round)
    change = compare_rounds(before.returns, after.returns, after.areas, after.questionnaire)
    both = {r.ons_code for r in before.returns} & {r.ons_code for r in after.returns}
    assert change.compared_areas == len(both) > 140
    for question in change.questions:
        assert sum(question.movements.values()) == len(both)
        assert sum(question.transitions.values()) == len(both)
    old = {r.ons_code: r for r in before.returns}
    new = {r.ons_code: r for r in after.returns}
    yes_to_no = sum(
        1 for c in both if old[c].status("2.4") is Status.YES and new[c].status("2.4") is Status.NO
    )
    assert (
        change.questions[[q.question for q in change.questions].index("2.4")].transitions.get(
            ("yes", "no"), 0
        )
        == yes_to_no
    )
    assert set(MOVEMENTS) == set(change.questions[0].movements)


def test_the_change_page_shows_one_areas_moves_with_the_evidence_of_both_rounds(
    synthetic: Any, later: Any, nadia: Any
) -> None:
    old = {r.ons_code: r for r in load_round(synthetic.round).returns}
    new = {r.ons_code: r for r in load_round(later.round).returns}
    code = next(c for c in sorted(old) if c in new and "2.4" in old[c].answers and "2.4" in new[c].answers)
    response = nadia.get(
        reverse("analysis:change", args=[later.round.slug]), {"since": synthetic.round.slug, "area": code}
    )
    assert response.status_code == 200
    body = response.content.decode()
    before, after = old[code], new[code]
    assert escape(before.answers["2.4"].evidence) in body
    assert escape(after.answers["2.4"].evidence) in body
    assert "Improved" in body
