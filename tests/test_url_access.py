"""Every URL, every role, own area and another area (see tests/access_matrix.py)."""

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.models import Attachment
from concordat.returns.tests.builders import complete_answers, submitted_return
from concordat.returns.uploads import CheckedUpload
from tests.access_matrix import (
    PERSONAS,
    REGIONAL_LEAD_REACHES,
    problems_for_route,
    reached_by,
    walk,
    world_kwargs,
)

SECRET = "HARROW-ONLY-EVIDENCE-7731"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _area_world(rnd: Any, ons_code: str, editor: Any, evidence: str) -> Attachment:
    version = submitted_return(rnd, ons_code, editor)
    ret = version.ret
    question = next(iter(complete_answers(rnd)))
    upload = CheckedUpload("plan.pdf", "application/pdf", len(PDF), "a" * 63 + ons_code[-1], PDF)
    attachment = actions.add_attachment(ret, question, upload, acting_user=editor)
    answers = {question: {"status": "yes", "evidence": evidence}}
    revisions = dict(ret.answers.values_list("question_id", "revision"))
    actions.save_answers(ret, answers, revisions=revisions, acting_user=editor)
    actions.submit_return(ret, acting_user=editor)
    return attachment


@pytest.fixture
def world(stocktake: Any, personas: dict[str, Any]) -> dict[str, Any]:
    return {
        "round": stocktake,
        "personas": personas,
        "harrow_attachment": _area_world(stocktake, "E09000015", personas["harriet"], f"Yes; {SECRET}"),
        "leeds_attachment": _area_world(stocktake, "E08000035", personas["leo"], "Yes; Leeds evidence"),
    }


def _clients(personas: dict[str, Any]) -> dict[str, Client]:
    clients = {}
    for name in PERSONAS:
        client = Client()
        if name != "anonymous":
            user = personas[name]
            client.force_login(user)
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        clients[name] = client
    return clients


@pytest.mark.django_db
def test_every_url_refuses_every_role_outside_its_scope(world: dict[str, Any]) -> None:
    values = world_kwargs(world)
    clients = _clients(world["personas"])
    problems: list[str] = []
    routes = list(walk())
    assert len(routes) > 15
    for route in routes:
        problems += problems_for_route(route, clients, values, AuditEvent.objects.count, SECRET)
    assert not problems, "\n".join(problems)


def _unprotected(request: HttpRequest) -> HttpResponse:
    return HttpResponse("anyone")


def test_the_matrix_fails_a_view_that_declares_no_access_rule() -> None:
    route = next(walk([path("leak/", _unprotected, name="leak")]))
    assert problems_for_route(route, {}, {}, lambda: 0, SECRET) == [
        "leak: the view declares no access rule (use a decorator from accounts.decorators)"
    ]


@pytest.mark.django_db
@pytest.mark.urls("tests.leaky_urls")
def test_the_matrix_fails_a_view_that_shows_another_areas_data(world: dict[str, Any]) -> None:
    route = next(r for r in walk() if r.name == "leak")
    problems = problems_for_route(
        route, _clients(world["personas"]), world_kwargs(world), AuditEvent.objects.count, SECRET
    )
    assert any(p.startswith("leo GET /leak/E09000015/: got 200, expected to be refused") for p in problems)
    assert any("the page shows Harrow's evidence" in p for p in problems)


def test_the_matrix_says_what_a_regional_lead_reaches() -> None:
    assert reached_by("lena") == REGIONAL_LEAD_REACHES
    # Leeds, in another region: neither its returns nor its region's figures; the round-wide pages, which show
    # only the lead's own region, stay open.
    leeds_only = {name for name in REGIONAL_LEAD_REACHES if name.startswith(("returns:", "public:"))}
    leeds_only -= {"returns:round_list", "returns:completeness"}
    assert reached_by("lena", 1) == REGIONAL_LEAD_REACHES - leeds_only - {"register:region_figures"}
    assert reached_by("yusuf", 1) == reached_by("lena", 0)  # Yorkshire's lead in Leeds: the mirror image
