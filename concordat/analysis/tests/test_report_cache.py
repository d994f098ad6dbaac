"""The report page is built once per state of its round and rebuilt as soon as that state changes."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concordat.returns import actions
from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db


def _view(client: Any, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_view_is_served_from_the_built_page(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    signed_off_version(stocktake, personas)
    client = login("nadia")
    url = reverse("analysis:report", args=[stocktake.slug])
    first, first_queries = _view(client, url)
    again, again_queries = _view(client, url)
    body = first[first.index('id="executive-summary"') : first.index("</main>")]  # not escaped: HTML
    assert body in again
    assert again_queries < first_queries


def test_accepting_a_return_changes_the_report_at_once(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    version = signed_off_version(stocktake, personas)
    client = login("nadia")
    url = reverse("analysis:report", args=[stocktake.slug])
    before, _ = _view(client, url)
    assert "from 0 accepted returns" in before
    actions.accept_version(version, acting_user=personas["nadia"])
    after, _ = _view(client, url)
    assert "from 1 accepted return of" in after


def test_the_dashboard_shows_a_new_submission_at_once(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    client = login("nadia")
    url = reverse("analysis:dashboard", args=[stocktake.slug])
    assert "0 with a submitted return" in client.get(url, {"basis": "provisional"}).content.decode()
    submitted_return(stocktake, "E09000015", personas["harriet"])
    assert "1 with a submitted return" in client.get(url, {"basis": "provisional"}).content.decode()


def test_a_cached_dashboard_is_never_shown_to_a_reader_of_other_regions(synthetic: Any, login: Any) -> None:
    url = reverse("analysis:dashboard", args=[synthetic.round.slug])
    assert "152 areas shown" in login("nadia").get(url).content.decode()
    london = login("lena").get(url).content.decode()
    assert "33 areas shown" in london and "152 areas shown" not in london
    yorkshire = login("yusuf").get(url).content.decode()
    assert "33 areas shown" not in yorkshire and "152 areas shown" not in yorkshire
    assert "33 areas shown" in login("lena").get(url, {"region": "E12000003"}).content.decode()
