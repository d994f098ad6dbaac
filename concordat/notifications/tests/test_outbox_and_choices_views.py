import datetime
from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.notifications.actions import queue_message
from concordat.notifications.models import Message, Preference
from concordat.notifications.tests.helpers import send_queued

pytestmark = pytest.mark.django_db


def _queue(user: Any, n: int) -> None:
    queue_message(
        user,
        kind="return_accepted",
        subject=f"Message number {n}",
        template="returns/email/return_accepted.txt",
        context={"area": "Harrow", "round": "Stocktake", "number": "1", "comment": ""},
        dedup_key=f"outbox-test:{n}",
    )


def test_the_national_team_sees_what_was_sent_to_whom_and_when_a_page_at_a_time(
    login: Any, personas: dict[str, Any]
) -> None:
    for n in range(1, 53):
        _queue(personas["harriet"], n)
    send_queued()
    _queue(personas["hamid"], 99)  # still queued
    client = login("nadia")
    first = client.get("/emails/").content.decode()
    assert "53 emails" in first
    assert "Message number 99" in first and "hamid@example.org" in first
    assert "Queued" in first and "Not yet" in first
    assert "Page 1 of 2" in first
    second = client.get("/emails/?page=2").content.decode()
    assert "Message number 1<" in second
    assert "Message number 52" not in second
    queued = client.get("/emails/?state=queued").content.decode()
    assert "1 email<" in queued and "Message number 99" in queued


def test_the_outbox_is_for_the_national_team_only(login: Any) -> None:
    assert login("harriet").get("/emails/").status_code == 403


def test_the_account_page_links_to_the_email_choices(login: Any) -> None:
    page = login("harriet").get("/account/").content.decode()
    assert 'href="/emails/choices/"' in page
    assert 'href="/emails/"' not in page
    assert 'href="/emails/"' in login("nadia").get("/account/").content.decode()


def test_a_person_turns_optional_emails_off_and_on_and_security_emails_stay(
    login: Any, personas: dict[str, Any]
) -> None:
    client = login("hugh")
    page = client.get("/emails/choices/").content.decode()
    assert "Emails you always get" in page
    assert "A link to reset your password" in page
    assert 'name="password_reset"' not in page  # not a choice
    assert page.count("checked") == 10  # every optional email is on to start with
    response = client.post("/emails/choices/", {"awaiting_signature": "on"})
    assert response["Location"] == "/emails/choices/"
    off = set(Preference.objects.filter(user=personas["hugh"], wanted=False).values_list("kind", flat=True))
    assert "awaiting_signature" not in off
    assert {"return_accepted", "deadline_reminder", "challenge"} <= off
    assert AuditEvent.objects.filter(verb="account.email_preferences_changed").count() == 1
    assert client.get("/emails/choices/").content.decode().count("checked") == 1


def test_the_outbox_gives_times_in_govuk_style(login: Any, personas: dict[str, Any]) -> None:
    _queue(personas["harriet"], 1)
    # 17:05 UTC on 2 December is 5:05pm in London (GMT): written as GOV.UK writes times, not "5:05 p.m.".
    Message.objects.update(queued_at=datetime.datetime(2026, 12, 2, 17, 5, tzinfo=datetime.UTC))
    page = login("nadia").get("/emails/").content.decode()
    assert "2 December 2026 at 5:05pm" in page
    assert "p.m." not in page
