"""The summary of each typed question of a round of any questionnaire: figures worked out by hand."""

from typing import Any

import pytest
from django.urls import reverse

from concordat.analysis.records import Answer, AreaAnswers, Status
from concordat.analysis.summaries import NOT_ANSWERED, type_summaries
from concordat.questionnaires.tests.table_type import TABLE_TYPE
from concordat.returns.actions import submit_return
from concordat.returns.actions.errors import SubmitProblems

from .figures_round import FIGURES, figures_draft, figures_round, figures_version

HARROW, LEEDS = "E09000015", "E08000035"


def _area(code: str, values: dict[str, Any], *, returned: bool = True) -> AreaAnswers:
    answers = {n: Answer(n, Status.BLANK, value=v) for n, v in values.items()}
    return AreaAnswers(code, returned, answers=answers)


AREAS = [
    _area("A", {"1.1": "yes", "1.2": 12, "1.3": 0.1, "1.4": "pooled", "1.5": ["pooled", "aligned"]}),
    _area(
        "B", {"1.1": "no", "1.2": 3, "1.3": 0.2, "1.4": "aligned", "1.5": ["aligned"], "1.6": "2014-03-01"}
    ),
    _area("C", {"1.1": "yes", "1.7": "The CCG"}),
    _area("D", {}),  # returned, nothing answered
    _area("E", {"1.1": "no", "1.2": 100}, returned=False),  # not returned: never counted
]


def _by_number() -> dict[str, Any]:
    return {s.number: s for s in type_summaries(AREAS, FIGURES)}


def test_yes_no_shares_are_of_the_areas_with_a_return_and_say_how_many_did_not_answer() -> None:
    summary = _by_number()["1.1"]
    assert (summary.returned, summary.answered) == (4, 3)
    assert [(label, s.count, s.denominator, s.percent) for label, s in summary.counts] == [
        ("Yes", 2, 4, 50),
        ("No", 1, 4, 25),
        (NOT_ANSWERED, 1, 4, 25),
    ]


def test_numbers_are_summed_exactly_and_a_count_of_people_is_marked_so() -> None:
    people, money = _by_number()["1.2"], _by_number()["1.3"]
    assert (people.total, people.answered, people.counts_people) == (15, 2, True)
    assert (money.total, money.counts_people) == (0.3, False)  # 0.1 + 0.2, as a person adds them


def test_choices_count_each_option_and_several_choices_count_every_area_that_ticked_it() -> None:
    one, several = _by_number()["1.4"], _by_number()["1.5"]
    assert [(label, s.count) for label, s in one.counts] == [("Pooled", 1), ("Aligned", 1), (NOT_ANSWERED, 2)]
    assert [(label, s.count) for label, s in several.counts] == [("Pooled", 1), ("Aligned", 2)]


def test_dates_and_words_are_counted_as_answered_only() -> None:
    date, words = _by_number()["1.6"], _by_number()["1.7"]
    assert (date.answered, date.counts, date.total) == (1, (), None)
    assert (words.answered, words.answered_share.percent) == (1, 25)


def test_a_table_is_counted_as_answered_only() -> None:
    rows = [{"provider": "Calderstones", "people": 3}]
    areas = [_area("A", {"1.1": rows}), _area("B", {})]
    summary = {s.number: s for s in type_summaries(areas, TABLE_TYPE)}["1.1"]
    assert (summary.answered, summary.returned, summary.counts, summary.total) == (1, 2, (), None)


def test_a_round_with_no_returns_gives_zero_shares_not_an_error() -> None:
    summary = {s.number: s for s in type_summaries([], FIGURES)}["1.1"]
    assert [(label, s.count, s.percent) for label, s in summary.counts] == [
        ("Yes", 0, 0),
        ("No", 0, 0),
        (NOT_ANSWERED, 0, 0),
    ]


# ---- through the database and the page ------------------------------------------------------------------

HARROW_VALUES = {
    "1.1": "yes",
    "1.2": "12",
    "1.3": "1,500",
    "1.4": "pooled",
    "1.5": ["pooled"],
    "1.6": "2014-03-01",
}
LEEDS_VALUES = {"1.1": "no", "1.2": "3", "1.3": "250.5", "1.4": "aligned", "1.5": ["pooled", "aligned"]}


@pytest.mark.django_db
def test_completeness_of_a_typed_questionnaire_names_each_missing_answer(personas: dict[str, Any]) -> None:
    rnd = figures_round(personas["nadia"])
    draft = figures_draft(rnd, LEEDS, personas["leo"], LEEDS_VALUES)  # no date: 1.6 is required
    with pytest.raises(SubmitProblems) as refused:
        submit_return(draft, acting_user=personas["leo"])
    assert "enter a date" in str(refused.value.problems).lower()


@pytest.mark.django_db
def test_the_dashboard_summarises_a_round_of_typed_questions(personas: dict[str, Any], nadia: Any) -> None:
    rnd = figures_round(personas["nadia"])
    figures_version(rnd, HARROW, personas["harriet"], HARROW_VALUES)
    figures_version(rnd, LEEDS, personas["leo"], {**LEEDS_VALUES, "1.6": "2014-03-02"})
    response = nadia.get(reverse("analysis:dashboard", args=[rnd.slug]), {"basis": "provisional"})
    assert response.status_code == 200
    summaries = {s.number: s for s in response.context["summaries"]}
    assert summaries["1.2"].total == 15 and summaries["1.3"].total == 1750.5
    assert response.context["rows"] == []  # no question of this questionnaire has a status
    page = response.content.decode()
    assert "Yes: 1 (50%); No: 1 (50%); Not answered: 0 (0%)" in page
    assert "Total 15 people" in page  # a national figure: exact
    assert "Pooled: 2 (100%); Aligned: 1 (50%)" in page
