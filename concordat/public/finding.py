"""Finding an area by its name or by one of its 2013 districts or towns (a lookup shipped in the package:
``data/districts-2013.csv``, see docs/decisions/0601-publishing-returns.md; no network at run time)."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from concordat.areas.models import Area

LOOKUP = Path(__file__).parent / "data" / "districts-2013.csv"
MAX_QUERY = 100


@dataclass(frozen=True)
class Match:
    area: Area
    via: str  # "" for the area's own name, else the district or town that matched


@functools.cache
def places() -> tuple[tuple[str, str, str], ...]:
    """(name, kind, ONS code of its Health and Wellbeing Board area) for every district and town listed."""
    with LOOKUP.open(encoding="utf-8", newline="") as f:
        return tuple((r["name"], r["kind"], r["ons_code"]) for r in csv.DictReader(f))


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def find_areas(query: str) -> list[Match]:
    """Areas whose name, or one of whose districts or towns, contains ``query`` (case and hyphens ignored)."""
    q = _norm(query[:MAX_QUERY])
    if not q:
        return []
    areas = {a.ons_code: a for a in Area.objects.select_related("region")}
    found: dict[str, Match] = {}
    for area in areas.values():
        if q in _norm(area.name):
            found[area.ons_code] = Match(area, "")
    for name, _, code in places():
        if q in _norm(name) and code in areas and code not in found:
            found[code] = Match(areas[code], name)
    return sorted(found.values(), key=lambda m: m.area.name)
