"""The national team's correction of an area's answers on its behalf: distinct from editing, and reasoned.

National users read and review returns; they do not edit them (``accounts.access.can(EDIT)`` is false for
them). When the programme must change an answer for an area, this is the one way: a reason is required, the
event names it, the area sees it on its task list and its editors and signatories are emailed. The return
goes back to draft, so the area must submit it again and its signatories sign the corrected version: the
national team never signs off its own change.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from concordat.accounts.access import is_national
from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires.models import Question
from concordat.returns import notices
from concordat.returns.lifecycle import Actor, Step
from concordat.returns.models import Return

from .drafting import write_answers
from .errors import MAX_SHORT_CHARS, ActionError
from .locking import after_edit, check_editable, check_step, lock_return

CORRECTED = "return.corrected_on_behalf"


@transaction.atomic
def correct_answers(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    reason: str,
    acting_user: User,
) -> list[str]:
    """Change answers on the area's behalf; the numbers of the questions changed."""
    if not is_national(acting_user):
        raise ActionError("Only the national team can correct a return on an area's behalf.")
    reason = reason.strip()
    if not reason:
        raise ActionError("Enter why you are correcting the area's answers.", field="reason")
    if len(reason) > MAX_SHORT_CHARS:
        raise ActionError(f"The reason must be {MAX_SHORT_CHARS:,} characters or fewer.", field="reason")
    ret = lock_return(ret)
    check_editable(ret)
    check_step(ret, Step.CORRECT, Actor.NATIONAL, "This return cannot be corrected now.")
    changed = write_answers(ret, answers, revisions=revisions, acting_user=acting_user)
    if not changed:
        raise ActionError("Nothing was changed. Change an answer to correct it, or go back to the return.")
    after_edit(ret, acting_user=acting_user, actor=Actor.NATIONAL)
    corrected = record(
        acting_user,
        CORRECTED,
        ret,
        area_code=ret.area.ons_code,
        data={"questions": changed, "reason": reason},
    )
    notices.return_corrected(ret, questions=changed, reason=reason, event=str(corrected.pk))
    return changed
