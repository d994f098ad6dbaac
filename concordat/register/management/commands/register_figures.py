"""``concordat register-figures --as-at DATE [--area CODE | --region CODE] --format json|csv [--public]``.

Unsuppressed by default (national users at the command line); ``--public`` applies disclosure control.
"""

import csv
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from concordat.areas.models import Area, Region
from concordat.register import figures
from concordat.register.models import Snapshot
from concordat.spreadsheets import safe_cell


class Command(BaseCommand):
    help = "Print register figures for England, a region or an area, as at a snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-at", required=True, type=date.fromisoformat, help="Snapshot date, YYYY-MM-DD"
        )
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--area", help="ONS code of an area (E06/E08/E09/E10)")
        where.add_argument("--region", help="ONS code of a region (E12)")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--public", action="store_true", help="Apply disclosure control.")

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot = Snapshot.objects.filter(as_at=options["as_at"]).first()
        if snapshot is None:
            raise CommandError(f"There is no snapshot as at {options['as_at']}.")
        result = figures.for_snapshot(snapshot, _scope(options["area"], options["region"]))
        data = figures.publish(result) if options["public"] else figures.as_dict(result)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2, default=str))
        else:
            _write_csv(self.stdout, data)


def _scope(area_code: str | None, region_code: str | None) -> figures.Scope:
    if area_code:
        area = Area.objects.filter(ons_code=area_code).first()
        if area is None:
            raise CommandError(f"Unknown area {area_code}.")
        return figures.Scope.for_area(area)
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise CommandError(f"Unknown region {region_code}.")
        return figures.Scope.for_region(region)
    return figures.Scope.england()


def _write_csv(out: OutputWrapper, data: dict[str, Any]) -> None:
    """One line per measure (with its percentage); months and projection parts get a line each."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["measure", "count", "percent"])
    for key, value in data.items():
        if key == "months":
            for m in value:
                writer.writerow([f"admissions {m['month']}", m["admissions"], ""])
                writer.writerow([f"discharges {m['month']}", m["discharges"], ""])
        elif key == "projection_1_june_2014":
            for part, v in (value or {}).items():
                writer.writerow([f"{key} {part}", safe_cell(str(v)), ""])
        elif isinstance(value, dict):
            writer.writerow([key, value["count"], value["percent"]])
        else:
            writer.writerow([key, safe_cell(str(value)), ""])
