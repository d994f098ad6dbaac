"""What every change to a draft does first (lock, check) and last (mark it in progress)."""

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


def after_edit(ret: Return) -> None:
    """Any edit after submission starts a new draft: the submitted versions stay as they were."""
    if ret.state != ReturnState.IN_PROGRESS:
        ret.state = ReturnState.IN_PROGRESS
        ret.save(update_fields=["state", "updated_at"])
