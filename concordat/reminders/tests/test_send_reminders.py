"""``concordat send-reminders`` across the June 2013 stocktake's dates, with a fixed as-at date."""

import datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from concordat.audit.models import AuditEvent
from concordat.notifications.models import Message
from concordat.notifications.tests.helpers import send_queued
from concordat.reminders.models import ReminderSchedule
from concordat.returns import actions
from concordat.returns.tests.builders import submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def _run(rnd: Any, as_at: str, *extra: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--round", rnd.slug, "--as-at", as_at, *extra, stdout=out)
    return out.getvalue()


def _sent(rnd: Any, as_at: str) -> list[tuple[str, str]]:
    _run(rnd, as_at)
    emails = sorted((e.to[0], e.subject) for e in send_queued())
    mail.outbox.clear()
    return emails


def test_editors_of_areas_that_have_not_submitted_are_reminded_once_per_step(stocktake: Any) -> None:
    assert _sent(stocktake, "2013-06-20") == []
    assert _sent(stocktake, "2013-06-21") == [
        ("hamid@example.org", "Harrow's return is due in 14 days, on 5 July 2013"),
        ("harriet@example.org", "Harrow's return is due in 14 days, on 5 July 2013"),
        ("leo@example.org", "Leeds's return is due in 14 days, on 5 July 2013"),
    ]
    assert _sent(stocktake, "2013-06-21") == []  # the same step again: nothing
    assert _sent(stocktake, "2013-06-25") == []
    assert [s for _, s in _sent(stocktake, "2013-06-28")] == [
        "Harrow's return is due in 7 days, on 5 July 2013"
    ] * 2 + ["Leeds's return is due in 7 days, on 5 July 2013"]
    assert next(s for _, s in _sent(stocktake, "2013-07-05")) == ("Harrow's return is due today, 5 July 2013")
    late = _sent(stocktake, "2013-07-12")
    assert late[0] == ("hamid@example.org", "Harrow's return was due on 5 July 2013")
    assert _sent(stocktake, "2013-07-13") == []
    assert len(_sent(stocktake, "2013-07-19")) == 3


def test_after_submission_the_signatories_who_have_not_signed_are_reminded(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    actions.sign_version(version, "hwb_chair", seen_hash=version.content_hash, acting_user=personas["hugh"])
    send_queued()
    mail.outbox.clear()
    sent = _sent(stocktake, "2013-07-03")
    assert sent == [
        ("hari@example.org", "Sign Harrow's return: it is due in 2 days, on 5 July 2013"),
        ("helen@example.org", "Sign Harrow's return: it is due in 2 days, on 5 July 2013"),
        ("leo@example.org", "Leeds's return is due in 2 days, on 5 July 2013"),
    ]
    helen = Message.objects.get(address="helen@example.org", kind="signature_reminder")
    assert f"/rounds/{stocktake.slug}/areas/{HARROW}/versions/1/sign/" in helen.body


def test_a_dry_run_shows_who_would_be_told_what_and_sends_nothing(stocktake: Any) -> None:
    out = _run(stocktake, "2013-06-21", "--dry-run")
    assert "harriet <harriet@example.org> [before-14] Harrow's return is due in 14" in out
    assert "Would send 3 reminder(s) for stocktake-2013 on 2013-06-21 (step before-14, 2013-06-21)" in out
    assert not Message.objects.exists()
    _run(stocktake, "2013-06-21")
    assert "Would send 0 reminder(s)" in _run(stocktake, "2013-06-21", "--dry-run")
    assert "3 already sent for this step" in _run(stocktake, "2013-06-21", "--dry-run")


def test_a_rounds_own_schedule_is_used(stocktake: Any) -> None:
    out = _run(stocktake, "2013-06-21", "--set-days-before", "10", "--weekly-when-late", "no")
    assert "No reminders are due" in out
    assert ReminderSchedule.objects.get(round=stocktake).days_before == [10]
    assert AuditEvent.objects.filter(verb="round.reminder_schedule_set").count() == 1
    assert "Queued 3 reminder(s) for stocktake-2013 on 2013-06-25 (step before-10" in _run(
        stocktake, "2013-06-25"
    )
    # Not weekly when late: a week after the deadline the last step is still the 10-day one, already sent.
    assert "Queued 0 reminder(s)" in _run(stocktake, "2013-07-12")


def test_a_schedule_of_nonsense_is_refused(stocktake: Any) -> None:
    with pytest.raises(CommandError, match="whole numbers of days"):
        _run(stocktake, "2013-06-21", "--set-days-before", "14,soon")
    with pytest.raises(CommandError, match="between 0 and 120"):
        _run(stocktake, "2013-06-21", "--set-days-before", "-3")
    assert not ReminderSchedule.objects.exists()


def test_a_closed_round_sends_no_reminders(stocktake: Any, personas: dict[str, Any]) -> None:
    actions.close_round(stocktake, acting_user=personas["nadia"])
    assert "No reminders are due for stocktake-2013 on 2013-06-21 (round closed)." in _run(
        stocktake, "2013-06-21"
    )


def test_the_daily_run_is_started_once_and_re_enqueues_itself(stocktake: Any, database_tasks: None) -> None:
    from concordat.reminders.daily import daily_reminders

    first, second = StringIO(), StringIO()
    call_command("send_reminders", "--schedule", stdout=first)
    call_command("send_reminders", "--schedule", stdout=second)
    assert "The daily reminders run is scheduled for" in first.getvalue()
    assert "already scheduled" in second.getvalue()
    [waiting] = DBTaskResult.objects.filter(task_path=daily_reminders.module_path, status="READY")
    assert waiting.run_after > datetime.datetime.now(datetime.UTC)
    assert (waiting.run_after.astimezone(ZoneInfo("Europe/London")).hour, waiting.run_after.minute) == (7, 0)
    waiting.delete()
    counts = daily_reminders.call()  # as the worker runs it: today's reminders, then tomorrow's run
    assert counts[stocktake.slug] == 3  # the stocktake is long past its deadline: a weekly late reminder
    assert DBTaskResult.objects.filter(task_path=daily_reminders.module_path, status="READY").count() == 1
