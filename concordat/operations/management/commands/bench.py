"""``concordat bench NAME|all [--json]``: the performance figures each issue asks for.

Each benchmark is a module of ``concordat/bench/`` with
``run(*, quick: bool, stdout: TextIO) -> dict``, and compares its timings with a floor measured in the
same run (the bare library or SQL doing the same work), so figures survive a noisy machine.
"""

import importlib
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

BENCHES = {
    "import": "concordat.bench.imports",
    "report": "concordat.bench.report",
    "register": "concordat.bench.register",
    "reading": "concordat.bench.reading",
    "api": "concordat.bench.api",
    "signin": "concordat.bench.signin",
    "load": "concordat.bench.load",
}
# `all` leaves out the minutes-long deadline-day load (run it by name).
IN_ALL = [name for name in BENCHES if name != "load"]


class Command(BaseCommand):
    help = "Run benchmarks and print their figures against a floor measured in the same run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("which", choices=[*BENCHES, "all"])
        parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")
        parser.add_argument("--quick", action="store_true", help="Smaller data, for a smoke run.")
        load = parser.add_argument_group("load")
        load.add_argument("--users", type=int, default=200, help="load: simulated people (200).")
        load.add_argument("--seconds", type=float, default=180, help="load: how long they act (180).")
        load.add_argument("--pace", choices=["gentle", "busy"], default="gentle", help="load: request pace.")

    def handle(self, *args: Any, **options: Any) -> None:
        names = IN_ALL if options["which"] == "all" else [options["which"]]
        results: dict[str, Any] = {}
        for name in names:
            module = importlib.import_module(BENCHES[name])
            quiet = self.stderr if options["json"] else self.stdout
            extra = {k: options[k] for k in ("users", "seconds", "pace")} if name == "load" else {}
            results[name] = module.run(quick=options["quick"], stdout=quiet, **extra)
        if options["json"]:
            payload = results[names[0]] if len(names) == 1 else results
            self.stdout.write(json.dumps(payload, indent=2, sort_keys=True, default=str))
        else:
            for name, figures in results.items():
                self.stdout.write(f"\n== {name}")
                for key, value in figures.items():
                    self.stdout.write(f"  {key}: {value}")
