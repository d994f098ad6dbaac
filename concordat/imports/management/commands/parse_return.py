"""``concordat parse-return FILE [--questionnaire stocktake-2013] [--format json|text]``: read one return.

Prints what was read without touching the database (no connection is opened). The file is read in a
bounded child process (``imports.sandbox``), as uploads are. Exit code 2 when the file
cannot be read, with the reason on stderr.
"""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concordat.imports.reading import (
    DEFAULT_QUESTIONNAIRE,
    Reading,
    ReadingError,
    load_questionnaire,
)
from concordat.imports.sandbox import read_bounded

DEFINITIONS = DEFAULT_QUESTIONNAIRE.parent


def summary(reading: Reading, name: str) -> str:
    flagged = [q for q in reading.questions.values() if q.needs_review]
    counts: dict[str, int] = {}
    for q in reading.questions.values():
        counts[q.status] = counts.get(q.status, 0) + 1
    lines = [
        f"{name} ({reading.source_format}): "
        f"{reading.found_count} of {len(reading.questions)} questions found",
        "Statuses: " + ", ".join(f"{status} {n}" for status, n in sorted(counts.items())),
        f"Answers to check: {len(flagged)}"
        + "".join(
            f"\n  {q.number} read as {q.status} ({q.confidence:.2f}, “{q.decided_by}”)" for q in flagged
        ),
        "Completed by: " + ", ".join(v for v in reading.completed_by.values() if v),
        "Signatories: "
        + "; ".join(
            f"{role} {s.name}{' (signed)' if s.signed else ''}" for role, s in reading.signatures.items()
        ),
        f"Warnings: {len(reading.warnings)}" + "".join(f"\n  {w.message}" for w in reading.warnings),
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Read one completed return (Word, Excel, OpenDocument, PDF or text) and print what was read."
    requires_system_checks: list[str] = []  # no database, no checks: this must work anywhere

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--questionnaire",
            default="stocktake-2013",
            help="A questionnaire id from questionnaires/definitions/, or a path to a definition file.",
        )
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        chosen = str(options["questionnaire"])
        definition = Path(chosen) if chosen.endswith(".json") else DEFINITIONS / f"{chosen}.json"
        if not definition.is_file():
            self.stderr.write(f"error: there is no questionnaire called {chosen!r}.")
            raise SystemExit(2)
        try:
            reading = read_bounded(path, path.name, load_questionnaire(definition))
        except ReadingError as exc:
            self.stderr.write(f"error: {path.name} could not be read. {exc.message}")
            raise SystemExit(2) from exc
        if options["format"] == "text":
            self.stdout.write(summary(reading, path.name))
            return
        data = path.read_bytes()
        payload = {
            "file": path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "format": reading.source_format,
            **reading.to_json_dict(),
        }
        self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
