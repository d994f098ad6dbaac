"""Writes the running service makes about itself: each atomic and audited."""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concordat.audit.actions import record
from concordat.operations.models import WorkerHeartbeat


@transaction.atomic
def requeue_abandoned_tasks(*, stale_before: datetime) -> list[str]:
    """Put back to READY the RUNNING tasks whose worker stopped, or beat last before ``stale_before``.

    Only tasks claimed by a ``concordat worker`` (one with a heartbeat row) are considered: a task claimed by
    a worker that records no heartbeat is never taken from it.
    """
    running = list(
        DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=TaskResultStatus.RUNNING)
    )
    claimants = {result.worker_ids[-1] for result in running if result.worker_ids}
    dead = set(
        WorkerHeartbeat.objects.filter(worker_id__in=claimants)
        .filter(Q(last_seen_at__lt=stale_before) | Q(stopped_at__isnull=False))
        .values_list("worker_id", flat=True)
    )
    requeued = []
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in dead:
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            record(
                None,
                "task requeued",
                result,
                data={"task": result.task_path, "dead_worker": result.worker_ids[-1]},
            )
            requeued.append(str(result.pk))
    return requeued


@transaction.atomic
def mark_worker_stopped(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())
