"""WCAG 2.2 AA checks with axe-core in real Chromium, on the pages of the stocktake loop."""

from typing import Any

import pytest

from concordat.returns.tests.builders import signed_off_version
from tests.browser import accessibility_violations, sign_in

HARROW = "E09000015"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_stocktake_pages_have_no_wcag_violations(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    page, base = browser_page, live_server.url
    area = f"{base}/returns/rounds/{stocktake.slug}/areas/{HARROW}/"
    problems: dict[str, list[str]] = {}
    public_pages = (
        "/",
        "/account/sign-in/",
        "/accessibility/",
        "/easy-read/",
        "/areas/",
        "/areas/E09000015/",
    )
    for url in (base + path for path in public_pages):
        page.goto(url)
        problems[url] = accessibility_violations(page)
    sign_in(page, base, "nadia")
    for url in (
        f"{base}/returns/",
        f"{base}/account/",
        area,
        f"{area}sections/2/",
        f"{area}check/",
        f"{area}versions/1/",
        f"{base}/returns/rounds/{stocktake.slug}/completeness/",
    ):
        page.goto(url)
        problems[url] = accessibility_violations(page)
    page.goto(f"{area}sections/1/")
    page.locator("textarea[name='q1-1-evidence']").fill("x" * 20_001)
    page.get_by_role("button", name="Save and stay on this page").click()
    assert page.locator(".govuk-error-summary").is_visible()
    problems["section with errors"] = accessibility_violations(page)
    assert not {url: found for url, found in problems.items() if found}
