import csv

import pytest

from concordat.areas.models import Area, Region
from concordat.areas.reference import load_areas
from concordat.seeds import REFERENCE_DIR
from tests.seeds import require

pytestmark = pytest.mark.django_db


def test_the_152_areas_and_9_regions_of_2013_load_once() -> None:
    assert load_areas().created == 152
    assert load_areas().created == 0 and load_areas().updated == 0
    assert Area.objects.count() == 152 and Region.objects.count() == 9
    harrow = Area.objects.get(ons_code="E09000015")
    assert (harrow.name, harrow.type, harrow.region.name) == ("Harrow", "london", "London")


def test_the_areas_the_package_carries_are_the_programmes_reference_list() -> None:
    load_areas()
    with require(REFERENCE_DIR / "hwb-areas-2013.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(a.ons_code, a.name, a.region.code) for a in Area.objects.select_related("region")} == {
        (r["ons_code"], r["name"], r["region_code"]) for r in rows
    }


def test_areas_valid_on_a_date_exclude_closed_ones() -> None:
    import datetime

    load_areas()
    Area.objects.filter(ons_code="E09000015").update(valid_to=datetime.date(2014, 4, 1))
    assert Area.objects.current(datetime.date(2013, 6, 1)).count() == 152
    assert Area.objects.current(datetime.date(2014, 6, 1)).count() == 151
