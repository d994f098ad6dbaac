"""Status rules, one phrase at a time: the answer's own words and the question's polarity."""

from __future__ import annotations

import pytest

from concordat.imports.reading.status import REVIEW_THRESHOLD, read_status

CASES = [
    ("Yes; we have developed a Task & Finish Group", "positive", "yes"),
    ("Yes.", "positive", "yes"),
    ("YES \u2013 all reviews have been completed.", "positive", "yes"),
    ("Partially; we may require additional support.", "positive", "partial"),
    ("Largely; we are clear on all areas except NHSE.", "positive", "partial"),
    ("Not yet in place but in development.", "positive", "partial"),
    ("This is not yet in place, but is in development as part of the programme.", "positive", "partial"),
    ("Yes, however these are not fully developed yet.", "positive", "partial"),
    ("Yes although more information is required.", "positive", "partial"),
    ("No.", "positive", "no"),
    ("No. This will be developed as part of the Task & Finish Group.", "positive", "no"),
    ("Not at present.", "negative", "no"),
    ("None.", "negative", "no"),
    ("Not to date; we will develop this.", "positive", "no"),
    ("We do not have a current S75 for learning disabilities.", "positive", "no"),
    ("N/A", "open", "na"),
    ("n/a - see 6.9", "positive", "na"),
    ("Not applicable.", "positive", "na"),
    ("", "positive", "blank"),
    ("   ", "positive", "blank"),
    ("Work has commenced and will require a robust approach.", "positive", "partial"),
    ("Harrow CCG are currently working with NHSE to ensure that this is in place.", "positive", "partial"),
    (
        "We have joined these up to some degree but we recognise the need to do extra work",
        "positive",
        "partial",
    ),
    ("Service are available if needed.", "positive", "yes"),
    ("Nothing here but a description of what we do.", "open", "yes"),
    ("Noted; the board reviewed it.", "positive", "yes"),
    # RAG colours written into the answer
    ("Green. The team is in place.", "positive", "yes"),
    ("Amber - two posts are still vacant.", "positive", "partial"),
    ("Amber/Green. Most costs are known.", "positive", "partial"),
    ("Red. No work has started.", "positive", "no"),
    # hedges and negations: agreed but not in place is partial, not yes
    ("Agreed, but not yet implemented across both organisations.", "positive", "partial"),
    ("Not fully; the children's element is missing.", "positive", "partial"),
    ("Not for all individuals.", "positive", "partial"),
    ("The protocol is in place but it is not used by housing providers.", "positive", "partial"),
    ("Ten of the twelve reviews are complete.", "positive", "partial"),
    ("Under review with the Area Team.", "positive", "partial"),
    # plans are not progress
    ("To start next quarter.", "positive", "no"),
    ("Planned for the autumn.", "positive", "no"),
    ("Due to begin in January 2014.", "positive", "no"),
    ("Not started.", "positive", "no"),
    ("A review is planned with partners but has not yet begun.", "positive", "no"),
    ("Nothing is in place yet.", "positive", "no"),
    # a bare status word and a reference, and not applicable with a reason
    ("Yes - see below.", "positive", "yes"),
    ("Yes, see attached action plan.", "positive", "yes"),
    ("Not applicable because there is no pooled budget.", "positive", "na"),
    # status words used in another sense
    ("No. of people placed out of area: 14, all with review dates.", "positive", "yes"),
    ("Not only the CCG but also the police and housing take part.", "positive", "yes"),
    # terse council shorthand
    ("WIP.", "positive", "partial"),
    ("In hand; a report is due in the autumn.", "positive", "partial"),
    ("Awaiting a date from the Area Team.", "positive", "partial"),
    ("Being taken forward by the task group.", "positive", "partial"),
    ("Not as yet.", "positive", "no"),
    ("Adults: agreed. Children: TBC.", "positive", "partial"),
    ("All but two reviews are complete.", "positive", "partial"),
]

# A council's own status column, read whole.
CELL_CASES = [
    ("Green", "yes"),
    ("AMBER", "partial"),
    ("Red", "no"),
    ("Y", "yes"),
    ("N", "no"),
    ("In progress", "partial"),
    ("Not started", "no"),
    ("n/a", "na"),
    ("Complete", "yes"),
]


@pytest.mark.parametrize(("cell", "status"), CELL_CASES)
def test_status_column(cell: str, status: str) -> None:
    got, confidence, decided_by = read_status(
        "Some commentary that says nothing either way.", "positive", cell
    )
    assert (got, decided_by) == (status, cell)
    assert confidence >= 0.9


def test_an_unknown_status_column_leaves_the_answer_to_decide() -> None:
    assert read_status("No. Nothing agreed.", "positive", "see comments")[0] == "no"
    assert read_status("", "positive", "")[0] == "blank"


@pytest.mark.parametrize(("answer", "polarity", "status"), CASES)
def test_status_rule(answer: str, polarity: str, status: str) -> None:
    got, confidence, decided_by = read_status(answer, polarity)
    assert got == status
    assert 0.0 <= confidence <= 1.0
    if status != "blank":
        assert decided_by


def test_clear_openers_are_confident_and_descriptions_are_not() -> None:
    assert read_status("Yes.", "positive")[1] >= 0.9
    assert read_status("No.", "positive")[1] >= 0.9
    assert read_status("Ok", "open")[1] < REVIEW_THRESHOLD


def test_polarity_makes_not_at_present_a_surer_no_for_negative_questions() -> None:
    assert read_status("Not at present.", "negative")[1] > read_status("Not at present.", "positive")[1]


def test_decided_by_is_the_phrase_from_the_answer() -> None:
    assert read_status("Partially; we may require support", "positive")[2] == "Partially"
    assert read_status("Harrow CCG are currently working with NHSE", "positive")[2] == "currently working"
