"""A round started from the accepted June 2013 returns: drafts pre-filled, confirm or change, new evidence
for an improved status (decision 0015)."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command

from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.models import Answer, Return, ReturnState, ReturnVersion, Round
from concordat.returns.tests.builders import change_answer, filled_return

pytestmark = pytest.mark.django_db
HARROW, LEEDS = "E09000015", "E08000035"
JUNE_TITLE = "Winterbourne View local stocktake, June 2013"
CARRIED_241 = "Partly; a pooled budget is planned for April."


@pytest.fixture
def june(stocktake: Round, personas: dict[str, Any]) -> ReturnVersion:
    """Harrow's June return accepted (every answer Yes but 2.4, Partially); Leeds's only submitted."""
    ret = filled_return(stocktake, HARROW, personas["harriet"])
    change_answer(ret, personas["harriet"], "2.4", CARRIED_241)
    version = actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=personas["harriet"])
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])
    leeds = filled_return(stocktake, LEEDS, personas["leo"])
    actions.submit_return(leeds, acting_user=personas["leo"])
    return ReturnVersion.objects.get(pk=version.pk)


@pytest.fixture
def november(june: ReturnVersion, stocktake: Round, personas: dict[str, Any]) -> Round:
    rnd = actions.create_round(
        slug="stocktake-2013-11",
        title="Stocktake, November 2013",
        questionnaire=stocktake.questionnaire,
        opens_on=datetime.date(2013, 11, 1),
        deadline=datetime.date(2013, 11, 29),
        acting_user=personas["nadia"],
        carry_from=stocktake,
    )
    return actions.open_round(rnd, acting_user=personas["nadia"])


def _answer(rnd: Round, number: str) -> Answer:
    return Answer.objects.get(ret__round=rnd, ret__area__ons_code=HARROW, question__number=number)


def test_a_carried_round_prefills_each_area_with_an_accepted_return(
    june: ReturnVersion, november: Round
) -> None:
    drafts = Return.objects.filter(round=november)
    assert [r.area.ons_code for r in drafts] == [HARROW]  # Leeds's June return was never accepted
    harrow = drafts.get()
    assert harrow.carried_from_id == june.pk and harrow.state == ReturnState.NOT_STARTED
    answers = Answer.objects.filter(ret=harrow).select_related("question")
    assert answers.count() == 61
    assert all(a.carried_from_id == june.pk and a.awaits_confirmation for a in answers)
    first = _answer(november, "1.1")
    assert (first.status, first.evidence) == ("yes", "Yes; a joint group is in place. (1.1)")
    pooled = _answer(november, "2.4")
    assert (pooled.status, pooled.evidence, pooled.carried_status) == ("partial", CARRIED_241, "partial")
    assert AuditEvent.objects.filter(verb="return.carried_forward", area_code=HARROW).count() == 1
    assert AuditEvent.objects.get(verb="round.carried_forward").data["answers"] == 61


def test_carried_answers_count_as_not_done_until_confirmed(
    november: Round, personas: dict[str, Any], login: Any
) -> None:
    ret = Return.objects.get(round=november)
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=personas["harriet"])
    with pytest.raises(actions.SubmitProblems) as refused:
        actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=personas["harriet"])
    messages = [m for _, m in refused.value.problems]
    assert len(messages) == 61
    assert messages[0] == f"Question 1.1: confirm the answer carried forward from {JUNE_TITLE}, or change it."
    page = login("harriet").get(f"/returns/rounds/{november.slug}/areas/{HARROW}/").content.decode()
    assert "You have completed 0 of 11 sections." in page


def _section_post(rnd: Round, section: str, **changed: str) -> dict[str, str]:
    """Section ``section`` of Harrow's draft as the page posts it back unchanged, with ``changed`` fields."""
    data: dict[str, str] = {}
    for answer in Answer.objects.filter(ret__round=rnd, question__section__number=section).select_related(
        "question"
    ):
        prefix = "q" + answer.question.number.replace(".", "-")
        data |= {
            f"{prefix}-status": answer.status,
            f"{prefix}-evidence": answer.evidence,
            f"{prefix}-revision": str(answer.revision),
        }
    return data | changed


