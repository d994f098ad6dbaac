import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db


def test_the_national_team_sees_all_152_areas_in_a_bounded_number_of_queries(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    submitted_return(stocktake, "E08000035", personas["leo"])
    client = login("nadia")
    url = f"/returns/rounds/{stocktake.slug}/completeness/"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 152
    assert len(queries) <= 12, [q["sql"] for q in queries]
    rows = {r.area.ons_code: r for r in response.context["rows"]}
    assert rows["E09000015"].state == "signed_off" and len(rows["E09000015"].signed_roles) == 3
    assert rows["E08000035"].state == "submitted"
    assert rows["E06000001"].state == "not_started" and rows["E06000001"].late


def test_a_regional_lead_sees_only_their_regions_areas(login: Any, stocktake: Any) -> None:
    response = login("lena").get(f"/returns/rounds/{stocktake.slug}/completeness/")
    regions = {r.area.region.name for r in response.context["rows"]}
    assert regions == {"London"} and len(response.context["rows"]) == 33


def test_filters_by_region_and_state_and_downloads_csv(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    client = login("nadia")
    url = f"/returns/rounds/{stocktake.slug}/completeness/?region=E12000007&state=signed_off&format=csv"
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["ons_code"], r["status"], r["ccg_signed"]) for r in rows] == [
        ("E09000015", "Signed off", "yes")
    ]


def test_an_unknown_region_filter_is_ignored_rather_than_crashing(login: Any, stocktake: Any) -> None:
    response = login("nadia").get(f"/returns/rounds/{stocktake.slug}/completeness/?region=<script>")
    assert response.status_code == 200 and len(response.context["rows"]) == 152


def test_the_task_list_uses_a_bounded_number_of_queries(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    client = login("harriet")
    url = f"/returns/rounds/{stocktake.slug}/areas/E09000015/"
    client.get(url)  # a session's first request stamps its idle clock (a session write), as after any sign-in
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries]
    assert "You have completed 11 of 11 sections." in response.content.decode()
