"""What every change to a return does first (lock, check its step) and last (move it to its next stage)."""

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.returns import lifecycle, notices
from concordat.returns.lifecycle import Actor, Stage, Step
from concordat.returns.models import Return, ReturnState, RoundState

from .errors import ActionError


def lock_return(ret: Return) -> Return:
    """Create the return on first write and take a row lock for the rest of the transaction."""
    if ret.pk is None:
        ret, _ = Return.objects.get_or_create(round=ret.round, area=ret.area)
    return (
        Return.objects.select_for_update(of=("self",))
        .select_related("round__questionnaire", "area")
        .get(pk=ret.pk)
    )


def check_editable(ret: Return) -> None:
    if ret.round.state != RoundState.OPEN:
        raise ActionError("This round is not open, so its returns cannot be changed.")
    if ret.is_locked:
        raise ActionError("This return has been accepted and is locked. Ask the national team to reopen it.")


def check_step(ret: Return, step: Step, actor: Actor, refusal: str) -> tuple[Stage, ...]:
    """The stages ``step`` may lead to from the return's stage (``lifecycle.TRANSITIONS``), or ``refusal``."""
    try:
        return lifecycle.check(ret.state, step, actor)
    except lifecycle.NotAllowed as exc:
        raise ActionError(refusal) from exc


def move_to(ret: Return, step: Step, actor: Actor, to: Stage) -> None:
    """Save the return at stage ``to``, which the table must allow ``step`` to reach."""
    ret.state = lifecycle.arrive(ret.state, step, actor, to)
    ret.save(update_fields=["state", "updated_at"])


def after_edit(ret: Return, *, acting_user: User, actor: Actor = Actor.EDITOR) -> None:
    """Any edit after submission starts a new draft: the submitted versions stay as they were, and the latest
    one can no longer be signed, reviewed or answered until the draft is submitted again."""
    if ret.state == ReturnState.IN_PROGRESS:
        return
    step = Step.CORRECT if actor == Actor.NATIONAL else Step.EDIT
    was = ret.state
    notices.return_changed(ret)
    move_to(ret, step, actor, Stage.IN_PROGRESS)
    if ret.latest_version_id is not None:
        record(
            acting_user,
            "return.changed_after_submission",
            ret,
            area_code=ret.area.ons_code,
            data={"from": was, "version": ret.latest_version.number if ret.latest_version else None},
        )
