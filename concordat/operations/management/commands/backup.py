"""``concordat backup --output DIR``: the database, the uploaded files and a manifest (operations.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new directory, with a manifest of checksums."
    # Needs only the database and storage settings: skip the URL and model checks (seconds on a busy host).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="A new or empty directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["output"])
        except BackupError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(
            f"Backed up {summary.tables} tables ({summary.rows} rows) and {summary.files} files "
            f"to {options['output']}."
        )
