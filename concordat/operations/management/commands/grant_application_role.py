"""``concordat grant-application-role ROLE``: run as the tables' owner after each migrate.

See docs/deploying.md.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from concordat.operations.database_roles import grant_application_role


class Command(BaseCommand):
    help = (
        "Give the PostgreSQL role the application runs as its privileges: every table, but only SELECT and "
        "INSERT on the audit trail. Run as the owner of the tables, after migrating."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="The role in the application's DATABASE_URL, e.g. concordat_app.")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are PostgreSQL's: SQLite has none.")
        try:
            with transaction.atomic():
                statements = grant_application_role(role)
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Granted {role} the application's privileges ({len(statements)} statements).")
