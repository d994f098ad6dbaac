"""Publishing a round, deliberately: the national team sets an embargo date; from then each area's accepted
version (as it stood when the round was published) is public. A published item can be withdrawn, leaving a
notice. See docs/decisions/0601-publishing-returns.md."""

import datetime

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.returns.models import Publication, PublishedReturn, Return, ReturnVersion, Round

from .errors import MAX_SHORT_CHARS, ActionError


def accepted_versions(rnd: Round) -> list[ReturnVersion]:
    """The versions publishing ``rnd`` now would make public: each return's version accepted now."""
    counted = ReturnVersion.objects.counted_as_at(rnd, as_at=None, provisional=False)
    ids = [c.version_id for c in counted.values()]
    return list(
        ReturnVersion.objects.filter(pk__in=ids).select_related("ret__area").order_by("ret__area__name")
    )


@transaction.atomic
def publish_round(
    rnd: Round, *, embargo_until: datetime.date, as_at: datetime.date, acting_user: User
) -> Publication:
    """Publish ``rnd``'s accepted returns from ``embargo_until`` (today or later)."""
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if rnd.synthetic:
        raise ActionError("A round of synthetic data is never published.")
    if Publication.objects.filter(round=rnd).exists():
        raise ActionError("This round has already been published.")
    if embargo_until < as_at:
        raise ActionError("The embargo date must be today or later.", field="embargo_until")
    versions = accepted_versions(rnd)
    if not versions:
        raise ActionError("No return in this round has been accepted, so there is nothing to publish.")
    publication = Publication.objects.create(
        round=rnd, embargo_until=embargo_until, published_by=acting_user, published_at=timezone.now()
    )
    PublishedReturn.objects.bulk_create(
        PublishedReturn(publication=publication, ret=v.ret, version=v) for v in versions
    )
    record(
        acting_user,
        "round.published",
        rnd,
        data={"embargo_until": embargo_until.isoformat(), "areas": [v.ret.area.ons_code for v in versions]},
    )
    return publication


@transaction.atomic
def withdraw_published_return(ret: Return, *, notice: str, acting_user: User) -> PublishedReturn:
    """Take an area's published return off the public pages; the public see ``notice`` in its place."""
    notice = notice.strip()
    if not notice:
        raise ActionError("Enter the notice the public will see instead.", field="notice")
    if len(notice) > MAX_SHORT_CHARS:
        raise ActionError("The notice must be 2,000 characters or fewer.", field="notice")
    item = PublishedReturn.objects.select_for_update().filter(ret=ret).first()
    if item is None:
        raise ActionError("This return has not been published.")
    if item.withdrawn_at is not None:
        raise ActionError("This return has already been withdrawn.")
    item.withdrawn_at, item.withdrawn_by, item.withdrawal_notice = timezone.now(), acting_user, notice
    item.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_notice"])
    record(
        acting_user,
        "return.publication_withdrawn",
        ret,
        area_code=ret.area.ons_code,
        data={"version": item.version.number, "notice": notice},
    )
    return item
