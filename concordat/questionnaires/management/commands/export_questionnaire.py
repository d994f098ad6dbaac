import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.questionnaires.models import Questionnaire
from concordat.questionnaires.xlsform import write_xlsform


class Command(BaseCommand):
    help = "Write a loaded questionnaire's definition to a file: JSON, or an XLSForm spreadsheet (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--questionnaire", required=True, help="The questionnaire's identifier (slug).")
        # The brief's ``--version N`` is the questionnaire's version, not Django's own ``--version`` flag.
        for group in (parser, parser._optionals):
            group.conflict_handler = "resolve"
        parser.add_argument("--version", type=int, help="The version to write (the latest if not given).")
        parser.add_argument("--format", choices=("xlsx", "json"), required=True)
        parser.add_argument("--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        versions = Questionnaire.objects.filter(slug=options["questionnaire"])
        if options["version"] is not None:
            versions = versions.filter(version=options["version"])
        questionnaire = versions.order_by("-version").first()
        if questionnaire is None:
            wanted = options["questionnaire"] + (
                f" version {options['version']}" if options["version"] else ""
            )
            raise CommandError(
                f"No questionnaire {wanted} is loaded. Load it with concordat load-questionnaire."
            )
        definition = questionnaire.definition
        if options["format"] == "xlsx":
            content = write_xlsform(definition)
        else:
            content = (json.dumps(definition, indent=2, ensure_ascii=False) + "\n").encode()
        output: Path = options["output"]
        output.write_bytes(content)
        self.stdout.write(f"{questionnaire}: written to {output}.")
