"""Overdue lists, the March 2014 return and the stocktake cross-check."""

from datetime import date
from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.register import march_return, milestones
from concordat.register.cross_check import cross_check
from concordat.register.models import Person
from concordat.register.tests.builders import person
from concordat.returns.tests.builders import submitted_return


@pytest.mark.django_db
def test_overdue_lists_follow_the_rules(personas: dict[str, Any]) -> None:
    rachel = personas["rachel"]
    late = person(
        "E09000015",
        rachel,
        local_reference="HAR-1",
        nhs_number="",
        care_review_date="",
        care_review_outcome="",
        health_check_date="",
        planned_transfer_date="",
        reason_no_plan="FUNDING",
    )
    person("E09000015", rachel, local_reference="HAR-2", nhs_number="")
    lists = milestones.overdue(late.area, date(2014, 3, 31))
    assert lists.in_hospital == 2
    assert [p for p, _ in lists.review] == [late]
    assert [p for p, _ in lists.health_check] == [late]
    assert lists.no_plan == [late]


@pytest.mark.django_db
def test_march_return_csv_is_pseudonymised_and_formula_safe(personas: dict[str, Any]) -> None:
    rachel = personas["rachel"]
    out = person(
        "E09000015",
        rachel,
        local_reference="HAR-1",
        actual_discharge_date="01/02/2014",
        discharge_destination="FAMILY",
    )
    person(
        "E09000015",
        rachel,
        local_reference="HAR-2",
        nhs_number="",
        planned_transfer_date="",
        reason_no_plan="HOUSING",
    )
    legacy = person("E09000015", rachel, local_reference="HAR-3", nhs_number="")
    # Uploads refuse formulas; the export must be safe even for text that got in some other way.
    Person.objects.filter(pk=legacy.pk).update(local_reference="@SUM(1)")
    lines = march_return.lines(out.area)
    assert [ln.discharged for ln in lines] == [False, True, False]
    data = march_return.as_csv(lines).decode("utf-8-sig")
    assert "'@SUM(1)" in data and "Family home" in data and "Housing" in data
    assert "9434765919" not in data and out.public_id in data


@pytest.mark.django_db
def test_cross_check_flags_a_return_claiming_reviews_done_or_a_register_it_lacks(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])  # answers every question "yes"
    submitted_return(stocktake, "E08000035", personas["leo"])
    person("E09000015", personas["rachel"], nhs_number="", care_review_date="", care_review_outcome="")
    flagged = {m.area.ons_code: m for m in cross_check()}
    assert flagged["E09000015"].not_reviewed == 1 and flagged["E09000015"].says_reviews_complete
    assert "register has nobody on it" in " ".join(flagged["E08000035"].problems)


@pytest.mark.django_db
def test_cross_check_page_is_national_and_suppressed(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    person("E09000015", personas["rachel"], nhs_number="", care_review_date="", care_review_outcome="")
    text = login("nadia").get("/register/cross-check/").content.decode()
    assert "Harrow" in text and ">*<" in text
    assert login("harriet").get("/register/cross-check/").status_code == 403


@pytest.mark.django_db
def test_overdue_lists_are_paged_and_only_the_people_shown_are_logged(
    personas: dict[str, Any], verified_login: Any
) -> None:
    overdue_everywhere = {"care_review_date": "", "care_review_outcome": "", "health_check_date": ""}
    for i in range(53):
        person(
            "E09000015",
            personas["rachel"],
            local_reference=f"HAR-{i:02}",
            nhs_number="",
            planned_transfer_date="",
            reason_no_plan="FUNDING",
            **overdue_everywhere,
        )
    client = verified_login("rachel")
    first = client.get("/register/areas/E09000015/overdue/?as_at=2014-03-31")
    html = first.content.decode()
    assert html.count("Showing 1 to 50 of 53 people") == 3
    assert html.count('aria-label="Page 2"') == 3
    logged = AuditEvent.objects.filter(verb="register.person.listed", data__how="overdue milestones")
    assert logged.count() == 50

    second = client.get("/register/areas/E09000015/overdue/?as_at=2014-03-31&review_page=2").content.decode()
    assert "Showing 51 to 53 of 53 people" in second
    assert second.count("Showing 1 to 50 of 53 people") == 2  # the other two lists stay on their first page
