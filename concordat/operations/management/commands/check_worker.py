"""``concordat check-worker``: enqueue the probe task, wait until a worker has run it (a deployment check)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import TaskResultStatus
from django.utils.crypto import get_random_string

from concordat.operations.tasks import run_probe


class Command(BaseCommand):
    help = "Enqueue a probe task and wait for a worker to run it; fails after --timeout seconds."
    # Needs only the database and storage settings: skip the URL and model checks (seconds on a busy host).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=60.0, help="Seconds to wait (default 60).")

    def handle(self, *args: Any, **options: Any) -> None:
        result = run_probe.enqueue(key=f"check-{get_random_string(16)}")
        deadline = time.monotonic() + options["timeout"]
        while time.monotonic() < deadline:
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                self.stdout.write(f"A worker ran the probe task in {self._took(result)}.")
                return
            if result.status == TaskResultStatus.FAILED:
                raise CommandError("The probe task failed: see the worker's log.")
            time.sleep(0.5)
        raise CommandError(
            f"No worker ran the probe task within {options['timeout']:g}s: is `concordat worker` running?"
        )

    @staticmethod
    def _took(result: Any) -> str:
        if result.finished_at and result.enqueued_at:
            return f"{(result.finished_at - result.enqueued_at).total_seconds():.1f}s"
        return "time"
