"""Completeness and the task list for a round of RAG ratings (the November 2013 status report)."""

from typing import Any

import pytest

from concordat.returns.demo import ensure_status_report_round
from concordat.returns.tests.builders import status_report_version

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def test_the_completeness_page_shows_a_rag_round(personas: dict[str, Any], login: Any) -> None:
    rnd = ensure_status_report_round(personas["nadia"])
    status_report_version(rnd, HARROW, personas["harriet"], "red")
    response = login("nadia").get(f"/returns/rounds/{rnd.slug}/completeness/", {"state": "submitted"})
    assert response.status_code == 200
    assert [row.area.ons_code for row in response.context["rows"]] == [HARROW]


def test_the_task_list_counts_a_rated_return_complete(personas: dict[str, Any], login: Any) -> None:
    rnd = ensure_status_report_round(personas["nadia"])
    status_report_version(rnd, HARROW, personas["harriet"], "green")
    response = login("harriet").get(f"/returns/rounds/{rnd.slug}/areas/{HARROW}/")
    assert response.status_code == 200
    assert "You have completed 13 of 13 sections." in response.content.decode()
