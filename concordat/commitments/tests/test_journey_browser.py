"""In a real browser: an owner records an amber update, the national team publishes, the public sees it."""

import os
from typing import Any

import pytest

from tests.browser import sign_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_owner_update_published_by_the_national_team_shows_on_the_public_page(
    live_server: Any, browser_page: Any, personas: dict[str, Any]
) -> None:
    from concordat.commitments.demo import ensure_organisation_users
    from concordat.commitments.loader import load_commitments

    load_commitments()
    ensure_organisation_users()
    base, page = live_server.url, browser_page

    sign_in(page, base, "olivia")
    page.goto(f"{base}/commitments/K-NHSCB-01/")
    page.get_by_role("link", name="Record an update").click()
    page.get_by_label("Amber").check()
    _date(page, "as_at", "1", "5", "2013")
    page.get_by_label("Summary of progress").fill("Registers in 140 of 151 PCTs; the rest by mid-May.")
    page.get_by_label("Links to evidence (optional)").fill("https://www.england.nhs.uk/registers-2013")
    page.get_by_role("button", name="Record update").click()
    page.wait_for_url(f"{base}/commitments/K-NHSCB-01/")
    assert "Update recorded for K-NHSCB-01." in page.inner_text("main")

    sign_in(page, base, "nadia")
    page.goto(f"{base}/commitments/board/publish/")
    _date(page, "as_at", "1", "6", "2013")
    page.get_by_label("Title").fill("Concordat progress, June 2013")
    page.get_by_label("Summary").fill("Registers nearly complete.")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{base}/commitments/published/")

    page.context.clear_cookies()  # the member of the public
    page.goto(f"{base}/commitments/published/")
    assert page.get_by_role("link", name="Sign in").count() == 1
    page.get_by_role("link", name="NHS Commissioning Board").click()
    page.wait_for_url("**/published/signatories/**")
    text = page.inner_text("main")
    assert "Registers in 140 of 151 PCTs; the rest by mid-May." in text
    assert "Amber" in text
    assert "status as at 1 June 2013" in text
    assert page.get_by_role("link", name="https://www.england.nhs.uk/registers-2013").count() == 1


def _date(page: Any, name: str, day: str, month: str, year: str) -> None:
    """The GOV.UK date input: three boxes."""
    page.fill(f"input[name={name}-day]", day)
    page.fill(f"input[name={name}-month]", month)
    page.fill(f"input[name={name}-year]", year)
