from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concordat.questionnaires.definitions import load_questionnaire_file


class Command(BaseCommand):
    help = "Load a questionnaire definition from concordat/questionnaires/definitions/ (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", default="stocktake-2013", help="The definition's identifier.")

    def handle(self, *args: Any, **options: Any) -> None:
        questionnaire, changed = load_questionnaire_file(options["questionnaire"])
        state = "loaded" if changed else "unchanged"
        self.stdout.write(f"{questionnaire}: {state}.")
