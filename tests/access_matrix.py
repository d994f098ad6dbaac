"""The URL x role access matrix, generated from the URLconf.

Every view must declare an access rule (``concordat.accounts.decorators``). For each URL and each
persona, against Harrow's objects and Leeds's, the expected outcome comes from the hand-written table
``ALLOWED`` below, not from the code under test.
"""

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

HARROW, LEEDS = "E09000015", "E08000035"

# Who may reach a URL scoped to Harrow (first set) or to Leeds (second set), per declared rule.
# "anonymous" is the member of the public.
EVERYONE = {
    "anonymous",
    "nadia",
    "lena",
    "yusuf",
    "harriet",
    "hamid",
    "hugh",
    "helen",
    "hari",
    "hannah",
    "rachel",
    "leo",
    "lucy",
    "luke",
    "naveen",
}
SIGNED_IN = EVERYONE - {"anonymous"}
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "public": (EVERYONE, EVERYONE),
    "signed_in": (SIGNED_IN, SIGNED_IN),
    "national": ({"nadia"}, {"nadia"}),
    # Managing accounts and roles: the national team, verified with two-factor recently (checked below too).
    "privileged": ({"nadia"}, {"nadia"}),
    # Deciding on a register role: a national user who holds register access.
    "role_approver": ({"naveen"}, {"naveen"}),
    "overview": ({"nadia", "lena", "yusuf"}, {"nadia", "lena", "yusuf"}),
    "area:read": (
        {"nadia", "lena", "harriet", "hamid", "hugh", "helen", "hari", "hannah"},
        {"nadia", "yusuf", "leo", "lucy"},
    ),
    # National users read and review; they do not edit an area's answers (separation of duties).
    "area:edit": ({"harriet", "hamid"}, {"leo"}),
    "area:sign": ({"hugh", "helen", "hari"}, {"lucy"}),
    "area:read_register": ({"rachel", "naveen"}, {"luke", "naveen"}),
    "area:edit_register": ({"rachel"}, {"luke"}),
    "region": ({"nadia", "lena"}, {"nadia", "yusuf"}),
    # A region's register figures: any register role (two-factor), or the region's own lead (as published).
    "region:read_figures": ({"lena", "rachel", "luke", "naveen"}, {"yusuf", "rachel", "luke", "naveen"}),
    "register": ({"rachel", "luke", "naveen"}, {"rachel", "luke", "naveen"}),
    # The REST API answers a token, never a session cookie: refused here for everyone (401), and checked
    # route by route with each persona's token against its own table in tests/test_api_access.py.
    "token": (set(), set()),
}
PERSONAS = sorted(EVERYONE)

# What a regional lead reaches beyond the public and signed-in pages, written out by hand so that the matrix
# says it (tests/test_url_access.py compares it with the rules): Lena leads London, where Harrow is.
REGIONAL_LEAD_REACHES = {
    # their region's analysis, triage, completeness and rounds (national pages, scoped to the region)
    "analysis:index",
    "analysis:dashboard",
    "analysis:triage",
    "returns:round_list",
    "returns:completeness",
    # their region's register figures as published (disclosure control), and its cross-check with the returns
    "register:region_figures",
    "register:cross_check",
    # reading (never editing or signing) their region's returns
    "returns:task_list",
    "returns:check_answers",
    "returns:version_list",
    "returns:version_detail",
    "returns:version_diff",
    "returns:attachment_download",
    "public:return_preview",
}


def reached_by(persona: str, scope: int = 0) -> set[str]:
    """Routes ``persona`` may reach for Harrow (scope 0) or Leeds (1) by rule, public and signed-in aside."""
    return {
        route.name
        for route in walk()
        if route.rule in ALLOWED
        and route.rule not in ("public", "signed_in")
        and persona in ALLOWED[route.rule][scope if route.kwargs else 0]
    }


# Routes with their own expected statuses for everyone allowed. /healthz (public) answers 503 while no worker
# has a fresh heartbeat, as in the test world, and 200 when all is well.
EXPECTED_STATUSES: dict[str, set[int]] = {"operations:healthz": {200, 503}}
DENIED_STATUSES = {401, 403, 404, 405}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]
    view: Callable[..., Any]

    @property
    def rule(self) -> str | None:
        return getattr(self.view, "access_rule", None)


