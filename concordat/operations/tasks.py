"""The probe task: enqueued by ``concordat check-worker`` (and the fault tests) to prove a worker runs tasks.

Workers run a task at least once: a worker killed mid-task has its task run again by another
(``operations.worker``). So a task's effect must be idempotent; this one shows the pattern — count the
attempt, then apply the effect in one transaction that first checks whether it was already applied.
"""

import time

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

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
