"""What the running service records about itself: worker heartbeats, and the probe task's effects."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per ``concordat worker`` process, touched every ``WORKER_HEARTBEAT_SECONDS`` while it lives.

    ``/healthz`` reads the freshest row; a worker that starts reclaims tasks left running by workers whose
    heartbeat went stale (killed, or their machine lost).
    """

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname} (pid {self.pid})"


class TaskProbe(models.Model):
    """The effect of the probe task (``operations.tasks.run_probe``): proves a worker runs tasks end to end.

    ``attempts`` counts runs (committed as each run starts); ``effects`` counts completed effects, which
    stays 1 however often a run is repeated after a crash.
    """

    key = models.CharField(max_length=100, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    effects = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"probe {self.key}"
