"""The indicators dashboard and who may see the analysis pages."""

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_filters_by_region_and_area_type(synthetic: Any, nadia: Any) -> None:
    url = reverse("analysis:dashboard", args=[synthetic.round.slug])
    everything = nadia.get(url)
    assert everything.status_code == 200 and b"152 areas shown" in everything.content
    london = nadia.get(url, {"region": "E12000007"})
    assert b"33 areas shown" in london.content
    boroughs = nadia.get(url, {"region": "E12000007", "area_type": "London borough"})
    assert b"32 areas shown" in boroughs.content  # and the City of London
    none = nadia.get(url, {"region": "E12000007", "area_type": "County council"})
    assert b"0 areas shown" in none.content


def test_a_future_as_at_date_shows_an_error_summary(synthetic: Any, nadia: Any) -> None:
    response = nadia.get(reverse("analysis:dashboard", args=[synthetic.round.slug]), {"as_at": "2999-01-01"})
    assert response.status_code == 200 and b"today or in the past" in response.content


@pytest.mark.parametrize("username", ["harriet", "hugh", "naveen"])
def test_analysis_pages_refuse_everyone_but_the_national_team_and_regional_leads(
    stocktake: Any, login: Any, username: str
) -> None:
    client = login(username)
    for name, args in (
        ("analysis:index", []),
        ("analysis:dashboard", [stocktake.slug]),
        ("analysis:report", [stocktake.slug]),
        ("analysis:report_download", [stocktake.slug]),
        ("analysis:triage", [stocktake.slug]),
        ("analysis:library", []),
    ):
        assert client.get(reverse(name, args=args)).status_code == 403


def test_the_analysis_index_lists_rounds_with_the_synthetic_tag(synthetic: Any, nadia: Any) -> None:
    response = nadia.get(reverse("analysis:index"))
    assert response.status_code == 200 and b"Synthetic</strong>" in response.content


def test_a_regional_lead_is_refused_the_national_pages(stocktake: Any, login: Any) -> None:
    lena = login("lena")
    for name, args in (
        ("analysis:report", [stocktake.slug]),
        ("analysis:report_download", [stocktake.slug]),
        ("analysis:change", [stocktake.slug]),
        ("analysis:library", []),
    ):
        assert lena.get(reverse(name, args=args)).status_code == 403


def test_a_regional_lead_analyses_their_own_regions_areas_only(synthetic: Any, login: Any) -> None:
    lena = login("lena")
    index = lena.get(reverse("analysis:index")).content.decode()
    assert "Analysis for London" in index and "/register/figures/regions/E12000007/" in index
    assert "National report" not in index and "/report/" not in index
    url = reverse("analysis:dashboard", args=[synthetic.round.slug])
    dashboard = lena.get(url).content.decode()
    assert "33 areas shown" in dashboard and "National report" not in dashboard
    assert b"33 areas shown" in lena.get(url, {"region": "E12000003"}).content  # Yorkshire is not a choice
    triage = lena.get(reverse("analysis:triage", args=[synthetic.round.slug])).content.decode()
    assert "Leeds" not in triage and "Harrow" in triage
