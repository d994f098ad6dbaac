"""GOV.UK Notify's delivery receipts: what a status means here, and reading a receipt Notify posts to us.

Notify calls the service's callback address with a JSON body (``id``, ``reference``, ``status``,
``completed_at``, ...) and ``Authorization: Bearer <the token set in Notify>``. The token is compared in
constant time; a receipt is read strictly, so that a malformed or forged one changes nothing.
"""

import datetime
import hmac
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from concordat.notifications.models import MessageState

# Notify's final statuses for an email: the state it puts a message in, and what the outbox says.
OUTCOMES = {
    "delivered": (MessageState.DELIVERED, ""),
    "permanent-failure": (
        MessageState.FAILED,
        "GOV.UK Notify: permanent failure (the address does not exist or its provider refused the email)",
    ),
    "temporary-failure": (
        MessageState.FAILED,
        "GOV.UK Notify: temporary failure (the inbox was full or the provider did not answer)",
    ),
    "technical-failure": (MessageState.FAILED, "GOV.UK Notify: technical failure (Notify could not send it)"),
}
MAX_RECEIPT_BYTES = 10_000


class ReceiptError(ValueError):
    """The receipt cannot be read; the message says why, in plain English."""


@dataclass(frozen=True)
class Receipt:
    notification_id: str
    reference: str | None
    status: str
    completed_at: datetime.datetime | None


def authorised(header: str) -> bool:
    """Whether ``Authorization`` carries the configured bearer token (never true while none is set)."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    scheme, _, token = header.partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())


def _completed_at(value: Any) -> datetime.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReceiptError("completed_at must be a date and time, like 2013-06-21T09:30:00.000000Z.")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ReceiptError(f"completed_at is not a date and time: {value[:40]!r}.") from exc
    # Notify writes UTC ("...Z"); a time without a zone is read as UTC too.
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _fields(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_RECEIPT_BYTES:
        raise ReceiptError("The receipt is too long to be one of Notify's.")
    try:
        fields = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReceiptError("The receipt is not JSON.") from exc
    if not isinstance(fields, dict):
        raise ReceiptError("The receipt must be a JSON object.")
    return fields


def parse_receipt(body: bytes) -> Receipt:
    fields = _fields(body)
    notification_id = fields.get("id")
    try:
        uuid.UUID(str(notification_id))
    except ValueError as exc:
        raise ReceiptError("id must be Notify's notification id (a UUID).") from exc
    if not isinstance(notification_id, str):
        raise ReceiptError("id must be Notify's notification id (a UUID).")
    status = fields.get("status")
    if not isinstance(status, str) or status not in OUTCOMES:
        known = ", ".join(OUTCOMES)
        raise ReceiptError(f"status must be one of {known}; got {str(status)[:40]!r}.")
    if fields.get("notification_type", "email") != "email":
        raise ReceiptError("Only email receipts are expected.")
    reference = fields.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise ReceiptError("reference must be text or null.")
    return Receipt(notification_id, reference, str(status), _completed_at(fields.get("completed_at")))
