"""``concordat worker``: run background tasks (django-tasks-db's ``db_worker``) with a heartbeat.

It refuses development keys with DEBUG off, as ``concordat serve`` does (the tasks it runs build signed
links and pseudonyms with them). Before it takes work, the worker records its heartbeat and puts back to
READY any task a dead worker left RUNNING (``operations.worker``); a background thread keeps doing both
every ``WORKER_HEARTBEAT_SECONDS``. It also keeps the nightly sweep of orphan uploaded files waiting
(``operations.tasks.daily_file_sweep``).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from concordat.operations import actions, worker
from concordat.operations.checks import refuse_unsafe_settings
from concordat.operations.tasks import schedule_sweep


class Command(BaseCommand):
    help = "Run the background task worker, recording a heartbeat that /healthz reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue-name", default="default", help="Queues to process, comma-separated; '*' for all."
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Exit after this many tasks.")
        parser.add_argument("--batch", action="store_true", help="Run the outstanding tasks, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            refuse_unsafe_settings()
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from None
        worker_id = get_random_string(32)
        worker.register(worker_id)
        actions.requeue_abandoned_tasks(stale_before=worker.stale_before())
        schedule_sweep(timezone.localdate())
        connection.close()
        heartbeat = worker.Heartbeat(worker_id, settings.WORKER_HEARTBEAT_SECONDS)
        heartbeat.start()
        self.stdout.write(
            f"Worker {worker_id} started; heartbeat every {settings.WORKER_HEARTBEAT_SECONDS:g}s."
        )
        try:
            call_command(
                "db_worker",
                queue_name=options["queue_name"],
                interval=options["interval"],
                max_tasks=options["max_tasks"],
                batch=options["batch"],
                worker_id=worker_id,
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
                stdout=self.stdout,
            )
        finally:
            heartbeat.stop()
            actions.mark_worker_stopped(worker_id)
            connection.close()
