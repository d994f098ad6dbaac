import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db


def _all_rows(client: Any, url: str, **query: str) -> list[Any]:
    """Every row of the paged table: page 1, then each further page."""
    first = client.get(url, query)
    rows = list(first.context["rows"])
    for number in range(2, first.context["page"].pages + 1):
        rows += client.get(url, {**query, "page": str(number)}).context["rows"]
    return rows


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
    assert response.context["page"].count == 152 and len(response.context["rows"]) == 50
    assert len(queries) <= 12, [q["sql"] for q in queries]
    rows = {r.area.ons_code: r for r in _all_rows(client, url)}
    assert len(rows) == 152
    assert rows["E09000015"].state == "signed_off" and len(rows["E09000015"].signed_roles) == 3
    assert rows["E08000035"].state == "submitted"
    assert rows["E06000001"].state == "not_started" and rows["E06000001"].late


def test_a_regional_lead_sees_only_their_regions_areas(login: Any, stocktake: Any) -> None:
    rows = _all_rows(login("lena"), f"/returns/rounds/{stocktake.slug}/completeness/")
    assert {r.area.region.name for r in rows} == {"London"} and len(rows) == 33


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
    assert response.status_code == 200 and response.context["page"].count == 152


@pytest.mark.parametrize("page", ["0", "-1", "abc", "", "1.5", "99999", "9" * 300, "<script>"])
def test_a_bad_page_number_shows_the_first_or_last_page_with_the_filters_kept(
    login: Any, stocktake: Any, page: str
) -> None:
    url = f"/returns/rounds/{stocktake.slug}/completeness/"
    response = login("nadia").get(url, {"region": "E12000007", "page": page})
    assert response.status_code == 200
    shown = response.context["page"]
    assert shown.count == 33 and shown.pages == 1 and shown.number == 1  # London's 33 areas: one page
    everyone = login("nadia").get(url, {"state": "not_started", "page": page})
    last = everyone.context["page"].pages
    assert last == 4 and everyone.context["page"].number == (last if page.isdigit() and int(page) > 1 else 1)
    html = everyone.content.decode()
    assert "state=not_started" in html and 'class="govuk-pagination"' in html


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
    # 13: completeness reads the draft's content, attachments included (a file question is answered by one).
    assert len(queries) <= 13, "\n".join(q["sql"][:150] for q in queries)
    assert "You have completed 11 of 11 sections." in response.content.decode()
