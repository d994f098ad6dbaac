"""Set up a working demo: reference data, personas, rounds and each app's demo data; then serve."""

import importlib
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from concordat.accounts.personas import DEMO_PASSWORD, PERSONAS, create_personas
from concordat.areas.reference import load_areas

# Modules whose ``load_demo(stdout=...)`` runs, in dependency order.
DEMO_MODULES = (
    "concordat.returns.demo",
    "concordat.imports.demo",
    "concordat.synthetic.demo",
    "concordat.commitments.demo",
)


class Command(BaseCommand):
    help = "Migrate, load reference and demo data, print the demo sign-ins, and serve on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set everything up but do not serve.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        result = load_areas()
        self.stdout.write(f"Areas: {result.created} created, {result.updated} updated.")
        create_personas()
        for name in DEMO_MODULES:
            importlib.import_module(name).load_demo(stdout=self.stdout)
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for p in PERSONAS:
            self.stdout.write(f"  {p.username:<8} {p.first_name} {p.last_name} — {p.description}")
        if not options["no_serve"]:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(f"\nServing at http://{options['addrport']}/ — press Ctrl+C to stop.")
            call_command("runserver", options["addrport"], use_reloader=False)
