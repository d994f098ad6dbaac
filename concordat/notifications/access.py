"""Protected reads: the outbox (the national team only) and a person's own choices."""

from typing import Any

from django.db.models import QuerySet

from concordat.accounts.access import is_national
from concordat.notifications.kinds import OPTIONAL
from concordat.notifications.models import Message, Preference


def outbox_for_user(user: Any) -> QuerySet[Message]:
    if not is_national(user):
        return Message.objects.none()
    return Message.objects.select_related("recipient").order_by("-queued_at", "-id")


def wanted_kinds(user: Any) -> set[str]:
    refused = set(Preference.objects.filter(user=user, wanted=False).values_list("kind", flat=True))
    return {kind.key for kind in OPTIONAL} - refused
