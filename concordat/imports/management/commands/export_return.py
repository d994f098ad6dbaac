"""``concordat export-return --round R --area CODE --format docx|odt|xlsx --output F [--blank]``.

Writes the round's questionnaire as a form to fill offline, prefilled with the area's current draft (or
blank with ``--blank``); the file imports back with every field as it was (decision 0106). An unknown round,
area or format is a plain error and exit code 1; nothing is written.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.areas.models import Area
from concordat.imports.exporting import FORMATS
from concordat.imports.offline import export_form
from concordat.returns.models import Return, ReturnState, Round


class Command(BaseCommand):
    help = "Write a round's return as a Word, OpenDocument or Excel form, blank or with an area's draft."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True, help="The round's slug, e.g. stocktake-2013.")
        parser.add_argument("--area", required=True, help="The area's ONS code, e.g. E09000015.")
        parser.add_argument("--format", required=True, help=f"One of: {', '.join(FORMATS)}.")
        parser.add_argument("--output", required=True, type=Path, help="The file to write.")
        parser.add_argument("--blank", action="store_true", help="The blank form, without the draft.")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = str(options["format"]).lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(
                f"There is no form in the format {fmt!r}. Choose one of: {', '.join(FORMATS)}."
            )
        rnd = Round.objects.select_related("questionnaire").filter(slug=options["round"]).first()
        if rnd is None:
            raise CommandError(f"There is no round called {options['round']!r}.")
        code = str(options["area"]).strip().upper()
        area = Area.objects.filter(ons_code=code).first()
        if area is None:
            raise CommandError(f"There is no area with the ONS code {options['area']!r}.")
        output: Path = options["output"]
        if not output.parent.is_dir():
            raise CommandError(f"The folder {str(output.parent)!r} does not exist.")
        ret = Return.objects.filter(round=rnd, area=area).first() or Return(
            round=rnd, area=area, state=ReturnState.NOT_STARTED
        )
        form = export_form(ret, fmt, prefilled=not options["blank"])
        output.write_bytes(form.content)
        kind = "blank form" if options["blank"] else f"form with {area.name}'s draft"
        self.stdout.write(f"Wrote the {kind} for {rnd.slug} to {output} ({FORMATS[fmt][0]}).")
