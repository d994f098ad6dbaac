"""The worker's own tasks: the probe, enqueued by ``concordat check-worker`` (and the fault tests) to prove a
worker runs tasks, and the daily sweep of orphan uploaded files.

Workers run a task at least once: a worker killed mid-task has its task run again by another
(``operations.worker``). So a task's effect must be idempotent; this one shows the pattern — count the
attempt, then apply the effect in one transaction that first checks whether it was already applied.
"""

import datetime
import time

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concordat.operations.files import sweep_files
from concordat.operations.models import TaskProbe

MAX_HOLD_SECONDS = 60.0


@task()
def run_probe(key: str, hold_seconds: float = 0.0) -> int:
    """Apply the probe's effect once. ``hold_seconds`` keeps the first attempt's transaction open and
    uncommitted, so a fault test can kill the worker in the middle of it."""
    TaskProbe.objects.get_or_create(key=key)
    TaskProbe.objects.filter(key=key).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        probe = TaskProbe.objects.select_for_update().get(key=key)
        if probe.completed_at is None:
            probe.effects += 1
            probe.completed_at = timezone.now()
            probe.save(update_fields=["effects", "completed_at"])
            if probe.attempts == 1:
                time.sleep(min(max(hold_seconds, 0.0), MAX_HOLD_SECONDS))
    return probe.effects


SWEEP_AT = datetime.time(3, 0)  # a quiet hour, after the night's uploads have settled
SWEEP_GRACE = datetime.timedelta(hours=24)  # as ``concordat sweep-files``: an upload may still be finishing


def schedule_sweep(after: datetime.date) -> datetime.datetime | None:
    """Enqueue the next nightly sweep unless one is already waiting (or the backend cannot defer).

    Every worker calls it when it starts, so a deployment needs no separate scheduler and two workers
    still keep one sweep waiting."""
    if not daily_file_sweep.get_backend().supports_defer:
        return None
    if DBTaskResult.objects.filter(task_path=daily_file_sweep.module_path, status="READY").exists():
        return None
    run_after = timezone.make_aware(datetime.datetime.combine(after + datetime.timedelta(days=1), SWEEP_AT))
    daily_file_sweep.using(run_after=run_after).enqueue()
    return run_after


@task()
def daily_file_sweep() -> int:
    """Delete uploaded files no row refers to, older than the grace period; then wait for the next night.
    Idempotent: a second run finds nothing more to delete."""
    now = timezone.now()
    found = sweep_files(now=now, grace=SWEEP_GRACE, delete=True)
    schedule_sweep(timezone.localdate(now))
    return len(found.orphans)
