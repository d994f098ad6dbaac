"""The register home, an area's people, one person's record, and adding or changing a person."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts import access as accounts_access
from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped, register_role
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.areas.models import Area
from concordat.govuk.pagination import paginate
from concordat.register import access, actions
from concordat.register.forms import PersonForm
from concordat.register.models import Person
from concordat.register.template.columns import COLUMNS

PAGE_SIZE = 50


@register_role
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = accounts_access.register_areas(request.user).select_related("region").order_by("name")
    return render(
        request,
        "register/home.html",
        {
            "areas": areas,
            "national": accounts_access.is_national_register_analyst(request.user),
        },
    )


@area_scoped(Capability.READ_REGISTER)
def person_list(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code)
    people = access.area_people_for_user(request.user, area)
    page = paginate(request, people, per_page=PAGE_SIZE)
    actions.log_read(request.user, page.items, verb="register.person.listed", how="people list")
    return render(
        request,
        "register/person_list.html",
        {
            "area": area,
            "page": page,
            "can_edit": accounts_access.can(request.user, Capability.EDIT_REGISTER, area),
        },
    )


def _labels() -> dict[str, dict[str, str]]:
    return {c.name: {x.code: x.label for x in c.choices} for c in COLUMNS if c.choices}


def _record_rows(person: Person) -> list[tuple[str, str]]:
    """(column header, text) for each of the template's columns; the NHS number only as recorded or not."""
    labels = _labels()
    rows: list[tuple[str, str]] = []
    for column in COLUMNS:
        if column.name == "nhs_number":
            rows.append((column.header, "Recorded" if person.nhs_number_recorded else "Not recorded"))
            continue
        value: Any = getattr(person, column.name)
        if isinstance(value, bool):
            text = "Yes" if value else "No"
        elif value is None or value == "":
            text = "Not recorded"
        elif column.name in labels:
            text = labels[column.name].get(value, value)
        elif hasattr(value, "strftime"):
            text = f"{value:%d %B %Y}"
        else:
            text = str(value)
        rows.append((column.header, text))
    return rows


@area_scoped(Capability.READ_REGISTER)
def person_detail(request: AuthenticatedHttpRequest, ons_code: str, person_id: str) -> HttpResponse:
    person = access.get_person_for_user(request.user, person_id, ons_code=ons_code)
    actions.log_read(request.user, [person], how="person record")
    return render(
        request,
        "register/person_detail.html",
        {
            "person": person,
            "area": person.area,
            "rows": _record_rows(person),
            "can_edit": accounts_access.can(request.user, Capability.EDIT_REGISTER, person.area),
        },
    )


def _person_form(request: AuthenticatedHttpRequest, area: Area, person: Person | None) -> HttpResponse:
    today = timezone.localdate()
    form = PersonForm(request.POST or None, area_code=area.ons_code, as_at=today, person=person)
    if request.method == "POST" and form.is_valid() and form.row is not None:
        try:
            if person is None:
                person = actions.create_person(area, form.row, acting_user=request.user)
                messages.success(request, f"Person {person.public_id} added to the register.")
            else:
                person = actions.update_person(
                    person,
                    form.row,
                    revision=int(form.cleaned_data.get("revision") or 0),
                    acting_user=request.user,
                    keep_nhs_number=True,
                )
                messages.success(request, f"Changes to {person.public_id} saved.")
        except actions.ActionError as exc:
            target = exc.field if exc.field in form.fields else None
            form.add_error(target, exc.message)
        else:
            return redirect("register:person_detail", area.ons_code, person.public_id)
    return render(request, "register/person_form.html", {"form": form, "area": area, "person": person})


@area_scoped(Capability.EDIT_REGISTER)
def person_add(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    return _person_form(request, access.get_area_for_user(request.user, ons_code, write=True), None)


@area_scoped(Capability.EDIT_REGISTER)
def person_edit(request: AuthenticatedHttpRequest, ons_code: str, person_id: str) -> HttpResponse:
    person = access.get_person_for_user(request.user, person_id, write=True, ons_code=ons_code)
    if request.method == "GET":
        actions.log_read(request.user, [person], how="edit form")
    return _person_form(request, person.area, person)
