"""The stocktake loop in real Chromium: fill in, submit, sign three times, accept; Leeds sees none of it."""

from typing import Any

import pytest

from concordat.returns.models import Return, ReturnState
from tests.browser import sign_in

HARROW = "E09000015"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_harrow_return_is_filled_in_signed_off_and_accepted(
    browser_page: Any, live_server: Any, stocktake: Any
) -> None:
    page, base = browser_page, live_server.url
    task_list = f"{base}/returns/rounds/{stocktake.slug}/areas/{HARROW}/"

    sign_in(page, base, "harriet")
    page.goto(task_list)
    sections = page.locator(".govuk-task-list__item a").all()
    section_links = [
        a.get_attribute("href") for a in sections if "/sections/" in (a.get_attribute("href") or "")
    ]
    assert len(section_links) == 11
    for href in section_links:
        page.goto(base + str(href))
        for radio_group in page.locator(".govuk-radios").all():
            radio_group.get_by_label("Yes", exact=True).check()
        for textarea in page.locator("textarea[name$='-evidence']").all():
            textarea.fill("Yes; the Task & Finish Group reports to the Health and Wellbeing Board.")
        page.get_by_role("button", name="Save and return to the task list").click()
        page.wait_for_url(task_list)
    page.get_by_text("You have completed 11 of 11 sections.").wait_for()  # fails if it never shows

    page.get_by_role("link", name="Who completed this return").click()
    page.get_by_label("Full name").fill("Harriet Patel")
    page.get_by_role("button", name="Save").click()
    # The next step the task list names (the same link is in its "Check, submit and sign" list).
    page.locator("#next-steps").get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit return").click()
    page.wait_for_url("**/versions/1/")
    page.get_by_text("Version 1 submitted").wait_for()  # fails if it never shows

    for signatory in ("hugh", "helen", "hari"):
        sign_in(page, base, signatory)
        page.goto(f"{task_list}versions/1/")
        page.get_by_label("I have read this version and confirm it is a true account of our position").check()
        page.get_by_role("button", name="Sign version 1").click()
        page.get_by_text("You have signed version 1.").wait_for()  # fails if it never shows

    sign_in(page, base, "nadia")
    page.goto(f"{base}/returns/rounds/{stocktake.slug}/completeness/?region=E12000007")
    row = page.locator("tr", has_text="Harrow")
    assert "Signed off" in row.inner_text()
    assert "3 of 3" in row.inner_text()
    page.goto(f"{task_list}versions/1/")
    page.get_by_label("Accept this return").check()
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Harrow's return is accepted and locked.").wait_for()  # fails if it never shows
    assert Return.objects.get(area__ons_code=HARROW, round=stocktake).state == ReturnState.ACCEPTED

    sign_in(page, base, "leo")
    for path in ("", "versions/1/", "check/"):
        response = page.goto(task_list + path)
        assert response is not None and response.status == 404
        assert "Task & Finish Group" not in page.content()
