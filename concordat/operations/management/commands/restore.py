"""``concordat restore DIR``: restore a backup into an empty database and storage (operations.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `concordat backup` into an empty database; checksums are verified first."
    # Needs only the database and storage settings: skip the URL and model checks (seconds on a busy host).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="The backup directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(options["source"])
        except BackupError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Restored {summary.tables} tables ({summary.rows} rows, each table's count as in the backup) "
            f"and {summary.files} files."
        )
