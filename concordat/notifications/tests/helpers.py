"""Run the send task for what is queued, as the worker would, and read the sent emails."""

from typing import Any

from django.core import mail

from concordat.notifications.models import Message, MessageState
from concordat.notifications.tasks import send_message


def send_queued() -> list[Any]:
    """Run the send task's function for every queued message; return Django's test outbox."""
    for pk in Message.objects.filter(state=MessageState.QUEUED).order_by("pk").values_list("pk", flat=True):
        send_message.call(pk)
    return list(mail.outbox)


def sent_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def link_in(email: Any, start: str) -> str:
    """The first line of the email's text that starts with ``start`` (an address)."""
    return str(next(line for line in email.body.splitlines() if line.startswith(start)))
