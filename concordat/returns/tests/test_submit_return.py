from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.content import content_hash
from concordat.returns.models import Return, ReturnState, ReturnVersion
from concordat.returns.tests.builders import filled_return, submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def test_submit_return_freezes_an_immutable_version_bound_to_its_hash(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    assert version.number == 1
    assert version.content_hash == content_hash(version.content)
    assert len(version.content["answers"]) == 61
    assert version.ret.state == ReturnState.SUBMITTED
    with pytest.raises(PermissionError):
        version.save()
    assert AuditEvent.objects.filter(verb="return.submitted", object_id=str(version.ret.pk)).count() == 1


def test_submit_return_lists_every_missing_answer_in_question_order(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    from concordat.areas.models import Area

    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    question = stocktake.questionnaire.questions.get(number="2.4")
    ret = actions.save_answers(
        ret,
        {question: {"status": "no", "evidence": "", "support_required": True}},
        revisions={},
        acting_user=personas["harriet"],
    )
    with pytest.raises(actions.SubmitProblems) as raised:
        actions.submit_return(ret, acting_user=personas["harriet"])
    messages = [m for _, m in raised.value.problems]
    assert messages[0] == "Question 1.1: select Yes, Partially, No or Not applicable."
    assert "Question 2.4: enter your assessment and evidence." in messages
    assert "Question 2.4: say what support you need, or untick support required." in messages
    assert "Question 2.4: select Yes, Partially, No or Not applicable." not in messages
    assert messages[-1] == "Enter the name of the person who completed this return."
    assert not ReturnVersion.objects.exists()


def test_submitting_twice_without_changes_is_refused(stocktake: Any, personas: dict[str, Any]) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    with pytest.raises(actions.ActionError, match="already been submitted as version 1"):
        actions.submit_return(version.ret, acting_user=personas["hamid"])
    assert ReturnVersion.objects.count() == 1


def test_an_edit_after_submission_starts_a_new_draft_and_keeps_the_old_version(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    first = submitted_return(stocktake, HARROW, personas["harriet"])
    ret = Return.objects.get(pk=first.ret.pk)
    question = stocktake.questionnaire.questions.get(number="1.1")
    answer = ret.answers.get(question=question)
    actions.save_answers(
        ret,
        {question: {"status": "partial", "evidence": "Partially; changed."}},
        revisions={question.pk: answer.revision},
        acting_user=personas["hamid"],
    )
    assert Return.objects.get(pk=ret.pk).state == ReturnState.IN_PROGRESS
    second = actions.submit_return(ret, acting_user=personas["hamid"])
    assert second.number == 2
    assert ReturnVersion.objects.get(pk=first.pk).content["answers"]["1.1"]["status"] == "yes"
    assert second.content["answers"]["1.1"]["status"] == "partial"


def test_changing_an_answer_back_resubmits_as_the_existing_version(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    ret = Return.objects.get(pk=version.ret.pk)
    question = stocktake.questionnaire.questions.get(number="1.1")
    original = version.content["answers"]["1.1"]
    revision = ret.answers.get(question=question).revision
    actions.save_answers(
        ret,
        {question: {"status": "no", "evidence": "No."}},
        revisions={question.pk: revision},
        acting_user=personas["harriet"],
    )
    actions.save_answers(
        ret, {question: original}, revisions={question.pk: revision + 1}, acting_user=personas["harriet"]
    )
    assert Return.objects.get(pk=ret.pk).state == ReturnState.IN_PROGRESS
    again = actions.submit_return(ret, acting_user=personas["harriet"])
    assert again.pk == version.pk
    assert Return.objects.get(pk=ret.pk).state == ReturnState.SUBMITTED
    assert ReturnVersion.objects.count() == 1


def test_submission_is_refused_when_the_round_is_closed(stocktake: Any, personas: dict[str, Any]) -> None:
    ret = filled_return(stocktake, HARROW, personas["harriet"])
    actions.close_round(stocktake, acting_user=personas["nadia"])
    ret.round.refresh_from_db()
    with pytest.raises(actions.ActionError, match="not open"):
        actions.submit_return(ret, acting_user=personas["harriet"])
