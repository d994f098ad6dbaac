"""``concordat sweep-files [--delete] [--grace-hours N]``: uploaded files no row refers to.

See concordat/operations/files.py.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from concordat.operations.files import sweep_files


class Command(BaseCommand):
    help = (
        "List uploaded files that no database row refers to (left by a process killed mid-upload), older "
        "than "
        "the grace period; with --delete, delete them. Schedule it daily with --delete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="Delete the orphan files found.")
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=24.0,
            help="Leave files younger than this alone: their upload may still be finishing (default 24).",
        )

    def handle(self, *args: Any, delete: bool, grace_hours: float, **options: Any) -> None:
        found = sweep_files(now=timezone.now(), grace=datetime.timedelta(hours=grace_hours), delete=delete)
        for name in found.orphans:
            self.stdout.write(f"{'Deleted' if delete else 'Orphan'}: {name}")
        self.stdout.write(
            f"{len(found.orphans)} orphan {'file' if len(found.orphans) == 1 else 'files'}"
            f"{' deleted' if delete else ' (run with --delete to delete them)'}; "
            f"{found.referenced} in use; {found.too_recent} unreferenced but younger than "
            f"{grace_hours:g} hours."
        )
