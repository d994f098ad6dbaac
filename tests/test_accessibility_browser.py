"""Every page the URL matrix reaches, in real Chromium: axe-core (WCAG 2.2 A and AA) finds nothing, the Nu
HTML Checker finds no error, the text is in the GOV.UK typeface, and nothing is wider than a 320 CSS px
screen.

Each URL pattern of tests/access_matrix.py is checked once, in its Harrow scope, by one persona the matrix
lets reach it (signed in by a session cookie, with two-factor done, in one browser context); then, once the
round is published, every public page. The run writes the accessibility statement's record of the last check
(concordat/public/data/accessibility-check.json), whatever it finds, before it asserts.
"""

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts import two_factor
from concordat.public.accessibility_record import AccessibilityCheck, write_check
from concordat.public.tests.public_pages import public_paths
from concordat.returns import actions
from concordat.returns.models import ReturnVersion
from tests.access_matrix import ALLOWED, walk, world_kwargs
from tests.browser import accessibility_violations
from tests.page_checks import layout_problems, vnu_errors, vnu_missing, vnu_version
from tests.test_url_access import _area_world

HARROW, LEEDS = "E09000015", "E08000035"
# Who looks at a page: the first of these the matrix lets reach it (an area's own people before the centre).
LOOKERS = ("anonymous", "harriet", "hugh", "rachel", "nadia", "lena", "naveen")
DESKTOP = {"width": 1280, "height": 900}


def _world(stocktake: Any, personas: dict[str, Any]) -> dict[str, Any]:
    """The matrix's world (tests/test_url_access.py): Harrow's and Leeds's returns sent, with attachments."""
    world = {"round": stocktake, "personas": personas}
    world["harrow_attachment"] = _area_world(stocktake, HARROW, personas["harriet"], "Yes; Harrow evidence")
    world["leeds_attachment"] = _area_world(stocktake, LEEDS, personas["leo"], "Yes; Leeds evidence")
    return world


def _client(user: Any | None) -> Client:
    """A session for ``user`` (two-factor done), whose cookie the browser then carries."""
    client = Client()
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="a11y", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session[two_factor.VERIFIED_AT] = two_factor.now()  # recent: account and role pages open too
        session.save()
    return client


def _pages_to_check(values: dict[str, tuple[Any, Any]]) -> list[tuple[str, str, str]]:
    """(route name, persona, URL) for each URL pattern a persona can reach, in its Harrow scope."""
    pages = []
    for route in walk():
        allowed = ALLOWED.get(route.rule or "", (set(), set()))[0]
        looker = next((name for name in LOOKERS if name in allowed), None)
        if looker is not None and not route.name.startswith("api:"):
            url = reverse(route.name, kwargs={k: values[k][0] for k in route.kwargs})
            pages.append((route.name, looker, url))
    return pages


def _look(
    page: Any, url: str, html: bytes, found: dict[str, list[str]], collected: dict[str, bytes], key: str = ""
) -> None:
    page.set_viewport_size(DESKTOP)
    # A blank page first: the last page may refresh itself ("Reading your document…" does, every 2 s), and a
    # refresh firing mid-navigation would abort this one.
    page.goto("about:blank")
    page.goto(url)
    found[key or url] = accessibility_violations(page) + layout_problems(page)
    collected[key or url] = html


def _check_matrix_pages(page: Any, base: str, world: dict[str, Any], found: Any, collected: Any) -> list[str]:
    """Every HTML page of the matrix; returns the routes that are not HTML pages for a GET (downloads,
    forms that only take a POST, redirects): the matrix checks them for access; there is nothing to read."""
    values = world_kwargs(world)
    clients: dict[str, Client] = {}
    not_pages = []
    for name, looker, url in _pages_to_check(values):
        if looker not in clients:
            clients[looker] = _client(None if looker == "anonymous" else world["personas"][looker])
        response = clients[looker].get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            not_pages.append(f"{name} ({response.status_code} {response['Content-Type'].split(';')[0]})")
            continue
        page.context.clear_cookies()
        cookie = clients[looker].cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None:
            page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])
        _look(page, base + url, response.content, found, collected)
    return not_pages


def _check_error_states(page: Any, base: str, stocktake: Any, found: Any, collected: Any) -> None:
    """A form sent with an error: the GOV.UK error summary and the inline error."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/returns/rounds/{stocktake.slug}/areas/{HARROW}/sections/1/")
    page.locator("textarea[name='q1-1-evidence']").fill("x" * 20_001)
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Save and stay on this page").click()
    page.locator(".govuk-error-summary").wait_for()  # fails if it never shows
    found["a section sent with an error"] = accessibility_violations(page) + layout_problems(page)
    collected["a section sent with an error"] = sent.value.body()


def _publish_harrow(stocktake: Any, personas: dict[str, Any]) -> None:
    """Harrow's latest version signed, accepted and published; Leeds stays sent, unpublished."""
    version = ReturnVersion.objects.filter(ret__round=stocktake, ret__area__ons_code=HARROW).latest("number")
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])
    today = timezone.localdate()
    actions.publish_round(stocktake, embargo_until=today, as_at=today, acting_user=personas["nadia"])


def _check_public_pages(page: Any, base: str, stocktake: Any, found: Any, collected: Any) -> None:
    page.context.clear_cookies()
    public = _client(None)
    for path in public_paths(stocktake.slug):
        response = public.get(path)
        assert response.status_code == 200, path
        _look(page, base + path, response.content, found, collected, key=f"published: {path}")
        if "easy-read" in path:  # Easy Read text is 14 pt (18.67 CSS px) or larger
            sizes = page.eval_on_selector_all(
                ".concordat-easy-read p", "ps => ps.map(p => parseFloat(getComputedStyle(p).fontSize))"
            )
            if not sizes or min(sizes) < 18.66:
                smallest = sorted(set(sizes))[:3]
                found[f"published: {path}"].append(f"Easy Read text smaller than 14 pt: {smallest}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_the_url_matrix_reaches_passes_axe_and_the_html_checker_and_reflows_at_320_px(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    missing = vnu_missing()
    assert missing is None, f"The HTML checker cannot run: {missing}"
    page, base = browser_page, live_server.url
    world = _world(stocktake, personas)
    found: dict[str, list[str]] = {}
    collected: dict[str, bytes] = {}

    not_pages = _check_matrix_pages(page, base, world, found, collected)
    _check_error_states(page, base, stocktake, found, collected)
    _publish_harrow(stocktake, personas)
    _check_public_pages(page, base, stocktake, found, collected)
    html = vnu_errors(collected)

    axe_version = page.evaluate("axe.version")
    chromium = page.context.browser.version
    write_check(
        AccessibilityCheck(
            checked_on=datetime.date.today(),  # noqa: DTZ011  # the day the check ran, where it ran
            pages=len(found),
            axe_and_layout_problems=sum(len(p) for p in found.values()),
            html_errors=sum(len(e) for e in html.values()),
            tools=f"axe-core {axe_version}, Nu Html Checker {vnu_version()}, Chromium {chromium}",
        )
    )
    assert len(found) > 60, f"only {len(found)} pages checked; not pages: {not_pages}"
    problems = {url: problems for url, problems in found.items() if problems}
    assert not problems and not html, "\n".join(
        f"{url}: {found}" for url, found in sorted({**problems, **html}.items())
    )
