"""Carrying forward answers of other types than the assessment (decision 0015): a status report's RAG ratings,
yes/no and text answers start the next round's draft, wait to be confirmed, and an improved rating needs new
commentary."""

import datetime
from typing import Any

import pytest

from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.actions.errors import ActionError
from concordat.returns.content import draft_content
from concordat.returns.demo import ensure_status_report_round
from concordat.returns.models import Answer, Return, ReturnVersion, Round
from concordat.returns.since import since_last_round
from concordat.returns.tests.builders import status_report_version

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
NOVEMBER_COMMENTARY = "Progress on 1.1."  # what status_report_version writes for question 1.1


@pytest.fixture
def march(personas: dict[str, Any]) -> Round:
    """Harrow's November 2013 status report (amber throughout) accepted, then a March 2014 round of the same
    questionnaire started from it."""
    november = ensure_status_report_round(personas["nadia"])
    version = status_report_version(november, HARROW, personas["harriet"], "amber")
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])
    rnd = actions.create_round(
        slug="status-report-2014-03",
        title="Status report, March 2014",
        questionnaire=november.questionnaire,
        opens_on=datetime.date(2014, 3, 1),
        deadline=datetime.date(2014, 3, 28),
        acting_user=personas["nadia"],
        carry_from=november,
    )
    return actions.open_round(rnd, acting_user=personas["nadia"])


def _rating(rnd: Round, number: str) -> str:
    value = _answer(rnd, number).value
    assert isinstance(value, dict)
    return str(value["rating"])


def _answer(rnd: Round, number: str) -> Answer:
    return Answer.objects.select_related("question").get(
        ret__round=rnd, ret__area__ons_code=HARROW, question__number=number
    )


def _save(rnd: Round, number: str, value: Any, editor: Any) -> Return:
    answer = _answer(rnd, number)
    return actions.save_answers(
        answer.ret, {answer.question: {"value": value}}, revisions={answer.question_id: answer.revision},
        acting_user=editor,
    )  # fmt: skip


def test_ratings_yes_no_and_text_answers_are_carried_and_wait_to_be_confirmed(march: Round) -> None:
    rating = _answer(march, "1.1")
    assert rating.value == {"rating": "amber", "commentary": NOVEMBER_COMMENTARY}
    assert (rating.carried_status, rating.carried_evidence) == ("amber", NOVEMBER_COMMENTARY)
    assert _answer(march, "13.2").value == "no"
    assert _answer(march, "13.1").value == "Progress since June in every theme."
    questions = Question.objects.filter(questionnaire=march.questionnaire).count()
    carried = Answer.objects.filter(ret__round=march, carried_from__isnull=False)
    assert carried.count() == questions
    assert all(a.awaits_confirmation for a in carried)


def test_the_section_page_offers_to_confirm_a_carried_rating(march: Round, login: Any) -> None:
    page = login("harriet").get(f"/returns/rounds/{march.slug}/areas/{HARROW}/sections/1/").content.decode()
    assert "Carried forward from " in page
    assert "This answer is still right: confirm it" in page


def test_an_improved_rating_needs_new_commentary(march: Round, personas: dict[str, Any]) -> None:
    harriet = personas["harriet"]
    with pytest.raises(ActionError) as refused:
        _save(march, "1.1", {"rating": "green", "commentary": NOVEMBER_COMMENTARY}, harriet)
    assert str(refused.value).startswith(
        "Question 1.1: your answer has improved from Amber to Green since the last round, so add the new "
        "commentary for it."
    )
    assert _rating(march, "1.1") == "amber"  # nothing written

    _save(march, "1.1", {"rating": "green", "commentary": "A joint plan was signed in February."}, harriet)
    assert _rating(march, "1.1") == "green" and not _answer(march, "1.1").awaits_confirmation


def test_a_worse_rating_needs_no_new_commentary_and_shows_as_changed_since_the_last_round(
    march: Round, personas: dict[str, Any]
) -> None:
    ret = _save(march, "1.1", {"rating": "red", "commentary": NOVEMBER_COMMENTARY}, personas["harriet"])
    since = since_last_round(ret, draft_content(Return.objects.get(pk=ret.pk)))
    assert (since["1.1"].before, since["1.1"].after) == ("Amber", "Red")
    assert since["1.1"].status_changed and not since["1.1"].evidence_changed
    assert (since["13.2"].before, since["13.2"].after, since["13.2"].status_changed) == ("No", "No", False)


def test_a_confirmed_carried_rating_no_longer_waits(march: Round, personas: dict[str, Any]) -> None:
    answer = _answer(march, "1.1")
    actions.confirm_carried_answers(answer.ret, [answer.question_id], acting_user=personas["harriet"])
    assert not _answer(march, "1.1").awaits_confirmation


def test_the_section_page_says_an_improved_rating_needs_new_commentary(march: Round, login: Any) -> None:
    answer = _answer(march, "1.1")
    response = login("harriet").post(
        f"/returns/rounds/{march.slug}/areas/{HARROW}/sections/1/",
        {
            "q1-1-rating": "green",
            "q1-1-commentary": NOVEMBER_COMMENTARY,
            "q1-1-revision": str(answer.revision),
            "save": "1",
        },
    )
    assert response.status_code == 200
    assert (
        "improved from Amber to Green since the last round, so add the new commentary"
        in response.content.decode()
    )
    assert _rating(march, "1.1") == "amber"
