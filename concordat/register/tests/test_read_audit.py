"""Every read of a person record is audited, naming the person and the reader: view, list, export."""

from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.register.tests.builders import person


@pytest.fixture
def harrow_people(personas: dict[str, Any]) -> list[Any]:
    return [
        person("E09000015", personas["rachel"], local_reference=f"HAR-{i}", nhs_number="") for i in range(3)
    ]


def _events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb))


@pytest.mark.django_db
def test_viewing_a_person_records_who_saw_which_record(verified_login: Any, harrow_people: list[Any]) -> None:
    target = harrow_people[0]
    verified_login("naveen").get(f"/register/areas/E09000015/people/{target.public_id}/")
    [event] = _events("register.person.viewed")
    assert event.object_id == str(target.pk) and event.object_repr == target.public_id
    assert event.actor is not None and event.actor.username == "naveen"
    assert event.area_code == "E09000015"


@pytest.mark.django_db
def test_a_list_page_records_one_event_per_person_shown(
    verified_login: Any, harrow_people: list[Any]
) -> None:
    client = verified_login("rachel")
    client.get("/register/areas/E09000015/")
    assert sorted(e.object_id for e in _events("register.person.listed")) == sorted(
        str(p.pk) for p in harrow_people
    )
    client.get("/register/areas/E09000015/overdue/?as_at=2014-03-31")
    client.get("/register/areas/E09000015/march-2014-return/")
    assert {e.data.get("how") for e in _events("register.person.listed")} >= {
        "people list",
        "March 2014 return",
    }


@pytest.mark.django_db
def test_exporting_the_march_return_records_each_person(
    verified_login: Any, harrow_people: list[Any]
) -> None:
    response = verified_login("rachel").get("/register/areas/E09000015/march-2014-return.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert len(_events("register.person.exported")) == 3


@pytest.mark.django_db
def test_changing_a_person_is_audited_with_the_fields_changed(
    verified_login: Any, harrow_people: list[Any]
) -> None:
    created = AuditEvent.objects.filter(verb="register.person.created").count()
    assert created == 3
    client = verified_login("rachel")
    target = harrow_people[1]
    page = client.get(f"/register/areas/E09000015/people/{target.public_id}/edit/")
    assert page.status_code == 200
    form = {k: v for k, v in _form_data(page.context["form"]).items()}
    form["ward_type"] = "REHAB"
    response = client.post(f"/register/areas/E09000015/people/{target.public_id}/edit/", form)
    assert response.status_code == 302, response.context["form"].errors
    [event] = _events("register.person.updated")
    assert event.data["changed"] == ["ward_type"] and event.actor.username == "rachel"  # type: ignore[union-attr]  # set: rachel made the change


def _form_data(form: Any) -> dict[str, Any]:
    """What the browser posts back: each field's value, a date as its three boxes (NAME-day, ...)."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dict):
            data.update({f"{name}-{part}": text for part, text in value.items()})
        else:
            data[name] = value or ""
    return data
