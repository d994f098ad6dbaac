"""Queueing messages and changing what a person gets. Callers are usually other apps' actions."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from concordat.audit.actions import record
from concordat.notifications.delivery import OUTCOMES
from concordat.notifications.kinds import KINDS, OPTIONAL
from concordat.notifications.models import Message, MessageState, Preference
from concordat.notifications.rendering import render_text


def wants(user: Any, kind: str) -> bool:
    """Security messages always; optional ones unless the person turned them off."""
    if not KINDS[kind].optional:
        return True
    return not Preference.objects.filter(user=user, kind=kind, wanted=False).exists()


@transaction.atomic
def queue_message(
    user: Any,
    *,
    kind: str,
    subject: str,
    template: str,
    context: dict[str, str],
    dedup_key: str,
    link: str = "",
    link_text: str = "",
) -> Message | None:
    """Queue one email to ``user`` in the caller's transaction; it is sent after the commit.

    Nothing is queued for a closed account, an account without an address, an optional message the
    person turned off, or an event already queued under ``dedup_key``. Returns the new message, if any.
    """
    if not user.is_active or not user.email or not wants(user, kind):
        return None
    if Message.objects.filter(dedup_key=dedup_key).exists():
        return None
    values = {
        **context,
        "name": user.get_full_name() or user.get_username(),
        "link": link,
        "link_text": link_text,
    }
    body = render_text(template, values, optional=KINDS[kind].optional)
    message, created = Message.objects.get_or_create(
        dedup_key=dedup_key,
        defaults={
            "recipient": user,
            "address": user.email,
            "kind": kind,
            "template": template,
            "context": context,
            "subject": subject,
            "body": body,
            "link": link,
        },
    )
    if not created:
        return None
    from concordat.notifications.tasks import enqueue_send

    # robust: a failure to enqueue must not fail the committed change; the daily sweep sends it later.
    transaction.on_commit(lambda: enqueue_send(message.pk), robust=True)
    return message


@transaction.atomic
def set_preferences(user: Any, wanted: Iterable[str], *, acting_user: Any) -> None:
    """Record, for every optional kind, whether the person wants it."""
    chosen = set(wanted)
    changes = {}
    for kind in OPTIONAL:
        Preference.objects.update_or_create(user=user, kind=kind.key, defaults={"wanted": kind.key in chosen})
        changes[kind.key] = kind.key in chosen
    record(acting_user, "account.email_preferences_changed", user, data={"wanted": changes})


@transaction.atomic
def record_delivery(message: Message, status: str, *, at: datetime.datetime, source: str) -> bool:
    """Record what the provider says became of a sent message (Notify's final status for it).

    Only a sent message changes: a receipt repeated, or arriving after another final status, changes
    nothing and returns False.
    """
    state, error = OUTCOMES[status]
    changes: dict[str, object] = {"state": state}
    if state == MessageState.DELIVERED:
        changes["delivered_at"] = at
    else:
        changes["last_error"] = error
    if not Message.objects.filter(pk=message.pk, state=MessageState.SENT).update(**changes):
        return False
    message.refresh_from_db()
    record(None, "email.delivery_reported", message, data={"status": status, "source": source})
    return True
