"""Every API operation, every persona with their own token, against Harrow's ids and Leeds's: 0 leaks.

The same idea as tests/test_url_access.py, for tokens instead of sessions. The operations come from the
OpenAPI document (concordat/api/tests/test_tokens_and_limits.py proves it lists every route); who may call
each one comes from the hand-written ``OPERATIONS`` table below, in the web matrix's words (``ALLOWED``),
not from the code under test.
"""

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from concordat.accounts import actions as account_actions
from concordat.api.main import api
from concordat.audit.models import AuditEvent
from tests.access_matrix import ALLOWED, PERSONAS, world_kwargs
from tests.test_url_access import SECRET, world  # noqa: F401  # the same world: Harrow's secret evidence

V1 = "/api/v1"
RETURN = V1 + "/rounds/{round_slug}/returns/{ons_code}"
# (method, path) → the rule whose personas may call it (tests/access_matrix.py ALLOWED).
OPERATIONS: dict[tuple[str, str], str] = {
    ("GET", V1 + "/regions"): "signed_in",
    ("GET", V1 + "/areas"): "signed_in",
    ("GET", V1 + "/areas/{ons_code}"): "signed_in",
    ("GET", V1 + "/questionnaires"): "signed_in",
    ("GET", V1 + "/questionnaires/{questionnaire_slug}/{version}"): "signed_in",
    ("GET", V1 + "/rounds"): "signed_in",
    ("GET", V1 + "/rounds/{round_slug}"): "signed_in",
    ("GET", RETURN): "area:read",
    ("PUT", RETURN): "area:edit",
    ("PATCH", RETURN + "/answers"): "area:edit",
    ("POST", RETURN + "/submit"): "area:edit",
    ("GET", RETURN + "/versions"): "area:read",
    ("GET", RETURN + "/versions/{number}"): "area:read",
    ("GET", V1 + "/rounds/{round_slug}/completeness"): "overview",
    ("GET", V1 + "/rounds/{round_slug}/completeness.csv"): "overview",
    ("GET", V1 + "/rounds/{round_slug}/returns.csv"): "overview",
    ("GET", V1 + "/commitments"): "signed_in",
    ("GET", V1 + "/commitments/{commitment_ref}"): "signed_in",
    ("GET", V1 + "/register/areas/{ons_code}/people"): "area:read_register",
    ("GET", V1 + "/register/areas/{ons_code}/people/{person_id}"): "area:read_register",
    ("GET", V1 + "/open/rounds"): "public",
    ("GET", V1 + "/open/rounds/{round_slug}/areas.json"): "public",
    ("GET", V1 + "/open/rounds/{round_slug}/areas.csv"): "public",
    ("GET", V1 + "/open/rounds/{round_slug}/areas.csv-metadata.json"): "public",
}
# A valid body for each write, sent with a stale If-Match: whoever may write gets 412 and nothing changes.
BODIES: dict[str, dict[str, Any]] = {
    "PUT": {
        "completed_by": {"name": "Intruder"},
        "answers": {"1.1": {"status": "no", "evidence": "Intruder"}},
    },
    "PATCH": {"answers": {"1.1": {"status": "no", "evidence": "Intruder"}}},
}
REGISTER_PERSONAS = {"rachel", "luke", "naveen"}
OUTSIDE_HARROW = {"leo", "lucy", "luke", "yusuf", "anonymous"}


def _operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


def _tokens(personas: dict[str, Any]) -> dict[str, str]:
    tokens = {}
    for name in PERSONAS:
        if name == "anonymous":
            continue
        _, tokens[name] = account_actions.create_api_token(
            personas[name],
            name="matrix",
            scope="read_write",
            register=name in REGISTER_PERSONAS,
            days=1,
            verified=True,
            now=timezone.now(),
        )
    return tokens


def _call(client: Client, method: str, url: str, token: str) -> Any:
    headers = {"If-Match": '"stale"'}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps(BODIES[method]) if method in BODIES else ""
    return client.generic(method, url, body, "application/json", headers=headers)


def _problems(
    method: str, url: str, persona: str, rule: str, allowed: bool, response: Any, changed: bool
) -> list[str]:
    """Refused outright and nothing changed; or let in, a write changing nothing (its If-Match is stale),
    and a read of people recorded in the audit trail, as on the register pages."""
    status = response.status_code
    where = f"{persona} {method} {url}"
    if status >= 500:
        return [f"{where}: server error {status}"]
    problems = []
    if allowed and status in (401, 403, 404):
        problems.append(f"{where}: refused ({status}) but the table allows them")
    if not allowed and status not in (401, 403, 404):
        problems.append(f"{where}: got {status}, expected to be refused")
    reads_people = allowed and method == "GET" and rule == "area:read_register"
    if changed and not reads_people:
        problems.append(f"{where}: the audit trail changed (a write went through)")
    if reads_people and not changed:
        problems.append(f"{where}: a read of person-level records was not audited")
    streamed = getattr(response, "streaming", False)  # returns.csv streams
    body = b"".join(response.streaming_content) if streamed else response.content
    if persona in OUTSIDE_HARROW and SECRET.encode() in body:
        problems.append(f"{where}: the answer shows Harrow's evidence")
    return problems


@pytest.mark.django_db
def test_every_api_operation_refuses_every_persona_outside_its_scope(world: dict[str, Any]) -> None:  # noqa: F811
    values = world_kwargs(world)
    tokens = _tokens(world["personas"])
    client = Client()
    operations = _operations()
    unlisted = sorted(set(operations) - set(OPERATIONS))
    assert not unlisted, f"operations missing from the hand-written table: {unlisted}"
    assert len(operations) == len(OPERATIONS)
    problems: list[str] = []
    for method, path in operations:
        rule = OPERATIONS[(method, path)]
        names = re.findall(r"{(\w+)}", path)
        for scope in (0, 1):
            url = path
            for name in names:
                url = url.replace("{" + name + "}", str(values[name][scope]))
            for persona in PERSONAS:
                before = AuditEvent.objects.count()
                response = _call(client, method, url, tokens.get(persona, ""))
                changed = AuditEvent.objects.count() != before
                allowed = persona in ALLOWED[rule][scope]
                problems += _problems(method, url, persona, rule, allowed, response, changed)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_api_matrix_catches_a_leak(world: dict[str, Any]) -> None:  # noqa: F811
    """The check itself can fail: an answer that shows Harrow's evidence to Leo is a problem."""

    class Leaky:
        status_code = 200
        content = f"... {SECRET} ...".encode()

    problems = _problems("GET", "/x", "leo", "area:read", False, Leaky(), False)
    assert problems == [
        "leo GET /x: got 200, expected to be refused",
        "leo GET /x: the answer shows Harrow's evidence",
    ]
