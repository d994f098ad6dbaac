"""Adding and changing a person through the GOV.UK form: same checks as an upload, no lost updates."""

from typing import Any

import pytest

from concordat.register import actions
from concordat.register.models import Person
from concordat.register.tests.builders import checked_row, person
from concordat.register.tests.person_form_data import PERSON_FORM

VALID = PERSON_FORM


@pytest.mark.django_db
def test_adding_a_person_with_errors_shows_the_error_summary(verified_login: Any) -> None:
    client = verified_login("rachel")
    assert client.get("/register/areas/E09000015/people/add/").status_code == 200
    bad = {**VALID, "admission_date-month": "13", "nhs_number": "123"}
    response = client.post("/register/areas/E09000015/people/add/", bad)
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text and 'href="#id_admission_date-day"' in text
    assert "An NHS number must be 10 digits long" in text
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_adding_a_person_saves_and_shows_the_record(verified_login: Any) -> None:
    client = verified_login("rachel")
    response = client.post("/register/areas/E09000015/people/add/", VALID, follow=True)
    stored = Person.objects.get()
    assert stored.local_reference == "HAR-0100" and stored.public_id.startswith("P-")
    assert stored.health_check_due.isoformat() == "2013-08-01"
    assert f"Person {stored.public_id}" in response.content.decode()
    again = client.post("/register/areas/E09000015/people/add/", VALID)
    assert "already has this local reference" in again.content.decode()


@pytest.mark.django_db
def test_a_stale_edit_is_refused(personas: dict[str, Any]) -> None:
    someone = person("E09000015", personas["rachel"], nhs_number="")
    actions.update_person(
        someone, checked_row(ward_type="SECURE", nhs_number=""), revision=1, acting_user=personas["rachel"]
    )
    with pytest.raises(actions.StaleEdit):
        actions.update_person(
            someone, checked_row(ward_type="REHAB", nhs_number=""), revision=1, acting_user=personas["rachel"]
        )
    assert Person.objects.get().ward_type == "SECURE"


@pytest.mark.django_db
def test_editing_without_an_nhs_number_keeps_the_recorded_one(personas: dict[str, Any]) -> None:
    someone = person("E09000015", personas["rachel"])
    before = someone.nhs_number_hash
    updated = actions.update_person(
        someone, checked_row(nhs_number=""), revision=1, acting_user=personas["rachel"], keep_nhs_number=True
    )
    assert updated.nhs_number_hash == before and updated.nhs_number_recorded