def test_confirming_a_section_makes_its_carried_answers_done(november: Round, login: Any) -> None:
    url = f"/returns/rounds/{november.slug}/areas/{HARROW}/sections/1/"
    post = _section_post(november, "1") | {f"q1-{i}-confirm_carried": "on" for i in range(1, 10)}
    assert login("harriet").post(url, post).status_code == 302
    section_1 = Answer.objects.filter(ret__round=november, question__section__number="1")
    assert [a.awaits_confirmation for a in section_1] == [False] * 9
    assert not _answer(november, "2.1").carry_confirmed_at
    assert AuditEvent.objects.filter(verb="answer.carry_confirmed").count() == 9


def test_an_improved_status_needs_new_evidence(november: Round, login: Any) -> None:
    url = f"/returns/rounds/{november.slug}/areas/{HARROW}/sections/2/"
    client = login("harriet")
    response = client.post(url, _section_post(november, "2", **{"q2-4-status": "yes"}))
    assert response.status_code == 200
    assert (
        "Question 2.4: your answer has improved from Partially to Yes since the last round, so add the new "
        "evidence for it. The evidence carried forward is not enough" in response.content.decode()
    )
    assert _answer(november, "2.4").status == "partial"
    evidence = "Yes: the pooled budget started in October."
    changed = _section_post(november, "2", **{"q2-4-status": "yes", "q2-4-evidence": evidence})
    assert client.post(url, changed).status_code == 302
    pooled = _answer(november, "2.4")
    assert (pooled.status, pooled.evidence, pooled.awaits_confirmation) == ("yes", evidence, False)
    assert _answer(november, "2.3").awaits_confirmation  # posted back unchanged: still to confirm


def test_a_worse_status_needs_no_new_evidence(november: Round, login: Any) -> None:
    url = f"/returns/rounds/{november.slug}/areas/{HARROW}/sections/2/"
    assert (
        login("harriet").post(url, _section_post(november, "2", **{"q2-4-status": "no"})).status_code == 302
    )
    assert _answer(november, "2.4").status == "no"


def test_the_create_round_command_carries_from_a_round(june: ReturnVersion, stocktake: Round) -> None:
    call_command(
        "create_round",
        "--round=stocktake-2014",
        "--title=Stocktake 2014",
        f"--questionnaire={stocktake.questionnaire.slug}",
        "--opens=2014-05-01",
        "--deadline=2014-07-04",
        f"--carry-from={stocktake.slug}",
    )
    assert Answer.objects.filter(ret__round__slug="stocktake-2014", carried_from=june).count() == 61


def test_check_answers_and_the_national_review_say_what_changed_since_june(
    november: Round, personas: dict[str, Any], login: Any
) -> None:
    url = f"/returns/rounds/{november.slug}/areas/{HARROW}/sections/2/"
    evidence = "Yes: the pooled budget started in October."
    login("harriet").post(
        url, _section_post(november, "2", **{"q2-4-status": "yes", "q2-4-evidence": evidence})
    )
    area = f"/returns/rounds/{november.slug}/areas/{HARROW}/"
    page = login("harriet").get(area + "check/").content.decode()
    assert f"Since {JUNE_TITLE}: Partially → Yes; evidence changed." in page
    assert f"Since {JUNE_TITLE}: still Yes; evidence unchanged." in page  # 1.1, as carried
    ret = Return.objects.get(round=november)
    questions = list(ret.answers.values_list("question_id", flat=True))
    actions.confirm_carried_answers(ret, questions, acting_user=personas["harriet"])
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=personas["harriet"])
    actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=personas["harriet"])
    review = login("nadia").get(area + "versions/1/").content.decode()
    assert f"Since {JUNE_TITLE}: Partially → Yes; evidence changed." in review
