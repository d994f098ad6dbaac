"""``concordat import-returns PATH... --round ROUND [--area CODE]``: import completed returns into drafts.

PATHs are files, folders or .zip archives. Each file is matched to its area from its content or name (or
``--area``) and imported in its own transaction, acting as "system (import-returns)". Every file is read in
one bounded child process (``imports.sandbox.DocumentReader``), started once for the whole batch; a file
that breaks a limit, or cannot be read at all, is reported in the summary and the import carries on. A
progress bar goes to stderr; a summary table to stdout. Exit code 1 if any file failed.
"""

import logging
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.areas.models import Area
from concordat.imports import actions
from concordat.imports.archives import collect
from concordat.imports.reading import ReadingError
from concordat.imports.sandbox import DocumentReader
from concordat.returns.actions import ActionError
from concordat.returns.models import Round

BAR_WIDTH = 10
logger = logging.getLogger(__name__)


def progress_line(done: int, total: int, name: str) -> str:
    filled = BAR_WIDTH * done // max(total, 1)
    return f"[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total} {name}"


def table(outcomes: list[actions.ImportOutcome]) -> str:
    headings = ("File", "Area", "Result", "Reason")
    rows = [(o.name, o.area or "-", o.result, o.reason) for o in outcomes]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headings[:3])]
    lines = []
    for row in [headings, (*("-" * w for w in widths), "------"), *rows]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    return "\n".join(line.rstrip() for line in lines)


class Command(BaseCommand):
    help = "Import completed returns (files, folders or .zip archives) into the draft returns of a round."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--round", required=True, help="The round's slug, e.g. stocktake-2013.")
        parser.add_argument("--area", help="The ONS code of the area every file is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        rnd = Round.objects.select_related("questionnaire").filter(slug=options["round"]).first()
        if rnd is None:
            raise CommandError(f"There is no round called {options['round']!r}.")
        area = None
        if options["area"]:
            area = Area.objects.filter(ons_code=options["area"]).first()
            if area is None:
                raise CommandError(f"There is no area with the ONS code {options['area']!r}.")
        areas = list(Area.objects.current(rnd.opens_on))
        acting_user = actions.system_user()
        outcomes: list[actions.ImportOutcome] = []
        tty = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        with ExitStack() as stack:
            reader = stack.enter_context(DocumentReader())
            sources, refused = collect(options["paths"], stack)
            outcomes += [actions.ImportOutcome(name, "", actions.FAILED, reason) for name, reason in refused]
            for n, source in enumerate(sources, start=1):
                self.stderr.write(progress_line(n, len(sources), source.name), ending="\r" if tty else "\n")
                try:
                    outcome = actions.import_file(
                        source.path,
                        round=rnd,
                        area=area,
                        acting_user=acting_user,
                        name=source.filename,
                        areas=areas,
                        reader=reader,
                    )
                except (ReadingError, ActionError) as exc:
                    outcome = actions.ImportOutcome(
                        source.filename, area.name if area else "", actions.FAILED, exc.message
                    )
                except Exception:  # a fault of ours on one file must not stop the rest of the folder
                    logger.exception("import-returns: %s", source.name)
                    outcome = actions.ImportOutcome(
                        source.filename,
                        area.name if area else "",
                        actions.FAILED,
                        "This file could not be imported because of a fault in the service; it has been "
                        "logged. The other files were imported.",
                    )
                outcomes.append(outcome)
            if tty and sources:
                self.stderr.write("")
        self.stdout.write(table(outcomes))
        counts = {
            r: sum(1 for o in outcomes if o.result == r)
            for r in (actions.IMPORTED, actions.NEEDS_REVIEW, actions.FAILED)
        }
        self.stdout.write(
            f"\n{len(outcomes)} files: {counts[actions.IMPORTED]} imported, "
            f"{counts[actions.NEEDS_REVIEW]} need review, {counts[actions.FAILED]} failed."
        )
        if counts[actions.FAILED]:
            raise CommandError(
                f"{counts[actions.FAILED]} of {len(outcomes)} files could not be imported.", returncode=1
            )
