"""GOV.UK Notify's delivery receipts at POST /emails/notify/receipts/: good, forged and malformed bodies."""

import datetime
import hmac
import json
from typing import Any

import pytest
from django.test import Client

from concordat.audit.models import AuditEvent
from concordat.notifications.actions import queue_message
from concordat.notifications.models import Message

pytestmark = pytest.mark.django_db
URL = "/emails/notify/receipts/"
TOKEN = "notify-callback-token-7c41e0d2"
NOTIFICATION_ID = "740e5834-3a29-46b4-9a6f-16142fde533a"


@pytest.fixture
def sent(personas: dict[str, Any], settings: Any) -> Message:
    """A message Notify accepted (as the send task leaves it), with the callback token configured."""
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN
    message = queue_message(
        personas["harriet"],
        kind="query_raised",
        subject="A query about Harrow's return",
        template="returns/email/query_raised.txt",
        context={"area": "Harrow", "round": "Stocktake", "number": "1", "query": "Explain 2.4."},
        dedup_key="receipt-test",
    )
    assert message is not None
    now = datetime.datetime.now(datetime.UTC)
    Message.objects.filter(pk=message.pk).update(
        state="sent", channel="notify", provider_id=NOTIFICATION_ID, sent_at=now
    )
    message.refresh_from_db()
    return message


def _receipt(message: Message, **changes: Any) -> dict[str, Any]:
    body = {
        "id": NOTIFICATION_ID,
        "reference": f"concordat-{message.pk}",
        "to": "harriet@example.org",
        "status": "delivered",
        "created_at": "2013-06-21T09:30:00.000000Z",
        "completed_at": "2013-06-21T09:30:05.000000Z",
        "sent_at": "2013-06-21T09:30:01.000000Z",
        "notification_type": "email",
        "template_id": "f33517ff-0000-4000-8000-000000000000",
        "template_version": 1,
    }
    body.update(changes)
    return body


def _post(body: Any, token: str | None = TOKEN, raw: bytes | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    data = raw if raw is not None else json.dumps(body).encode()
    return Client(enforce_csrf_checks=True).post(URL, data, content_type="application/json", headers=headers)


def _unchanged(message: Message) -> bool:
    before = (message.state, message.delivered_at, message.last_error)
    message.refresh_from_db()
    untouched = (message.state, message.delivered_at, message.last_error) == before
    return untouched and not AuditEvent.objects.filter(verb="email.delivery_reported").exists()


def test_a_delivered_receipt_marks_the_message_delivered_and_the_outbox_shows_it(
    sent: Message, login: Any
) -> None:
    response = _post(_receipt(sent))
    assert response.status_code == 200
    assert response.json() == {"state": "delivered", "changed": True}
    sent.refresh_from_db()
    assert sent.state == "delivered"
    assert sent.delivered_at == datetime.datetime(2013, 6, 21, 9, 30, 5, tzinfo=datetime.UTC)
    [event] = AuditEvent.objects.filter(verb="email.delivery_reported")
    assert event.data == {"status": "delivered", "source": "notify receipt"}
    page = login("nadia").get("/emails/?state=delivered").content.decode()
    assert "A query about Harrow&#x27;s return" in page and "govuk-tag--green" in page
    assert 'Delivered</strong><br><span class="govuk-body-s">21 June 2013 at 10:30am</span>' in page  # BST

    # Notify retries a receipt it thinks was lost: the second changes nothing.
    assert _post(_receipt(sent)).json() == {"state": "delivered", "changed": False}
    assert AuditEvent.objects.filter(verb="email.delivery_reported").count() == 1


def test_a_failure_receipt_marks_the_message_failed_with_the_reason(sent: Message, login: Any) -> None:
    assert _post(_receipt(sent, status="permanent-failure")).status_code == 200
    sent.refresh_from_db()
    assert sent.state == "failed"
    assert sent.last_error.startswith("GOV.UK Notify: permanent failure (the address does not exist")
    page = login("nadia").get("/emails/?state=failed").content.decode()
    assert "GOV.UK Notify: permanent failure" in page
    # A later "delivered" for the same message does not overwrite its final status.
    assert _post(_receipt(sent)).json() == {"state": "failed", "changed": False}


@pytest.mark.parametrize(
    "token",
    [None, "", "wrong-token-of-the-same-size", TOKEN[:-1], TOKEN + "x", f"{TOKEN} extra"],
)
def test_a_receipt_without_the_right_bearer_token_is_refused(sent: Message, token: str | None) -> None:
    response = _post(_receipt(sent, status="permanent-failure"), token=token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert _unchanged(sent)


def test_the_token_in_another_scheme_is_refused(sent: Message) -> None:
    response = Client().post(
        URL, _receipt(sent), content_type="application/json", headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert response.status_code == 401
    assert _unchanged(sent)


def test_no_receipt_is_accepted_while_no_token_is_configured(sent: Message, settings: Any) -> None:
    settings.NOTIFY_CALLBACK_TOKEN = ""
    assert _post(_receipt(sent), token="").status_code == 401
    assert _unchanged(sent)


def test_the_token_is_compared_in_constant_time(sent: Message, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert _post(_receipt(sent), token="guess").status_code == 401
    assert compared == [(b"guess", TOKEN.encode())]


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"status=delivered", "The receipt is not JSON."),
        (b"\xff\xfe", "The receipt is not JSON."),
        (b'["delivered"]', "The receipt must be a JSON object."),
        (b"{" + b'"a": "' + b"x" * 10_001 + b'"}', "The receipt is too long to be one of Notify's."),
    ],
)
def test_a_receipt_that_is_not_a_json_object_is_refused(sent: Message, raw: bytes, error: str) -> None:
    response = _post(None, raw=raw)
    assert (response.status_code, response.json()) == (400, {"error": error})
    assert _unchanged(sent)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"id": None}, "id must be Notify's notification id (a UUID)."),
        ({"id": "not-a-uuid"}, "id must be Notify's notification id (a UUID)."),
        ({"id": 740}, "id must be Notify's notification id (a UUID)."),
        ({"status": "read-by-recipient"}, "status must be one of delivered, permanent-failure"),
        ({"status": ["delivered"]}, "status must be one of"),
        ({"notification_type": "sms"}, "Only email receipts are expected."),
        ({"reference": 12}, "reference must be text or null."),
        ({"completed_at": "yesterday"}, "completed_at is not a date and time: 'yesterday'."),
        ({"completed_at": 1371807005}, "completed_at must be a date and time"),
    ],
)
def test_a_malformed_receipt_is_refused_in_plain_english(
    sent: Message, changes: dict[str, Any], error: str
) -> None:
    response = _post(_receipt(sent, **changes))
    assert response.status_code == 400
    assert response.json()["error"].startswith(error)
    assert _unchanged(sent)


@pytest.mark.parametrize(
    "changes",
    [{"id": "00000000-0000-4000-8000-000000000000"}, {"reference": "concordat-999999"}],
)
def test_a_receipt_for_an_email_we_did_not_send_is_refused(sent: Message, changes: dict[str, Any]) -> None:
    response = _post(_receipt(sent, **changes))
    assert response.status_code == 404
    assert _unchanged(sent)


def test_a_receipt_without_a_reference_or_time_is_read_by_its_id(sent: Message) -> None:
    assert _post(_receipt(sent, reference=None, completed_at=None)).status_code == 200
    sent.refresh_from_db()
    assert sent.state == "delivered" and sent.delivered_at is not None


def test_a_receipt_must_be_posted(sent: Message) -> None:
    assert Client().get(URL, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 405
    assert _unchanged(sent)
