"""Loads the 2013 Health and Wellbeing Board areas from the copy of the reference data kept in the repo."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from concordat.areas.models import Area, AreaType, Region

AREAS_CSV = Path(__file__).parent / "data" / "hwb-areas-2013.csv"

_TYPES = {
    "Unitary authority": AreaType.UNITARY,
    "Metropolitan district": AreaType.METROPOLITAN,
    "London borough": AreaType.LONDON,
    "County council": AreaType.COUNTY,
}


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


def read_reference_rows(path: Path = AREAS_CSV) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@transaction.atomic
def load_areas(path: Path = AREAS_CSV) -> LoadResult:
    """Create or refresh regions and areas. Running it again changes nothing."""
    rows = read_reference_rows(path)
    regions = {r.code: r for r in Region.objects.all()}
    for row in rows:
        if row["region_code"] not in regions:
            regions[row["region_code"]] = Region.objects.create(
                code=row["region_code"], name=row["region_name"]
            )
    existing = {a.ons_code: a for a in Area.objects.all()}
    created = updated = 0
    for row in rows:
        values = {
            "name": row["name"],
            "type": _TYPES.get(row["type"], AreaType.OTHER),
            "type_label": row["type"],
            "region": regions[row["region_code"]],
        }
        area = existing.get(row["ons_code"])
        if area is None:
            Area.objects.create(ons_code=row["ons_code"], **values)
            created += 1
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            area.save()
            updated += 1
    return LoadResult(created, updated)
