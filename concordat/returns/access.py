"""The only way views fetch rounds, returns and their parts."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from concordat.accounts import access
from concordat.accounts.access import Capability
from concordat.areas.models import Area
from concordat.returns.models import Attachment, Return, ReturnState, ReturnVersion, Round, RoundState


def get_round(slug: str) -> Round:
    return get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)


def get_return_for_user(user: Any, round_slug: str, ons_code: str, *, write: bool = False) -> Return:
    """The area's return for a round, created empty on first sight.

    ``write`` asks for edit rights; an accepted (locked) return or a closed round is read-only.
    """
    rnd = get_round(round_slug)
    area = get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)
    if not access.can(user, Capability.READ, area):
        raise Http404
    ret = (
        Return.objects.select_related("round__questionnaire", "area__region", "latest_version")
        .filter(round=rnd, area=area)
        .first()
    )
    if ret is None:
        # An unsaved placeholder: nothing is written until someone saves an answer.
        ret = Return(round=rnd, area=area, state=ReturnState.NOT_STARTED)
    if write and not access.can(user, Capability.EDIT, area):
        raise PermissionDenied
    return ret


def can_edit(user: Any, ret: Return) -> bool:
    return (
        access.can(user, Capability.EDIT, ret.area)
        and ret.round.state == RoundState.OPEN
        and not ret.is_locked
    )


def get_version_for_user(user: Any, round_slug: str, ons_code: str, number: int) -> ReturnVersion:
    ret = get_return_for_user(user, round_slug, ons_code)
    if ret.pk is None:
        raise Http404
    return get_object_or_404(
        ReturnVersion.objects.select_related("ret__area", "ret__round"), ret=ret, number=number
    )


def get_attachment_for_user(user: Any, round_slug: str, ons_code: str, attachment_id: int) -> Attachment:
    ret = get_return_for_user(user, round_slug, ons_code)
    return get_object_or_404(Attachment, pk=attachment_id, answer__ret_id=ret.pk)
