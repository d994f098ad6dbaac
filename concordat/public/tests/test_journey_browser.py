"""Publishing in real Chromium: the national team previews and publishes; the public read Harrow's return, the
national report and Harrow's Easy Read page; Leeds's unpublished answers stay out of sight. Then every public
page: axe-core (WCAG 2.2 A and AA) finds nothing, and nothing is wider than a 320 CSS px screen."""

from typing import Any

import pytest
from django.utils import timezone

from tests.browser import accessibility_violations, sign_in

from .builders import accepted_harrow, published_round
from .public_pages import HARROW, LEEDS, public_paths


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_passes_axe_and_reflows_at_320_px(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    from concordat.register.actions import take_snapshot
    from concordat.register.tests.builders import AS_AT, person

    for i in range(10):
        person(HARROW, personas["rachel"], local_reference=f"HAR-{i}", nhs_number="")
    take_snapshot(AS_AT, personas["naveen"])
    published_round(stocktake, personas)
    page, base = browser_page, live_server.url
    problems: dict[str, list[str]] = {}
    for path in public_paths(stocktake.slug):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(base + path)
        problems[path] = accessibility_violations(page)
        page.set_viewport_size({"width": 320, "height": 640})
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems[path].append(f"{width} CSS px wide at a 320 px viewport")
        if "easy-read" in path:  # Easy Read text is 14 pt (18.67 CSS px) or larger
            sizes = page.eval_on_selector_all(
                ".concordat-easy-read p", "ps => ps.map(p => parseFloat(getComputedStyle(p).fontSize))"
            )
            if not sizes or min(sizes) < 18.66:
                problems[path].append(f"Easy Read text smaller than 14 pt: {sorted(set(sizes))[:3]}")
    assert not {path: found for path, found in problems.items() if found}
