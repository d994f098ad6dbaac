"""A regional lead sees their own region's register figures as the public do, never another region's, and the
cross-check of their own region's returns against the register."""

from datetime import date
from typing import Any

import pytest

from concordat.register import actions
from concordat.register.tests.builders import person
from concordat.returns.tests.builders import submitted_return

pytestmark = pytest.mark.django_db
LONDON, YORKSHIRE = "/register/figures/regions/E12000007/", "/register/figures/regions/E12000003/"
CROSS_CHECK = "/register/cross-check/"


@pytest.fixture
def snapshot(personas: dict[str, Any]) -> Any:
    person("E09000015", personas["rachel"], nhs_number="")
    person("E09000015", personas["rachel"], nhs_number="", local_reference="HAR-2")
    person("E09000015", personas["rachel"], nhs_number="", local_reference="HAR-3")
    return actions.take_snapshot(date(2014, 3, 31), personas["naveen"], today=date(2014, 4, 1))


def test_a_regional_lead_sees_their_region_disclosure_controlled(snapshot: Any, login: Any) -> None:
    response = login("lena").get(LONDON)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Counts are rounded to the nearest 5 and counts of 1 to 7 people are shown as *" in page
    assert "Back to the register" not in page  # the register itself is not theirs


def test_a_regional_lead_cannot_see_another_region(snapshot: Any, login: Any) -> None:
    assert login("lena").get(YORKSHIRE).status_code == 404


def test_the_national_register_analyst_still_sees_exact_figures(snapshot: Any, verified_login: Any) -> None:
    page = verified_login("naveen").get(LONDON).content.decode()
    assert "Counts are rounded" not in page


def test_a_register_officer_still_needs_two_factor_for_region_figures(snapshot: Any, login: Any) -> None:
    response = login("rachel").get(LONDON)
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")


@pytest.fixture
def contradicted(stocktake: Any, personas: dict[str, Any]) -> None:
    """Harrow (London) and Leeds (Yorkshire) say all reviews are done; both registers say otherwise."""
    for code, editor, officer in (("E09000015", "harriet", "rachel"), ("E08000035", "leo", "luke")):
        submitted_return(stocktake, code, personas[editor])  # answers every question "yes"
        person(code, personas[officer], nhs_number="", care_review_date="", care_review_outcome="")


def test_a_regional_lead_cross_checks_only_their_regions_areas(contradicted: None, login: Any) -> None:
    london = login("lena").get(CROSS_CHECK).content.decode()
    assert "Harrow" in london and "Leeds" not in london and ">*<" in london  # counts suppressed
    assert "in London" in london and f'href="{LONDON}"' in london
    yorkshire = login("yusuf").get(CROSS_CHECK).content.decode()
    assert "Leeds" in yorkshire and "Harrow" not in yorkshire
    national = login("nadia").get(CROSS_CHECK).content.decode()
    assert "Harrow" in national and "Leeds" in national


def test_the_cross_check_is_linked_from_a_leads_analysis_and_region_figures(
    snapshot: Any, login: Any, verified_login: Any
) -> None:
    lena = login("lena")
    assert f'href="{CROSS_CHECK}"' in lena.get("/analysis/").content.decode()
    assert f'href="{CROSS_CHECK}"' in lena.get(LONDON).content.decode()
    # A register officer reads region figures but not the cross-check: no link to a page they cannot open.
    assert f'href="{CROSS_CHECK}"' not in verified_login("rachel").get(LONDON).content.decode()
    assert login("harriet").get(CROSS_CHECK).status_code == 403
