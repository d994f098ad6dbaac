"""``concordat worker``'s heartbeat and the recovery of tasks that a dead worker left running.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again; if that worker is
killed (``kill -9``, out of memory, its machine lost) the task would stay RUNNING for ever. Every
``concordat worker`` records a heartbeat row and touches it from a background thread; any worker puts back
to READY the tasks whose claiming worker's heartbeat is older than ``WORKER_STALE_SECONDS``, so they run
again. Tasks are therefore run *at least once*, and must be idempotent (see ``operations.tasks``).
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from concordat.operations import actions
from concordat.operations.models import WorkerHeartbeat

logger = logging.getLogger("concordat.worker")


def register(worker_id: str) -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname=socket.gethostname()[:255],
        pid=os.getpid(),
        started_at=now,
        last_seen_at=now,
    )


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen_at=timezone.now())


def stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)


def freshest_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.filter(stopped_at__isnull=True).order_by("-last_seen_at").first()


class Heartbeat(threading.Thread):
    """Touches the worker's row every ``interval`` seconds and reclaims dead workers' tasks."""

    def __init__(self, worker_id: str, interval: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.tick()

    def tick(self) -> None:
        try:
            beat(self.worker_id)
            actions.requeue_abandoned_tasks(stale_before=stale_before())
        except DatabaseError:
            # The database is restarting or unreachable: the next beat tries again on a new connection.
            logger.warning("Worker %s could not record its heartbeat", self.worker_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=self.interval + 5)
