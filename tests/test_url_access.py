"""Every URL, every role, own area and another area (see tests/access_matrix.py)."""

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts import two_factor
from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.models import Attachment
from concordat.returns.tests.builders import complete_answers, submitted_return
from concordat.returns.uploads import CheckedUpload
from tests.access_matrix import (
    PERSONAS,
    REGIONAL_LEAD_REACHES,
    TWO_FACTOR_RULES,
    problems_for_route,
    reached_by,
    unverified_problems,
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


def _client(user: Any, *, verified_ago: float | None) -> Client:
    """Signed in as ``user``; verified with two-factor ``verified_ago`` seconds ago (None: not verified)."""
    client = Client()
    client.force_login(user)
    if verified_ago is not None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session[two_factor.VERIFIED_AT] = two_factor.now() - verified_ago
        session.save()
    return client


def _clients(personas: dict[str, Any]) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for name in PERSONAS:
        if name != "anonymous":
            clients[name] = _client(personas[name], verified_ago=0)
    return clients


@pytest.mark.django_db
def test_every_two_factor_route_sends_an_unverified_or_stale_session_to_the_two_factor_page(
    world: dict[str, Any], settings: Any
) -> None:
    values = world_kwargs(world)
    people = {name for allowed, _ in TWO_FACTOR_RULES.values() for name in allowed}
    too_old = settings.TWO_FACTOR_STEP_UP_SECONDS + 60
    sessions = {
        "unverified": {name: _client(world["personas"][name], verified_ago=None) for name in people},
        "stale": {name: _client(world["personas"][name], verified_ago=too_old) for name in people},
    }
    routes = [route for route in walk() if route.rule in TWO_FACTOR_RULES]
    assert {route.rule for route in routes} == set(TWO_FACTOR_RULES)
    assert len([route for route in routes if route.rule == "privileged"]) >= 9
    problems: list[str] = []
    for route in routes:
        problems += unverified_problems(route, sessions, values, AuditEvent.objects.count)
    assert not problems, "\n".join(problems)


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
