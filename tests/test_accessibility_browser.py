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
        f"{area}sections/2/correct/",
        f"{area}check/",
        f"{area}versions/1/",
        f"{base}/returns/rounds/{stocktake.slug}/completeness/",
    ):
        page.goto(url)
        problems[url] = accessibility_violations(page)
    sign_in(page, base, "harriet")  # the national team corrects (above) but does not edit
    page.goto(f"{area}sections/1/")
    page.locator("textarea[name='q1-1-evidence']").fill("x" * 20_001)
    page.get_by_role("button", name="Save and stay on this page").click()
    page.locator(".govuk-error-summary").wait_for()  # fails if it never shows
    problems["section with errors"] = accessibility_violations(page)
    assert not {url: found for url, found in problems.items() if found}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_national_teams_analysis_register_and_commitments_pages_have_no_wcag_violations(
    browser_page: Any, live_server: Any, personas: dict[str, Any]
) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concordat.commitments.loader import load_commitments
    from concordat.register.actions import take_snapshot
    from concordat.register.tests.builders import AS_AT, person
    from concordat.synthetic.rounds import generate_round

    generate_round("stocktake-2013-synthetic", seed=2013, acting_user=personas["nadia"], with_files=False)
    load_commitments()
    for i in range(10):
        person(HARROW, personas["rachel"], local_reference=f"HAR-{i}", nhs_number="")
    take_snapshot(AS_AT, personas["naveen"])
    page, base = browser_page, live_server.url
    problems: dict[str, list[str]] = {}

    sign_in(page, base, "nadia")
    analysis = f"{base}/analysis/rounds/stocktake-2013-synthetic/"
    for url in (
        f"{base}/analysis/",
        analysis,
        f"{analysis}triage/",
        f"{analysis}report/",
        f"{base}/analysis/good-practice/",
        f"{base}/commitments/",
        f"{base}/commitments/board/",
        f"{base}/returns/rounds/new/",
    ):
        page.goto(url)
        problems[url] = accessibility_violations(page)
    # Managing accounts asks for a code first (accounts.decorators.privileged).
    nadias = TOTPDevice.objects.create(user=personas["nadia"], name="phone", confirmed=True)
    page.goto(f"{base}/account/users/")
    page.get_by_label("Code").fill(f"{totp(nadias.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/account/users/")
    problems["/account/users/"] = accessibility_violations(page)

    device = TOTPDevice.objects.create(user=personas["rachel"], name="phone", confirmed=True)
    sign_in(page, base, "rachel")
    page.goto(f"{base}/register/areas/{HARROW}/")
    problems["two-factor"] = accessibility_violations(page)
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/register/areas/{HARROW}/")
    for path in ("", "figures/", "overdue/", "upload/", "march-2014-return/"):
        page.goto(f"{base}/register/areas/{HARROW}/{path}")
        problems[f"register {path}"] = accessibility_violations(page)
    page.context.clear_cookies()
    for path in ("/commitments/published/",):
        page.goto(base + path)
        problems[path] = accessibility_violations(page)
    assert not {url: found for url, found in problems.items() if found}
