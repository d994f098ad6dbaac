"""``concordat load-commitments``: load the Concordat commitments dataset into tables (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concordat.commitments.dataset import DEFAULT_PATH
from concordat.commitments.loader import load_commitments


class Command(BaseCommand):
    help = "Load the Concordat's organisations, themes and commitments from the YAML dataset. Safe to rerun."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", default=str(DEFAULT_PATH), help="The dataset file (default: the bundled one)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_commitments(options["path"])
        self.stdout.write(
            f"Commitments: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
        )
