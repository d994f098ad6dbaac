"""A challenge emails the owning organisation; an update falling due emails it once per step."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from concordat.commitments.notices import updates_due
from concordat.notifications.tests.helpers import send_queued

pytestmark = pytest.mark.django_db


def test_a_challenge_is_emailed_to_the_organisation_that_owns_the_commitment(
    login: Callable[..., Any], org_users: Any
) -> None:
    login("mark").post("/commitments/K-NHSCB-01/challenge/", {"text": "Families say registers miss people."})
    [email] = send_queued()
    assert email.to == ["olivia@example.org"]
    assert email.subject == "Mencap has challenged commitment K-NHSCB-01"
    assert "Families say registers miss people." in email.body
    assert "http://127.0.0.1:8000/commitments/K-NHSCB-01/" in email.body


def test_an_update_due_is_emailed_before_the_deadline_and_once_when_overdue(org_users: Any) -> None:
    # K-NHSCB-01 is due "no later than 1 April 2013", owned by the NHS Commissioning Board (olivia).
    assert "olivia: update due on K-NHSCB-01 (due-soon)" not in updates_due(datetime.date(2013, 3, 17))
    assert "olivia: update due on K-NHSCB-01 (due-soon)" in updates_due(datetime.date(2013, 3, 18))
    updates_due(datetime.date(2013, 3, 25))  # the same step: not sent again
    emails = [e for e in send_queued() if "K-NHSCB-01" in e.subject]
    assert [e.subject for e in emails] == ["Commitment K-NHSCB-01 is due by 1 April 2013: record an update"]
    assert "http://127.0.0.1:8000/commitments/K-NHSCB-01/update/" in emails[0].body
    mail.outbox.clear()
    updates_due(datetime.date(2013, 4, 2))
    updates_due(datetime.date(2013, 4, 9))
    emails = [e for e in send_queued() if "K-NHSCB-01" in e.subject]
    assert [e.subject for e in emails] == ["Commitment K-NHSCB-01 was due by 1 April 2013: record an update"]
    assert "has not been recorded as complete" in emails[0].body


def test_a_completed_commitment_is_not_chased(org_users: Any, record: Callable[..., Any]) -> None:
    record("K-NHSCB-01", "complete", "2013-03-01", by="olivia")
    assert not [line for line in updates_due(datetime.date(2013, 3, 20)) if "K-NHSCB-01" in line]