def walk(
    patterns: list[Any] | None = None, prefix: str = "", kwargs: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        names = tuple(getattr(entry.pattern, "converters", {}).keys())
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from walk(entry.url_patterns, namespace, kwargs + names)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(prefix + entry.name, kwargs + names, entry.callback)


def world_kwargs(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """URL keyword → (value scoped to Harrow, value scoped to Leeds), from every app's access_world."""
    values: dict[str, tuple[Any, Any]] = {
        "round_slug": (world["round"].slug, world["round"].slug),
        "ons_code": (HARROW, LEEDS),
        "region_code": ("E12000007", "E12000003"),
        "section": ("1", "1"),
        # The API's questionnaire routes (/api/v1/questionnaires/{questionnaire_slug}/{version}).
        "questionnaire_slug": (world["round"].questionnaire.slug, world["round"].questionnaire.slug),
        "version": (world["round"].questionnaire.version, world["round"].questionnaire.version),
        "number": (2, 2),
        "other": (1, 1),
        "attachment_id": (world["harrow_attachment"].pk, world["leeds_attachment"].pk),
        "user_id": (world["personas"]["harriet"].pk, world["personas"]["leo"].pk),
        "membership_id": (
            world["personas"]["harriet"].memberships.get().pk,
            world["personas"]["leo"].memberships.get().pk,
        ),
    }
    # The apps whose URLs take keywords of their own (public's take only ons_code).
    for app in (
        "accounts",
        "notifications",
        "questionnaires",
        "imports",
        "analysis",
        "register",
        "commitments",
    ):
        built = importlib.import_module(f"concordat.{app}.tests.access_world").build(world)
        # One keyword, one meaning: imports' and register's "upload_id" once named rows of different
        # tables, and the test passed only while their ids happened to agree.
        clashes = sorted(built.keys() & values.keys())
        assert not clashes, f"{app}'s access_world gives URL keyword(s) {clashes} a second meaning"
        values.update(built)
    return values


def _unexpected_status(route: Route, persona: str, url: str, status: int) -> list[str]:
    expected = EXPECTED_STATUSES.get(route.name)
    if expected is None or status in expected:
        return []
    return [f"{persona} GET {url}: got {status}, expected one of {sorted(expected)}"]


def _declaration_problem(route: Route, values: dict[str, tuple[Any, Any]]) -> str | None:
    """Why the route cannot be checked at all, if it cannot."""
    if route.rule is None:
        return f"{route.name}: the view declares no access rule (use a decorator from accounts.decorators)"
    if route.rule not in ALLOWED:
        return f"{route.name}: unknown access rule {route.rule!r}; add it to ALLOWED with its expected roles"
    missing = [k for k in route.kwargs if k not in values]
    if missing:
        return f"{route.name}: no test value for URL keyword(s) {missing}; add them to an access_world module"
    return None


def _refused(response: Any, persona: str) -> bool:
    """Refused outright, or (for a visitor) sent to sign in."""
    return response.status_code in DENIED_STATUSES or (
        response.status_code == 302 and persona == "anonymous" and "/account/sign-in/" in response["Location"]
    )


def _refusal_problems(
    client: Client, url: str, persona: str, response: Any, rule: str, audit_count: Callable[[], int]
) -> list[str]:
    """A persona the rule does not allow was refused the GET (``response``); a POST is refused too and
    changes nothing."""
    problems = []
    if not _refused(response, persona):
        problems.append(f"{persona} GET {url}: got {response.status_code}, expected to be refused ({rule})")
    before = audit_count()
    post = client.post(url, {})
    if not _refused(post, persona) or audit_count() != before:
        problems.append(f"{persona} POST {url}: got {post.status_code}, expected refusal and no change")
    return problems


def problems_for_route(
    route: Route,
    clients: dict[str, Client],
    values: dict[str, tuple[Any, Any]],
    audit_count: Callable[[], int],
    secret: str,
) -> list[str]:
    declaration = _declaration_problem(route, values)
    if declaration:
        return [declaration]
    assert route.rule is not None  # checked by _declaration_problem
    problems = []
    scopes = (0, 1) if route.kwargs else (0,)
    for scope in scopes:
        url = reverse(route.name, kwargs={k: values[k][scope] for k in route.kwargs})
        allowed = ALLOWED[route.rule][scope]
        for persona in PERSONAS:
            client = clients[persona]
            response = client.get(url)
            status = response.status_code
            problems += _unexpected_status(route, persona, url, status)
            if status >= 500 and route.name not in EXPECTED_STATUSES:
                problems.append(f"{persona} GET {url}: server error {status}")
            elif persona in allowed:
                if status in (401, 403, 404):
                    problems.append(
                        f"{persona} GET {url}: refused ({status}) but the rule {route.rule} allows them"
                    )
            else:
                problems += _refusal_problems(client, url, persona, response, route.rule, audit_count)
            body = response.content if not getattr(response, "streaming", False) else b""
            if persona in {"leo", "lucy", "luke", "yusuf", "anonymous"} and secret.encode() in body:
                problems.append(f"{persona} GET {url}: the page shows Harrow's evidence")
    return problems


# Rules whose routes need a session verified with two-factor: for each, who is allowed, and whether the code
# must also be recent (managing accounts and roles) rather than merely entered in this session.
TWO_FACTOR_RULES: dict[str, tuple[set[str], bool]] = {
    "privileged": ({"nadia"}, True),
    "role_approver": ({"naveen"}, True),
    "register": ({"rachel", "luke", "naveen"}, False),
    "area:read_register": ({"rachel", "naveen"}, False),
    "area:edit_register": ({"rachel"}, False),
}


def unverified_problems(
    route: Route,
    sessions: dict[str, dict[str, Client]],
    values: dict[str, tuple[Any, Any]],
    audit_count: Callable[[], int],
) -> list[str]:
    """Someone the rule allows, on a session not verified with two-factor (and, where the code must be
    recent, on one verified too long ago): GET and POST are sent to the two-factor page and change nothing.

    ``sessions``: "unverified" and "stale" clients per persona."""
    if route.rule not in TWO_FACTOR_RULES:
        return []
    allowed, must_be_recent = TWO_FACTOR_RULES[route.rule]
    url = reverse(route.name, kwargs={k: values[k][0] for k in route.kwargs})
    problems = []
    for kind in ("unverified", "stale") if must_be_recent else ("unverified",):
        for persona in sorted(allowed):
            client = sessions[kind][persona]
            before = audit_count()
            for method in ("get", "post"):
                response = getattr(client, method)(url, {})
                sent = response.status_code == 302 and response["Location"].startswith("/account/two-factor/")
                if not (sent or (method == "get" and response.status_code == 405)):
                    problems.append(
                        f"{persona} ({kind} session) {method.upper()} {url}: got {response.status_code}"
                    )
            if audit_count() != before:
                problems.append(f"{persona} ({kind} session) {url}: something changed")
    return problems
