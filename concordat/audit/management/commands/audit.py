"""``concordat audit verify``: recompute the audit trail's hash chain and name the first broken link."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from concordat.audit.actions import record_verification
from concordat.audit.chain import verify


class Command(BaseCommand):
    help = "Check the audit trail: `verify` recomputes every event's hash, in order, against the chain head."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("verify", help="Recompute the chain; exit 1 and name the first broken link.")
        check.add_argument(
            "--no-record",
            action="store_true",
            help="Do not append the result to the trail (the audit pages show the last result).",
        )

    def handle(self, *args: Any, action: str, no_record: bool = False, **options: Any) -> None:
        result = verify()
        if not no_record:
            record_verification(result)
        if not result.intact:
            raise CommandError(result.describe())
        self.stdout.write(result.describe())
