"""Tasks left RUNNING by a dead worker go back to READY; a live worker's tasks are left alone."""

from datetime import timedelta
from typing import Any

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concordat.audit.models import AuditEvent
from concordat.operations import actions
from concordat.operations.models import WorkerHeartbeat
from concordat.operations.tasks import run_probe


def _claimed_by(worker_id: str, *, beat_seconds_ago: float | None) -> DBTaskResult[Any, Any]:
    if beat_seconds_ago is not None:
        seen = timezone.now() - timedelta(seconds=beat_seconds_ago)
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, hostname="h", pid=1, started_at=seen, last_seen_at=seen
        )
    result = DBTaskResult.objects.get(pk=run_probe.enqueue(key=worker_id).id)
    result.claim(worker_id)
    return result


@pytest.mark.django_db
def test_only_tasks_of_workers_whose_heartbeat_went_stale_are_requeued(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    dead = _claimed_by("dead", beat_seconds_ago=120)
    alive = _claimed_by("alive", beat_seconds_ago=1)
    unknown = _claimed_by("no-heartbeat", beat_seconds_ago=None)
    events = AuditEvent.objects.count()

    requeued = actions.requeue_abandoned_tasks(stale_before=timezone.now() - timedelta(seconds=60))

    assert requeued == [str(dead.pk)]
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses == {
        dead.pk: TaskResultStatus.READY,
        alive.pk: TaskResultStatus.RUNNING,
        unknown.pk: TaskResultStatus.RUNNING,
    }
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == events + 1 and event is not None
    assert event.verb == "task requeued" and event.data["dead_worker"] == "dead"


@pytest.mark.django_db
def test_a_stopped_workers_running_task_is_requeued(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    stopped = _claimed_by("stopped", beat_seconds_ago=1)
    actions.mark_worker_stopped("stopped")
    assert actions.requeue_abandoned_tasks(stale_before=timezone.now() - timedelta(seconds=60)) == [
        str(stopped.pk)
    ]


def test_a_stale_limit_under_three_heartbeats_is_warned(settings: Any) -> None:
    from concordat.operations.checks import check_worker_timing

    settings.WORKER_HEARTBEAT_SECONDS = 10
    settings.WORKER_STALE_SECONDS = 20
    assert [message.id for message in check_worker_timing()] == ["concordat.W002"]
    settings.WORKER_STALE_SECONDS = 60
    assert check_worker_timing() == []
