from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.questionnaires.definitions import (
    DefinitionError,
    definition_path,
    load_questionnaire,
    read_definition_file,
)


class Command(BaseCommand):
    help = (
        "Load a questionnaire definition (idempotent): one from concordat/questionnaires/definitions/, "
        "or a file, JSON or an XLSForm spreadsheet (.xlsx)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", default="stocktake-2013", help="The definition's identifier.")
        parser.add_argument("--file", type=Path, help="A definition file (.json or .xlsx) to load instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"] or definition_path(options["questionnaire"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            questionnaire, changed = load_questionnaire(read_definition_file(path))
        except DefinitionError as exc:
            raise CommandError(f"{path} was not loaded:\n{exc}") from exc
        state = "loaded" if changed else "unchanged"
        self.stdout.write(f"{questionnaire}: {state}.")
