"""``concordat national-report --round ROUND --format FMT --output FILE [--provisional] [--as-at DATE]``."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from concordat.analysis.report import FORMATS, ReportError, build_report, parse_as_at, render
from concordat.returns.models import Round


class Command(BaseCommand):
    help = "Build the national stocktake report for a round, as at a date, in one format."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True)
        parser.add_argument("--format", required=True, help=f"One of: {', '.join(FORMATS)}.")
        parser.add_argument("--output", required=True, help="File to write ('-' for standard output).")
        parser.add_argument(
            "--provisional", action="store_true", help="Use all submitted returns, not only accepted ones."
        )
        parser.add_argument(
            "--as-at", default=None, help="Use the versions as they stood on this date (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"].lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {options['format']!r}: choose one of {', '.join(FORMATS)}.")
        rnd = Round.objects.select_related("questionnaire").filter(slug=options["round"]).first()
        if rnd is None:
            known = ", ".join(Round.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no round {options['round']!r}. Rounds: {known}.")
        try:
            as_at = parse_as_at(options["as_at"], today=timezone.localdate())
            report = build_report(
                rnd, provisional=options["provisional"], as_at=as_at, built_at=timezone.now()
            )
            data = render(report, fmt)
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
        if options["output"] == "-":
            if fmt not in ("html", "csv", "json"):
                raise CommandError(f"Write {fmt} to a file: it is not text.")
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        path = Path(options["output"])
        if not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist.")
        path.write_bytes(data)
        self.stderr.write(
            f"Wrote {path} ({len(data):,} bytes): {report.title}, {report.data.basis}, "
            f"{len(report.data.sources)} versions."
        )
