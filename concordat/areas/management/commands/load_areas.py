from typing import Any

from django.core.management.base import BaseCommand

from concordat.areas.reference import load_areas


class Command(BaseCommand):
    help = "Load the 152 Health and Wellbeing Board areas of 2013 and their regions (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_areas()
        self.stdout.write(f"Areas: {result.created} created, {result.updated} updated.")
