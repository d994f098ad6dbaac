"""The national team's decisions on a submitted version, and the area's answer to a query.

Each decision is a step of ``returns.lifecycle``: accept (a signed-off latest version, first sent or after a
query is answered), query (the latest version, again after an answer if need be), answer, reopen.
"""

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.returns import notices
from concordat.returns.lifecycle import Actor, Stage, Step
from concordat.returns.models import Return, ReturnState, ReturnVersion, Review, ReviewDecision

from .errors import MAX_SHORT_CHARS, ActionError
from .locking import check_step, lock_return, move_to
from .submission import is_signed_off


def _review(version: ReturnVersion, decision: str, comment: str, acting_user: User) -> Review:
    return Review.objects.create(
        version=version, decision=decision, comment=comment, decided_by=acting_user, decided_at=timezone.now()
    )


def _check_latest(ret: Return, version: ReturnVersion, refusal: str) -> None:
    if ret.latest_version_id != version.pk:
        raise ActionError(f"Version {version.number} has been replaced by a newer one. {refusal}")


@transaction.atomic
def accept_version(version: ReturnVersion, *, acting_user: User, comment: str = "") -> Review:
    ret = lock_return(version.ret)
    refusal = "Only the latest version, once all three signatories have signed it, can be accepted."
    _check_latest(ret, version, refusal)
    check_step(ret, Step.ACCEPT, Actor.NATIONAL, refusal)
    if not is_signed_off(version):
        raise ActionError(refusal)
    review = _review(version, ReviewDecision.ACCEPTED, comment.strip(), acting_user)
    was = ret.state
    move_to(ret, Step.ACCEPT, Actor.NATIONAL, Stage.ACCEPTED)
    record(
        acting_user,
        "return.accepted",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "from": was, "comment": review.comment},
    )
    notices.return_accepted(review)
    return review


@transaction.atomic
def query_version(version: ReturnVersion, *, acting_user: User, comment: str) -> Review:
    """Return a version to the area with a question (again, after an answer, if need be); the area can answer
    it, or change the return and submit it again."""
    comment = comment.strip()
    if not comment:
        raise ActionError("Enter the query for the area.", field="comment")
    if len(comment) > MAX_SHORT_CHARS * 5:
        raise ActionError("The query must be 10,000 characters or fewer.", field="comment")
    ret = lock_return(version.ret)
    refusal = "Only the latest submitted version can be queried, and not while a query about it is open."
    _check_latest(ret, version, refusal)
    check_step(ret, Step.QUERY, Actor.NATIONAL, refusal)
    review = _review(version, ReviewDecision.QUERIED, comment, acting_user)
    was = ret.state
    move_to(ret, Step.QUERY, Actor.NATIONAL, Stage.QUERIED)
    record(
        acting_user,
        "return.queried",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "from": was, "comment": comment},
    )
    notices.query_raised(review)
    return review


@transaction.atomic
def respond_to_query(review: Review, *, acting_user: User, response: str) -> Review:
    response = response.strip()
    if not response:
        raise ActionError("Enter your response to the query.", field="response")
    if len(response) > MAX_SHORT_CHARS * 5:
        raise ActionError("The response must be 10,000 characters or fewer.", field="response")
    ret = lock_return(review.version.ret)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.QUERIED:
        raise ActionError("Only a query can be answered.")
    if review.responded_at is not None:
        raise ActionError("This query has already been answered.")
    latest = Review.objects.filter(version__ret=ret).order_by("-decided_at", "-id").first()
    if ret.latest_version_id != review.version_id or latest is None or latest.pk != review.pk:
        raise ActionError("This query is no longer open: the return has moved on since it was sent.")
    check_step(
        ret,
        Step.ANSWER,
        Actor.EDITOR,
        "The return has been changed since the query was sent. Submit it again: the new version is the "
        "answer.",
    )
    review.response, review.responded_by, review.responded_at = response, acting_user, timezone.now()
    review.save()
    move_to(ret, Step.ANSWER, Actor.EDITOR, Stage.ANSWERED)
    record(
        acting_user,
        "return.query_answered",
        ret,
        area_code=ret.area.ons_code,
        data={"version": review.version.number, "response": response},
    )
    notices.query_answered(review)
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
    move_to(ret, Step.REOPEN, Actor.NATIONAL, Stage.IN_PROGRESS)
    record(acting_user, "return.reopened", ret, area_code=ret.area.ons_code, data={"reason": reason})
    notices.return_reopened(ret, reason=reason)
    return ret
