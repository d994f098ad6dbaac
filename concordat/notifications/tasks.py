"""Sending a queued message through the worker (``django.tasks``), with retries and back-off.

Idempotency: ``deliver`` claims the row (a conditional UPDATE, which takes the row lock on PostgreSQL and
the write lock on SQLite), then sends, then marks it sent, all in one transaction. A second run, or a
second worker, finds it no longer queued and sends nothing. The one window: if the process dies after
the provider accepted the message but before the transaction commits, the row is still queued and a
retry sends it again. Holding the lock across the send is what makes that the only window.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from concordat.notifications import channels
from concordat.notifications.actions import record_delivery
from concordat.notifications.delivery import OUTCOMES
from concordat.notifications.kinds import KINDS
from concordat.notifications.models import Message, MessageState

logger = logging.getLogger(__name__)

# Seconds to wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
BACKOFF = (60, 5 * 60, 30 * 60, 2 * 60 * 60)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A queued message never tried after this long lost its task (say, the enqueue failed): the sweep resends it.
NEVER_TRIED_AFTER = datetime.timedelta(minutes=15)
KEPT_AFTER_SENDING = "(Not kept: it held a one-time link.)"


@task()
def send_message(message_id: int) -> str:
    return deliver(message_id)


def enqueue_send(message_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Hand a message to the worker. A backend that cannot defer leaves retries to ``retry_due``."""
    if run_after is None:
        send_message.enqueue(message_id)
    elif send_message.get_backend().supports_defer:
        send_message.using(run_after=run_after).enqueue(message_id)


def deliver(message_id: int, *, now: datetime.datetime | None = None) -> str:
    """Send one queued message at most once per successful attempt. Returns what happened."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Message.objects.filter(pk=message_id, state=MessageState.QUEUED).update(
            attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=None
        )
        if not claimed:
            return "not queued"
        message = Message.objects.select_for_update().get(pk=message_id)
        try:
            provider_id = channels.send(message)
        except Exception as exc:  # any failure of the channel is recorded and retried
            _record_failure(message, exc, now)
            return "failed" if message.state == MessageState.FAILED else "will retry"
        message.state = MessageState.SENT
        message.sent_at = now
        message.channel = channels.channel_name()
        message.provider_id = provider_id
        message.last_error = ""
        if KINDS[message.kind].secret:
            message.body = KEPT_AFTER_SENDING
        message.save()
    return "sent"


def _record_failure(message: Message, exc: Exception, now: datetime.datetime) -> None:
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    logger.warning("Email %s attempt %s failed: %s", message.pk, message.attempts, message.last_error)
    if message.attempts >= MAX_ATTEMPTS:
        message.state = MessageState.FAILED
        message.save(update_fields=["state", "last_error"])
        return
    retry_at = now + datetime.timedelta(seconds=BACKOFF[message.attempts - 1])
    message.next_attempt_at = retry_at
    message.save(update_fields=["last_error", "next_attempt_at"])
    message_id = message.pk
    transaction.on_commit(lambda: enqueue_send(message_id, run_after=retry_at), robust=True)


def retry_due(now: datetime.datetime) -> int:
    """Re-enqueue queued messages whose retry is due, or that were never tried (their task was lost)."""
    never_tried = Q(attempts=0, queued_at__lte=now - NEVER_TRIED_AFTER)
    due = Message.objects.filter(Q(next_attempt_at__lte=now) | never_tried, state=MessageState.QUEUED)
    ids = list(due.values_list("pk", flat=True))
    for message_id in ids:
        enqueue_send(message_id)
    return len(ids)


def refresh_delivery(now: datetime.datetime) -> int:
    """Ask Notify what became of the last week's sent messages (SMTP cannot tell us). Notify's delivery
    receipts (``views_receipts``) usually tell us first; this catches the ones that did not arrive."""
    if channels.channel_name() != "notify":
        return 0
    recent = Message.objects.filter(
        state=MessageState.SENT, channel="notify", sent_at__gte=now - datetime.timedelta(days=7)
    ).exclude(provider_id="")
    delivered = 0
    for message in recent:
        status = channels.notify_status(message.provider_id)
        if status in OUTCOMES and record_delivery(message, status, at=now, source="notify status"):
            delivered += status == "delivered"
    return delivered
