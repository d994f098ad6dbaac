"""The person-level register, for register roles only: a token with the register scope (made after a
two-factor sign-in) whose owner may read the area's register. Every person read is audited, as on the
pages."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from concordat.api import cursor as paging
from concordat.api.auth import require_register
from concordat.register import access, actions
from concordat.register.models import FACT_FIELDS, Person

router = Router(tags=["register"])
AREA = "/register/areas/{ons_code}"


def _person(person: Person) -> dict[str, Any]:
    out: dict[str, Any] = {
        "person_id": person.public_id,
        "area": person.area.ons_code,
        "local_reference": person.local_reference,
        "nhs_number_recorded": person.nhs_number_recorded,  # never the number, never its hash
        "revision": person.revision,
        "synthetic": person.synthetic,
    }
    for name in FACT_FIELDS:
        value = getattr(person, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


@router.get(AREA + "/people", url_name="register_people")
def register_people(request: HttpRequest, ons_code: str, cursor: str = "", limit: int = 50) -> dict[str, Any]:
    """An area's people by public id, a page at a time; each person on the page is recorded as read."""
    user = require_register(request)
    area = access.get_area_for_user(user, ons_code)
    people = access.people_for_user(user).filter(area=area).select_related("area")

    def out(items: list[Person]) -> list[dict[str, Any]]:
        actions.log_read(user, items, verb="register.person.listed", how="API people list")
        return [_person(p) for p in items]

    return paging.page(people, key="public_id", cursor=cursor, limit=limit, out=out)


@router.get(AREA + "/people/{person_id}", url_name="register_person")
def register_person(request: HttpRequest, ons_code: str, person_id: str) -> dict[str, Any]:
    """One person's record, recorded as read."""
    user = require_register(request)
    person = access.get_person_for_user(user, person_id, ons_code=ons_code)
    actions.log_read(user, [person], how="API person record")
    return _person(person)
