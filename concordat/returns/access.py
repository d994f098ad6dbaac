"""The only way views fetch rounds, returns and their parts."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from concordat.accounts import access
from concordat.accounts.access import Capability
from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.questionnaires.models import Question
from concordat.returns.actions.correction import CORRECTED
from concordat.returns.models import (
    Answer,
    Attachment,
    Return,
    ReturnState,
    ReturnVersion,
    Review,
    ReviewDecision,
    Round,
    RoundState,
)


def get_round(slug: str) -> Round:
    return get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)


def _existing_return(round_slug: str, ons_code: str, *, lock: bool) -> Return | None:
    """The area's return for the round with both (the round's questionnaire, the area's region) in one query,
    or None when it is not written yet (or either does not exist)."""
    found = (
        Return.objects.select_related("round__questionnaire", "area__region")
        .filter(round__slug=round_slug, area__ons_code=ons_code)
        .order_by()  # one row at most (one return per round and area): the model's ordering joins areas
    )
    if lock:
        # Not joined to the latest version: see ``returns.actions.locking.lock_return`` and decision 0502.
        found = found.select_for_update(of=("self",))
    else:
        # The version's content (the whole return, tens of KB) is read only where a version is shown.
        found = found.select_related("latest_version").defer("latest_version__content")
    rows = list(found)
    return rows[0] if rows else None


def _return_for_user(user: User, round_slug: str, ons_code: str, *, write: bool, lock: bool) -> Return:
    ret = _existing_return(round_slug, ons_code, lock=lock)
    if ret is None:
        # An unsaved placeholder: nothing is written until someone saves an answer.
        rnd = get_round(round_slug)
        area = get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)
        ret = Return(round=rnd, area=area, state=ReturnState.NOT_STARTED)
    if not access.can(user, Capability.READ, ret.area):
        raise Http404
    if write and not access.can(user, Capability.EDIT, ret.area):
        raise PermissionDenied
    return ret


def get_return_for_user(user: User, round_slug: str, ons_code: str, *, write: bool = False) -> Return:
    """The area's return for a round, created empty on first sight.

    ``write`` asks for edit rights; an accepted (locked) return or a closed round is read-only.
    """
    return _return_for_user(user, round_slug, ons_code, write=write, lock=False)


def lock_return_for_user(user: User, round_slug: str, ons_code: str) -> Return:
    """``get_return_for_user(..., write=True)`` with the return's row locked by the same query, for a write in
    the caller's transaction that would lock it next (``returns.actions.save_draft(..., locked=True)``). A
    return not written yet comes unsaved, as there: the action creates and locks it. Its latest version is not
    joined (read it by ``latest_version_id``)."""
    return _return_for_user(user, round_slug, ons_code, write=True, lock=True)


def can_edit(user: User, ret: Return) -> bool:
    return (
        access.can(user, Capability.EDIT, ret.area)
        and ret.round.state == RoundState.OPEN
        and not ret.is_locked
    )


def can_correct(ret: Return) -> bool:
    """Whether the return is open to the national team's correction on the area's behalf (the caller has
    checked the user is national: ``accounts.access.is_national``)."""
    return ret.round.state == RoundState.OPEN and not ret.is_locked


def get_version_for_user(user: User, round_slug: str, ons_code: str, number: int) -> ReturnVersion:
    ret = get_return_for_user(user, round_slug, ons_code)
    if ret.pk is None:
        raise Http404
    return get_object_or_404(
        ReturnVersion.objects.select_related("ret__area", "ret__round"), ret=ret, number=number
    )


def get_attachment_for_user(user: User, round_slug: str, ons_code: str, attachment_id: int) -> Attachment:
    ret = get_return_for_user(user, round_slug, ons_code)
    return get_object_or_404(Attachment, pk=attachment_id, answer__ret_id=ret.pk)


# The functions below take objects already fetched through the ``get_*_for_user`` functions above.


def returns_of_areas(rounds: Iterable[Round], areas: Iterable[Area]) -> dict[tuple[int, int], Return]:
    """(round id, area id) → the return, for ``areas`` from ``accounts.access.readable_areas``."""
    found = Return.objects.filter(round__in=list(rounds), area__in=list(areas)).select_related(
        "latest_version"
    )
    return {(r.round_id, r.area_id): r for r in found}


def answers_to(ret: Return, questions: Iterable[Question]) -> dict[int, Answer]:
    """Question id → the draft's answer (with its attachments) for those of ``questions`` it has."""
    if ret.pk is None:
        return {}
    found = (
        Answer.objects.filter(ret=ret, question__in=list(questions))
        .select_related("carried_from__ret__round")
        .prefetch_related("attachments")
    )
    return {a.question_id: a for a in found}


def carried_from(ret: Return) -> ReturnVersion | None:
    """The earlier round's accepted version the return's draft started from, if it was carried forward."""
    if ret.carried_from_id is None:
        return None
    return ReturnVersion.objects.select_related("ret__round").get(pk=ret.carried_from_id)


def versions_of(ret: Return) -> list[ReturnVersion]:
    """The return's submitted versions, newest first, with their signatures and reviews."""
    if ret.pk is None:
        return []
    return list(ret.versions.prefetch_related("signatures", "reviews").order_by("-number"))


def reviews_of(version: ReturnVersion) -> list[Review]:
    """The national team's decisions on a version, oldest first."""
    return list(version.reviews.select_related("decided_by", "responded_by"))


def latest_query(ret: Return | ReturnVersion) -> Review | None:
    """The latest query the national team sent about ``ret`` (any version) or about one version."""
    reviews = Review.objects.filter(decision=ReviewDecision.QUERIED)
    if isinstance(ret, ReturnVersion):
        reviews = reviews.filter(version=ret)
    else:
        reviews = reviews.filter(version__ret=ret)
    return reviews.order_by("-decided_at").first()


def audit_events_of(ret: Return) -> QuerySet[AuditEvent]:
    """The audit trail of a return, newest first: events on it, its answers and their attachments."""
    if ret.pk is None:
        return AuditEvent.objects.none()
    ids = {
        "returns.return": [str(ret.pk)],
        "returns.answer": [str(pk) for pk in Answer.objects.filter(ret=ret).values_list("pk", flat=True)],
        "returns.attachment": [
            str(pk) for pk in Attachment.objects.filter(answer__ret=ret).values_list("pk", flat=True)
        ],
    }
    query = Q()
    for object_type, object_ids in ids.items():
        query |= Q(object_type=object_type, object_id__in=object_ids)
    return AuditEvent.objects.filter(area_code=ret.area.ons_code).filter(query)


def corrections_of(ret: Return) -> list[AuditEvent]:
    """The national team's corrections of this return on the area's behalf, newest first (the area sees
    them on its task list)."""
    if ret.pk is None:
        return []
    return list(AuditEvent.objects.for_object(ret).filter(verb=CORRECTED).order_by("-at", "-id"))
