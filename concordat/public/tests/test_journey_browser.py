"""Publishing in real Chromium: the national team previews and publishes; the public read Harrow's return, the
national report and Harrow's Easy Read page; Leeds's unpublished answers stay out of sight. (Every public
page's axe-core, HTML and 320 px checks are in tests/test_accessibility_browser.py with the signed-in
pages.)"""

from typing import Any

import pytest
from django.utils import timezone

from tests.browser import sign_in

from .builders import accepted_harrow
from .public_pages import HARROW, LEEDS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_national_team_publishes_and_the_public_read_harrow(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    from concordat.returns.tests.builders import submitted_return

    accepted_harrow(stocktake, personas)
    submitted_return(stocktake, LEEDS, personas["leo"])  # sent, not accepted: never published
    page, base = browser_page, live_server.url
    sign_in(page, base, "nadia")
    page.goto(f"{base}/published/{stocktake.slug}/publish/")
    page.get_by_text("1 of the round's returns will be published").wait_for()
    page.get_by_role("link", name="Harrow").click()
    page.get_by_text("Not published yet.").wait_for()
    assert "Yes; a joint group is in place. (1.1)" in page.content()
    page.go_back()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("I have checked the preview").check()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text(f"{stocktake.title} is published.").wait_for()

    page.context.clear_cookies()  # a member of the public
    page.goto(f"{base}/areas/{HARROW}/")
    page.get_by_role("link", name="Read the whole return").click()
    page.get_by_text("Yes; a joint group is in place. (1.1)").wait_for()
    assert "Chair of the Health and Wellbeing Board" in page.content()
    page.goto(f"{base}/report/")
    page.get_by_role("heading", level=1, name=f"Stocktake of progress: {stocktake.title}").wait_for()
    page.get_by_role("link", name="Easy Read version").click()
    page.get_by_role("heading", level=1).wait_for()
    page.goto(f"{base}/areas/{HARROW}/")
    page.get_by_role("link", name="Easy Read version").click()
    page.get_by_role("heading", level=1, name="Easy Read: Harrow").wait_for()
    assert page.locator(".concordat-easy-read__row svg[role=img]").count() >= 5
    page.goto(f"{base}/published/{stocktake.slug}/areas/{LEEDS}/")
    page.get_by_text("has not been published").wait_for()
    assert "a joint group is in place" not in page.content()
