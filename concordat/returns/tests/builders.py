"""Helpers that put returns into known states for tests. They go through the real actions."""

from typing import Any

from concordat.areas.models import Area
from concordat.questionnaires.models import Question
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
