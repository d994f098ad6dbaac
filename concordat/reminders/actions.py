"""Changing a round's reminder schedule: one transaction, one audit event."""

from typing import Any

from django.db import transaction

from concordat.audit.actions import record
from concordat.reminders.models import ReminderSchedule
from concordat.returns.models import Round

MAX_DAYS_BEFORE = 120


class ScheduleError(ValueError):
    """The schedule asked for makes no sense; the message says why."""


@transaction.atomic
def set_schedule(
    rnd: Round, *, days_before: list[int], weekly_when_late: bool, acting_user: Any
) -> ReminderSchedule:
    days = sorted(set(days_before), reverse=True)
    if any(d < 0 or d > MAX_DAYS_BEFORE for d in days):
        raise ScheduleError(f"Days before the deadline must be between 0 and {MAX_DAYS_BEFORE}.")
    schedule, _ = ReminderSchedule.objects.update_or_create(
        round=rnd, defaults={"days_before": days, "weekly_when_late": weekly_when_late}
    )
    record(
        acting_user,
        "round.reminder_schedule_set",
        rnd,
        data={"days_before": days, "weekly_when_late": weekly_when_late},
    )
    return schedule
