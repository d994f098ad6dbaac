"""A regional lead sees their own region's register figures as the public do; never another region's."""

from datetime import date
from typing import Any

import pytest

from concordat.register import actions
from concordat.register.tests.builders import person

pytestmark = pytest.mark.django_db
LONDON, YORKSHIRE = "/register/figures/regions/E12000007/", "/register/figures/regions/E12000003/"


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
