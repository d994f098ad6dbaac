"""Helpers that put returns into known states for tests. They go through the real actions."""

import copy
import datetime
from typing import Any

from concordat.areas.models import Area
from concordat.questionnaires.definitions import load_questionnaire
from concordat.questionnaires.models import Question
from concordat.questionnaires.tests.every_type import EVERY_TYPE
from concordat.questionnaires.tests.table_type import TABLE_TYPE
from concordat.returns import actions
from concordat.returns.models import Return, ReturnVersion, Round


def complete_answers(
    rnd: Round, *, evidence: str = "Yes; a joint group is in place."
) -> dict[Question, dict[str, Any]]:
    return {
        q: {"status": "yes", "evidence": f"{evidence} ({q.number})"}
        for q in Question.objects.filter(questionnaire=rnd.questionnaire)
    }


def filled_return(rnd: Round, ons_code: str, editor: Any) -> Return:
    area = Area.objects.get(ons_code=ons_code)
    ret = Return.objects.filter(round=rnd, area=area).first() or Return(round=rnd, area=area)
    ret = actions.save_answers(ret, complete_answers(rnd), revisions=_revisions(ret), acting_user=editor)
    return actions.save_completed_by(
        ret,
        {"name": "Amanda Dade", "organisation": area.name, "contact": "a@example.org"},
        revision=ret.details_revision,
        acting_user=editor,
    )


def _revisions(ret: Return) -> dict[int, int]:
    if ret.pk is None:
        return {}
    return dict(ret.answers.values_list("question_id", "revision"))


def submitted_return(rnd: Round, ons_code: str, editor: Any) -> ReturnVersion:
    return actions.submit_return(filled_return(rnd, ons_code, editor), acting_user=editor)


def signed_off_version(rnd: Round, personas: dict[str, Any]) -> ReturnVersion:
    """Harrow's return submitted by Harriet and signed by its three signatories."""
    version = submitted_return(rnd, "E09000015", personas["harriet"])
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    return ReturnVersion.objects.get(pk=version.pk)


def change_answer(
    ret: Return, editor: Any, number: str = "1.1", evidence: str = "Partly; changed."
) -> Return:
    """Change one answer of the draft (as an editor would on a section page)."""
    question = Question.objects.get(questionnaire=ret.round.questionnaire, number=number)
    revision = _revisions(ret).get(question.pk, 0)
    return actions.save_answers(
        ret,
        {question: {"status": "partial", "evidence": evidence}},
        revisions={question.pk: revision},
        acting_user=editor,
    )


def return_at(stage: str, rnd: Round, personas: dict[str, Any], *, signed: bool = True) -> Return:
    """Harrow's return brought to ``stage`` through the real actions (``signed``: whether the version the
    national team queries has all its signatures)."""
    harriet, nadia = personas["harriet"], personas["nadia"]
    area = Area.objects.get(ons_code="E09000015")
    if stage == "not_started":
        return Return(round=rnd, area=area)
    if stage == "in_progress":
        return filled_return(rnd, "E09000015", harriet)
    if stage == "submitted" or (stage in ("queried", "answered") and not signed):
        version = submitted_return(rnd, "E09000015", harriet)
    else:
        version = signed_off_version(rnd, personas)
    if stage in ("queried", "answered"):
        review = actions.query_version(version, acting_user=nadia, comment="Please explain 2.4.")
        if stage == "answered":
            actions.respond_to_query(review, acting_user=harriet, response="We have no pooled budget yet.")
    if stage == "accepted":
        actions.accept_version(version, acting_user=nadia)
    return Return.objects.select_related("latest_version", "round", "area").get(pk=version.ret_id)


def status_report_answers(rnd: Round, rating: str) -> dict[Question, dict[str, Any]]:
    """Every question of the November 2013 status report answered: each RAG question ``rating``."""
    answers: dict[Question, dict[str, Any]] = {}
    for q in Question.objects.filter(questionnaire=rnd.questionnaire):
        if q.answer_type == "rag":
            value: Any = {"rating": rating, "commentary": f"Progress on {q.number}."}
        elif q.answer_type == "yes_no":
            value = "no"
        else:
            value = "Progress since June in every theme."
        answers[q] = {"value": value}
    return answers


def status_report_version(rnd: Round, ons_code: str, editor: Any, rating: str) -> ReturnVersion:
    """An area's status report submitted with every RAG question rated ``rating``."""
    area = Area.objects.get(ons_code=ons_code)
    ret = actions.save_answers(
        Return(round=rnd, area=area), status_report_answers(rnd, rating), revisions={}, acting_user=editor
    )
    ret = actions.save_completed_by(
        ret,
        {"name": "Amanda Dade", "organisation": area.name, "contact": "a@example.org"},
        revision=ret.details_revision,
        acting_user=editor,
    )
    return actions.submit_return(ret, acting_user=editor)


def open_round_of(
    definition: dict[str, Any], slug: str, title: str, nadia: Any, *, opens_on: str, deadline: str
) -> Round:
    """An open round of a questionnaire loaded from ``definition`` (a test's own, left unchanged)."""
    questionnaire, _ = load_questionnaire(copy.deepcopy(definition))
    rnd = actions.create_round(
        slug=slug,
        title=title,
        questionnaire=questionnaire,
        opens_on=datetime.date.fromisoformat(opens_on),
        deadline=datetime.date.fromisoformat(deadline),
        acting_user=nadia,
    )
    return actions.open_round(rnd, acting_user=nadia)


def every_type_round(nadia: Any) -> Round:
    """An open round of the questionnaire with a question of every type (``every_type.EVERY_TYPE``)."""
    return open_round_of(
        EVERY_TYPE, "every-type", "Every type", nadia, opens_on="2013-11-01", deadline="2013-11-29"
    )


def table_type_round(nadia: Any) -> Round:
    """An open round of the placements table questionnaire (``table_type.TABLE_TYPE``)."""
    return open_round_of(
        TABLE_TYPE, "table-type", "Placements", nadia, opens_on="2014-03-01", deadline="2014-03-31"
    )
