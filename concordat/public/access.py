"""The only way public views fetch published returns, publications and previews.

A member of the public reads only what the national team published, after its embargo date. The previews
(the national team's before publishing; an area's before its page goes live) are for signed-in users whose
scope the view's decorator has checked; the functions here check it again.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from concordat.accounts import access
from concordat.accounts.access import Capability
from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.returns.models import Publication, PublishedReturn, Return, ReturnVersion, Round


def get_round(round_slug: str) -> Round:
    """A real round (never a synthetic one) by slug, or 404."""
    return get_object_or_404(Round.objects.select_related("questionnaire"), slug=round_slug, synthetic=False)


def get_area(ons_code: str) -> Area:
    return get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)


def live_publications(as_at: datetime.date) -> list[Publication]:
    """Publications the public may read, newest embargo first (the first is the latest edition)."""
    return list(
        Publication.objects.filter(embargo_until__lte=as_at, round__synthetic=False).select_related("round")
    )


def live_publication(rnd: Round, as_at: datetime.date) -> Publication | None:
    return Publication.objects.filter(round=rnd, embargo_until__lte=as_at).first()


def live_items(publication: Publication) -> QuerySet[PublishedReturn]:
    """Every area's item in a live publication, withdrawn ones included (they show their notice)."""
    return PublishedReturn.objects.filter(publication=publication).select_related("ret__area", "version")


def published_item(rnd: Round, area: Area, as_at: datetime.date) -> PublishedReturn | None:
    """The area's published item for ``rnd`` once the embargo has passed (withdrawn ones too)."""
    return (
        PublishedReturn.objects.filter(
            publication__round=rnd, publication__embargo_until__lte=as_at, ret__area=area
        )
        .select_related("version__ret__area", "version__ret__round__questionnaire", "publication")
        .first()
    )


def latest_live_item(area: Area, as_at: datetime.date) -> PublishedReturn | None:
    """The area's most recently published return that is still public (not withdrawn)."""
    return (
        PublishedReturn.objects.live(as_at)
        .filter(ret__area=area, ret__round__synthetic=False)
        .select_related("version__ret__round__questionnaire", "publication__round")
        .order_by("-publication__embargo_until", "-publication__published_at")
        .first()
    )


def live_area_codes(publication: Publication) -> set[str]:
    return set(
        PublishedReturn.objects.filter(publication=publication, withdrawn_at__isnull=True).values_list(
            "ret__area__ons_code", flat=True
        )
    )


def _require_national(user: User) -> None:
    if not access.is_national(user):
        raise PermissionDenied


def publication_preview_for_user(user: User, rnd: Round) -> Publication | None:
    """The national team's view of a round's publication (None before it is published)."""
    _require_national(user)
    return Publication.objects.filter(round=rnd).first()


def preview_version_for_user(user: User, rnd: Round, area: Area) -> tuple[ReturnVersion | None, bool]:
    """What the area's public page shows or will show: (version, published). Before publication that is the
    version accepted now; the public page goes live at the embargo date."""
    if not access.can(user, Capability.READ, area):
        raise PermissionDenied
    item = PublishedReturn.objects.filter(publication__round=rnd, ret__area=area).select_related("version")
    found = item.first()
    if found is not None:
        return found.version, True
    ret = Return.objects.filter(round=rnd, area=area).first()
    if ret is None:
        return None, False
    counted = ReturnVersion.objects.counted_as_at(rnd, as_at=None, provisional=False).get(ret.pk)
    if counted is None:
        return None, False
    return ReturnVersion.objects.select_related("ret__area", "ret__round").get(pk=counted.version_id), False


def return_for_withdrawal(user: User, rnd: Round, area: Area) -> tuple[Return | None, PublishedReturn | None]:
    _require_national(user)
    ret = Return.objects.filter(round=rnd, area=area).first()
    item = PublishedReturn.objects.filter(ret=ret).first() if ret else None
    return ret, item
