"""The daily run: every open round's reminders, commitments' updates due, and the email retry sweep.

``daily_reminders`` re-enqueues itself for 07:00 the next day (``run_after``). It is started by
``concordat send-reminders --schedule``, which does nothing when a run is already waiting, so it is
safe to call on every deploy.
"""

import datetime
from dataclasses import dataclass, field

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concordat.commitments.notices import updates_due
from concordat.notifications.tasks import refresh_delivery, retry_due
from concordat.reminders import rounds
from concordat.returns.models import Round, RoundState

RUN_AT = datetime.time(7, 0)


@dataclass
class Outcome:
    queued: list[str] = field(default_factory=list)
    already_sent: int = 0


def send_round(rnd: Round, as_at: datetime.date, *, dry_run: bool = False) -> Outcome:
    outcome = Outcome()
    reminders = rounds.plan(rnd, as_at)
    sent_before = rounds.already_sent(reminders)
    for reminder in reminders:
        if reminder.dedup_key in sent_before:
            outcome.already_sent += 1
        elif dry_run or rounds.send(reminder):
            outcome.queued.append(reminder.describe())
    return outcome


def run_all(as_at: datetime.date) -> dict[str, int]:
    counts = {}
    for rnd in Round.objects.filter(state=RoundState.OPEN, synthetic=False):
        counts[rnd.slug] = len(send_round(rnd, as_at).queued)
    counts["commitment updates due"] = len(updates_due(as_at))
    return counts


def next_run(after: datetime.date) -> datetime.datetime:
    day = after + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, RUN_AT))


def waiting_runs() -> int:
    return DBTaskResult.objects.filter(task_path=daily_reminders.module_path, status="READY").count()


def schedule_next(after: datetime.date) -> datetime.datetime | None:
    """Enqueue the next daily run unless one is already waiting (or the backend cannot defer)."""
    if not daily_reminders.get_backend().supports_defer or waiting_runs():
        return None
    run_after = next_run(after)
    daily_reminders.using(run_after=run_after).enqueue()
    return run_after


@task()
def daily_reminders() -> dict[str, int]:
    now = timezone.now()
    today = timezone.localdate(now)
    counts = run_all(today)
    counts["email retries"] = retry_due(now)
    counts["delivered"] = refresh_delivery(now)
    schedule_next(today)
    return counts
