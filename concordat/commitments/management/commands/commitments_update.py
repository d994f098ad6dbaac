"""``concordat commitments-update --as-at DATE --format html|pdf|csv|ods --output FILE``."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.commitments.document import FORMATS, render


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-at must be a date like 2013-06-30, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Write the commitments update document: each commitment's status as at a date, from recorded updates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-at", required=True, help="The date, e.g. 2013-06-30.")
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("--output", required=True, help="The file to write ('-' for standard output).")

    def handle(self, *args: Any, **options: Any) -> None:
        as_at = _date(options["as_at"])
        content = render(as_at, options["format"])
        if options["output"] == "-":
            self.stdout.write(content.decode("utf-8", errors="replace"))
            return
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"Wrote {options['output']} ({options['format']}, status as at {as_at:%d %B %Y}).")
