"""The March 2014 return "as at 31 March 2014" and the figures as at that date come from the same place: that
date's snapshot, or the live register said plainly. It carries the reason and estimated discharge date of each
person who will not be out by 1 June 2014."""

from datetime import date
from typing import Any

import pytest

from concordat.areas.models import Area
from concordat.register import actions, figures, march_return
from concordat.register.tests.builders import checked_row, person

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
RETURN_URL = f"/register/areas/{HARROW}/march-2014-return/"


def _three_in_hospital(personas: dict[str, Any]) -> None:
    for ref in ("HAR-1", "HAR-2", "HAR-3"):
        person(HARROW, personas["rachel"], nhs_number="", local_reference=ref)


def test_people_added_after_the_snapshot_are_in_neither_the_return_nor_the_figures(
    personas: dict[str, Any], verified_login: Any
) -> None:
    _three_in_hospital(personas)
    actions.take_snapshot(march_return.AS_AT, personas["naveen"], today=date(2014, 4, 1))
    person(
        HARROW, personas["rachel"], nhs_number="", local_reference="HAR-LATE"
    )  # admitted 2011, added today
    source = march_return.source()
    harrow = Area.objects.get(ons_code=HARROW)
    lines = march_return.lines(harrow)
    in_hospital = figures.from_source(source, figures.Scope.for_area(harrow)).in_hospital
    assert not source.live
    assert len([ln for ln in lines if not ln.discharged]) == in_hospital == 3
    assert "HAR-LATE" not in {ln.person.local_reference for ln in lines}
    page = verified_login("rachel").get(RETURN_URL).content.decode()
    assert "Still in hospital (3)" in page and "snapshot as at 31 March 2014" in page
    figures_page = verified_login("rachel").get(f"/register/areas/{HARROW}/figures/?as_at=2014-03-31")
    assert '<dd class="govuk-summary-list__value" id="in-hospital">3</dd>' in figures_page.content.decode()


def test_without_a_snapshot_the_return_says_it_is_live_data(
    personas: dict[str, Any], verified_login: Any
) -> None:
    _three_in_hospital(personas)
    page = verified_login("rachel").get(RETURN_URL).content.decode()
    assert "Still in hospital (3)" in page
    assert "Live data as at 31 March 2014, not a snapshot" in page
    figures_page = verified_login("rachel").get(f"/register/areas/{HARROW}/figures/?as_at=2014-03-31")
    assert "Live data as at 31 March 2014, not a snapshot" in figures_page.content.decode()


def test_the_return_carries_the_reason_and_estimated_date_of_each_person_not_out_by_june(
    personas: dict[str, Any], verified_login: Any
) -> None:
    rachel = personas["rachel"]
    person(
        HARROW,
        rachel,
        nhs_number="",
        local_reference="HAR-NOPLAN",
        planned_transfer_date="",
        discharge_destination="",
        reason_no_plan="HOUSING",
        estimated_discharge_date="30/09/2014",
    )
    person(HARROW, rachel, nhs_number="", local_reference="HAR-LATER", planned_transfer_date="01/08/2014")
    person(HARROW, rachel, nhs_number="", local_reference="HAR-JUNE")  # planned 15/05/2014
    client = verified_login("rachel")
    data = client.get(f"/register/areas/{HARROW}/march-2014-return.csv").content.decode("utf-8-sig")
    rows = {line.split(",")[1]: line.split(",") for line in data.splitlines()[1:]}
    assert data.splitlines()[0].endswith("Reason not discharged by 1 June 2014,Estimated discharge date")
    assert rows["HAR-NOPLAN"][5:] == ["Housing", "30/09/2014"]
    assert rows["HAR-LATER"][5:] == ["Not given", ""]
    assert rows["HAR-JUNE"][5:] == ["", ""]
    assert "30/09/2014" in client.get(RETURN_URL).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"actual_discharge_date": "01/02/2014", "estimated_discharge_date": "01/09/2014"},
            "A person who has been discharged has no estimated discharge date",
        ),
        ({"estimated_discharge_date": "01/01/2010"}, "Estimated discharge date is before the admission date"),
        ({"estimated_discharge_date": "31/02/2015"}, "Estimated discharge date is not a real date"),
    ],
)
def test_a_bad_estimated_discharge_date_is_refused_in_plain_english(
    overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(AssertionError, match=message):
        checked_row(HARROW, **overrides)


def test_an_estimated_discharge_date_may_be_in_the_future() -> None:
    row = checked_row(
        HARROW, planned_transfer_date="", reason_no_plan="CLINICAL", estimated_discharge_date="01/03/2015"
    )
    assert row.estimated_discharge_date == date(2015, 3, 1)
