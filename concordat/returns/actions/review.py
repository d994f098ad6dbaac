"""The national team's decisions on a submitted version, and the area's answer to a query."""

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.returns.models import Return, ReturnState, ReturnVersion, Review, ReviewDecision

from .errors import MAX_SHORT_CHARS, ActionError
from .locking import lock_return


def _review(version: ReturnVersion, decision: str, comment: str, acting_user: User) -> Review:
    return Review.objects.create(
        version=version, decision=decision, comment=comment, decided_by=acting_user, decided_at=timezone.now()
    )


@transaction.atomic
def accept_version(version: ReturnVersion, *, acting_user: User, comment: str = "") -> Review:
    ret = lock_return(version.ret)
    if ret.latest_version_id != version.pk or ret.state != ReturnState.SIGNED_OFF:
        raise ActionError(
            "Only the latest version, once all three signatories have signed it, can be accepted."
        )
    review = _review(version, ReviewDecision.ACCEPTED, comment.strip(), acting_user)
    ret.state = ReturnState.ACCEPTED
    ret.save(update_fields=["state", "updated_at"])
    record(acting_user, "return.accepted", ret, area_code=ret.area.ons_code, data={"version": version.number})
    return review


@transaction.atomic
def query_version(version: ReturnVersion, *, acting_user: User, comment: str) -> Review:
    """Return a version to the area with a question; the area can answer it and edit the return."""
    comment = comment.strip()
    if not comment:
        raise ActionError("Enter the query for the area.", field="comment")
    if len(comment) > MAX_SHORT_CHARS * 5:
        raise ActionError("The query must be 10,000 characters or fewer.", field="comment")
    ret = lock_return(version.ret)
    if ret.latest_version_id != version.pk or ret.state not in (
        ReturnState.SUBMITTED,
        ReturnState.SIGNED_OFF,
    ):
        raise ActionError("Only the latest submitted version can be queried.")
    review = _review(version, ReviewDecision.QUERIED, comment, acting_user)
    ret.state = ReturnState.QUERIED
    ret.save(update_fields=["state", "updated_at"])
    record(
        acting_user,
        "return.queried",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "comment": comment},
    )
    return review


@transaction.atomic
def respond_to_query(review: Review, *, acting_user: User, response: str) -> Review:
    response = response.strip()
    if not response:
        raise ActionError("Enter your response to the query.", field="response")
    if len(response) > MAX_SHORT_CHARS * 5:
        raise ActionError("The response must be 10,000 characters or fewer.", field="response")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.QUERIED:
        raise ActionError("Only a query can be answered.")
    if review.responded_at is not None:
        raise ActionError("This query has already been answered.")
    review.response, review.responded_by, review.responded_at = response, acting_user, timezone.now()
    review.save()
    ret = review.version.ret
    record(
        acting_user, "return.query_answered", ret, area_code=ret.area.ons_code, data={"response": response}
    )
    return review


@transaction.atomic
def reopen_return(ret: Return, *, acting_user: User, reason: str) -> Return:
    reason = reason.strip()
    if not reason:
        raise ActionError("Enter why the return is being reopened.", field="reason")
    ret = lock_return(ret)
    if ret.state != ReturnState.ACCEPTED or ret.latest_version is None:
        raise ActionError("Only an accepted return can be reopened.")
    _review(ret.latest_version, ReviewDecision.REOPENED, reason, acting_user)
    ret.state = ReturnState.IN_PROGRESS
    ret.save(update_fields=["state", "updated_at"])
    record(acting_user, "return.reopened", ret, area_code=ret.area.ons_code, data={"reason": reason})
    return ret
