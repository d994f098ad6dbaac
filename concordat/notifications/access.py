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


def message_for_receipt(notification_id: str, reference: str | None) -> Message | None:
    """The message Notify's receipt is about: its notification id, and our reference if it gives one."""
    message = Message.objects.filter(channel="notify", provider_id=notification_id).first()
    if message is None or (reference is not None and reference != f"concordat-{message.pk}"):
        return None
    return message


def turned_off(kinds: list[str]) -> set[tuple[int, str]]:
    """(user id, kind) for each optional kind a person turned off: they are not sent it."""
    refused = Preference.objects.filter(kind__in=kinds, wanted=False).values_list("user_id", "kind")
    return set(refused)
