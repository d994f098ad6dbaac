import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from concordat.notifications import channels
from concordat.notifications.actions import queue_message
from concordat.notifications.models import Message, MessageState, Preference
from concordat.notifications.tasks import deliver, send_message
from concordat.notifications.tests.helpers import send_queued

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2013, 6, 20, 9, 0, tzinfo=datetime.UTC)


def _queue(user: Any, key: str = "test:1", kind: str = "query_raised") -> Message | None:
    return queue_message(
        user,
        kind=kind,
        subject="A query about Harrow's return",
        template="returns/email/query_raised.txt",
        context={"area": "Harrow", "round": "Stocktake", "number": "1", "query": "Explain 2.4 & 2.5."},
        dedup_key=key,
        link="http://127.0.0.1:8000/returns/",
        link_text="Answer the query",
    )


def test_a_queued_message_is_sent_by_the_worker_after_the_commit(
    personas: dict[str, Any], immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _queue(personas["harriet"])
        assert mail.outbox == []  # nothing leaves before the change commits
    [email] = mail.outbox
    assert isinstance(email, EmailMultiAlternatives)
    assert email.to == ["harriet@example.org"]
    assert email.subject == "A query about Harrow's return"
    assert email.body.startswith("Dear Harriet")
    assert "Explain 2.4 & 2.5." in email.body  # plain text is not HTML-escaped
    assert "Answer the query:\nhttp://127.0.0.1:8000/returns/" in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert isinstance(html, str)
    assert "Explain 2.4 &amp; 2.5." in html
    assert '<a href="http://127.0.0.1:8000/returns/">http://127.0.0.1:8000/returns/</a>' in html
    message = Message.objects.get()
    assert (message.state, message.attempts, message.channel) == ("sent", 1, "django")


def test_a_change_that_rolls_back_sends_nothing(personas: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(personas["harriet"])
        raise RuntimeError("the action failed after queueing")
    assert not Message.objects.exists()


def test_the_same_event_is_never_queued_twice(personas: dict[str, Any]) -> None:
    assert _queue(personas["harriet"], "query_raised:7:1") is not None
    assert _queue(personas["harriet"], "query_raised:7:1") is None
    assert len(send_queued()) == 1


def test_a_retry_of_the_send_task_never_sends_twice(personas: dict[str, Any]) -> None:
    message = _queue(personas["harriet"])
    assert message is not None
    assert send_message.call(message.pk) == "sent"
    assert send_message.call(message.pk) == "not queued"
    assert deliver(message.pk) == "not queued"
    assert len(mail.outbox) == 1
    assert Message.objects.get().attempts == 1


def test_a_failed_send_is_retried_with_back_off_then_given_up(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    message = _queue(personas["harriet"])
    assert message is not None

    def refuse(message: Message) -> str:
        raise ConnectionRefusedError("SMTP server not answering")

    monkeypatch.setattr(channels, "send", refuse)
    assert deliver(message.pk, now=NOW) == "will retry"
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("queued", 1)
    assert message.next_attempt_at == NOW + datetime.timedelta(minutes=1)
    assert message.last_error == "ConnectionRefusedError: SMTP server not answering"
    waits = []
    for _ in range(3):
        deliver(message.pk, now=NOW)
        message.refresh_from_db()
        assert message.next_attempt_at is not None
        waits.append(message.next_attempt_at - NOW)
    assert waits == [
        datetime.timedelta(minutes=5),
        datetime.timedelta(minutes=30),
        datetime.timedelta(hours=2),
    ]
    assert deliver(message.pk, now=NOW) == "failed"
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 5)
    assert deliver(message.pk, now=NOW) == "not queued"
    assert mail.outbox == []


def test_a_retry_after_a_failure_sends_once(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    message = _queue(personas["harriet"])
    assert message is not None
    real_send = channels.send
    monkeypatch.setattr(channels, "send", lambda m: (_ for _ in ()).throw(TimeoutError("timed out")))
    deliver(message.pk)
    monkeypatch.setattr(channels, "send", real_send)
    assert deliver(message.pk) == "sent"
    assert deliver(message.pk) == "not queued"
    assert len(mail.outbox) == 1
    assert Message.objects.get().attempts == 2


def test_nothing_is_queued_for_an_optional_message_the_person_turned_off(personas: dict[str, Any]) -> None:
    Preference.objects.create(user=personas["harriet"], kind="query_raised", wanted=False)
    assert _queue(personas["harriet"]) is None
    Preference.objects.create(user=personas["harriet"], kind="password_reset", wanted=False)
    assert _queue(personas["harriet"], "reset:1", kind="password_reset") is not None


def test_nothing_is_queued_for_a_closed_account_or_one_without_an_address(personas: dict[str, Any]) -> None:
    harriet, hamid = personas["harriet"], personas["hamid"]
    harriet.is_active = False
    harriet.save()
    hamid.email = ""
    hamid.save()
    assert _queue(harriet, "a") is None
    assert _queue(hamid, "b") is None


class FakeNotify:
    sent: list[dict[str, Any]] = []

    def __init__(self, api_key: str) -> None:
        assert api_key == "concordat_test-key"

    def send_email_notification(self, **kwargs: Any) -> dict[str, Any]:
        self.sent.append(kwargs)
        return {"id": "6b4f3b4e-notify-id"}

    def get_notification_by_id(self, notification_id: str) -> dict[str, Any]:
        assert notification_id == "6b4f3b4e-notify-id"
        return {"status": "delivered"}


def test_the_notify_channel_sends_subject_and_body_and_reads_delivery(
    personas: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concordat.notifications.tasks import refresh_delivery

    settings.EMAIL_CHANNEL = "notify"
    settings.NOTIFY_API_KEY = "concordat_test-key"
    settings.NOTIFY_TEMPLATE_ID = "f33517ff-template"
    FakeNotify.sent = []
    monkeypatch.setattr(channels, "NotificationsAPIClient", FakeNotify)
    message = _queue(personas["harriet"])
    assert message is not None
    assert deliver(message.pk, now=NOW) == "sent"
    [call] = FakeNotify.sent
    assert call["email_address"] == "harriet@example.org"
    assert call["template_id"] == "f33517ff-template"
    assert call["personalisation"]["subject"] == "A query about Harrow's return"
    assert "Explain 2.4 & 2.5." in call["personalisation"]["body"]
    assert mail.outbox == []
    message.refresh_from_db()
    assert (message.channel, message.provider_id) == ("notify", "6b4f3b4e-notify-id")
    assert refresh_delivery(NOW + datetime.timedelta(hours=1)) == 1
    message.refresh_from_db()
    assert message.state == MessageState.DELIVERED


def test_the_sweep_re_enqueues_retries_that_are_due_and_messages_whose_task_was_lost(
    personas: dict[str, Any], immediate_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concordat.notifications.tasks import retry_due

    lost = _queue(personas["harriet"], "lost")
    failing = _queue(personas["hamid"], "failing")
    fresh = _queue(personas["leo"], "fresh")
    assert lost and failing and fresh
    Message.objects.filter(pk=lost.pk).update(queued_at=NOW - datetime.timedelta(minutes=16))
    Message.objects.filter(pk=fresh.pk).update(queued_at=NOW - datetime.timedelta(minutes=14))
    Message.objects.filter(pk=failing.pk).update(
        queued_at=NOW - datetime.timedelta(hours=1),
        attempts=1,
        next_attempt_at=NOW - datetime.timedelta(seconds=1),
    )
    assert retry_due(NOW) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["hamid@example.org", "harriet@example.org"]
    assert Message.objects.get(pk=fresh.pk).state == MessageState.QUEUED
