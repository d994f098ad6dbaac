"""The review loop's journeys in real Chromium: every one finishes, and each page says what comes next.

query → answer → accept; query → answer → query again → revise → re-sign → accept; a signatory opening a
superseded version; a national user trying to edit (refused), then correcting with a reason the area sees.
The returns are brought to the starting point through the real actions (builders); the journeys themselves
are clicked through.
"""

from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.models import Return, ReturnState
from concordat.returns.tests.builders import change_answer, signed_off_version, submitted_return
from tests.browser import accessibility_violations, sign_in

HARROW = "E09000015"
CONFIRM = "I have read this version and confirm it is a true account of our position"


def _area(live_server: Any, stocktake: Any) -> str:
    return f"{live_server.url}/returns/rounds/{stocktake.slug}/areas/{HARROW}/"


def _state(stocktake: Any) -> str:
    return Return.objects.get(round=stocktake, area__ons_code=HARROW).state


def _query(page: Any, area: str, number: int, text: str) -> None:
    page.goto(f"{area}versions/{number}/")
    page.get_by_label("Return it to the area with a query").check()
    page.get_by_label("Comment or query").fill(text)
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Query sent to Harrow.").wait_for()


def _answer_from_task_list(page: Any, area: str, text: str) -> None:
    page.goto(area)
    page.get_by_role("link", name="Read and answer the query").click()
    page.get_by_label("Your response to the query").fill(text)
    page.get_by_role("button", name="Send response").click()
    page.get_by_text("Your response has been sent to the national team.").wait_for()
    assert page.get_by_role("link", name="Read and answer the query").count() == 0


def _accept(page: Any, area: str, number: int) -> None:
    page.goto(area)
    page.locator("#next-steps").get_by_role("link", name=f"version {number}").click()
    page.get_by_label("Accept this return").check()
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Harrow's return is accepted and locked.").wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_query_answer_accept(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    page, base, area = browser_page, live_server.url, _area(live_server, stocktake)

    sign_in(page, base, "nadia")
    page.goto(f"{area}versions/1/")
    page.get_by_label("Return it to the area with a query").check()
    page.get_by_role("button", name="Record decision").click()
    summary = page.locator(".govuk-error-summary")
    summary.get_by_role("link", name="Enter the query for the area").wait_for()
    assert page.title().startswith("Error: ")
    inline = " ".join(page.locator("#id_comment-error").inner_text().split())
    assert inline == "Error: Enter the query for the area"
    assert accessibility_violations(page) == []
    assert _state(stocktake) == ReturnState.SIGNED_OFF
    _query(page, area, 1, "Please explain the pooled budget in 2.4.")

    sign_in(page, base, "harriet")
    page.goto(area)
    page.get_by_text("Please explain the pooled budget in 2.4.").wait_for()
    page.get_by_role("link", name="Read and answer the query").click()
    page.get_by_role("button", name="Send response").click()
    page.locator(".govuk-error-summary").get_by_role(
        "link", name="Enter your response to the query"
    ).wait_for()
    assert page.title().startswith("Error: ")
    _answer_from_task_list(page, area, "The pooled budget is agreed from April 2014.")
    assert _state(stocktake) == ReturnState.ANSWERED

    sign_in(page, base, "nadia")
    page.goto(area)
    page.get_by_text("The area has answered the query about version 1").wait_for()
    _accept(page, area, 1)
    assert _state(stocktake) == ReturnState.ACCEPTED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_query_answer_query_again_revise_resign_accept(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    page, base, area = browser_page, live_server.url, _area(live_server, stocktake)

    sign_in(page, base, "nadia")
    _query(page, area, 1, "Please explain 2.4.")
    sign_in(page, base, "harriet")
    _answer_from_task_list(page, area, "We think 2.4 is right as it stands.")
    sign_in(page, base, "nadia")
    page.goto(area)
    page.locator("#next-steps").get_by_role("link", name="query it again").click()
    page.get_by_label("Return it to the area with a query").check()
    page.get_by_label("Comment or query").fill("2.4 says Yes but the evidence says the budget is not agreed.")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Query sent to Harrow.").wait_for()
    assert _state(stocktake) == ReturnState.QUERIED

    sign_in(page, base, "harriet")
    page.goto(area)
    page.get_by_role("link", name="2. ").first.click()
    page.locator("textarea[name='q2-4-evidence']").fill(
        "Partially; the pooled budget is agreed from April 2014."
    )
    page.get_by_role("button", name="Save and return to the task list").click()
    page.wait_for_url(area)
    page.locator("#next-steps").get_by_role("link", name="Check your answers and submit them again").click()
    page.get_by_role("button", name="Submit return").click()
    page.wait_for_url("**/versions/2/")

    for signatory in ("hugh", "helen", "hari"):
        sign_in(page, base, signatory)
        page.goto(area)
        page.get_by_role("link", name="Read and sign version 2").click()
        if signatory == "hugh":
            page.get_by_role("button", name="Sign version 2").click()
            summary = page.locator(".govuk-error-summary")
            summary.get_by_role("link", name="Confirm that you have read this version").wait_for()
            assert page.title().startswith("Error: ")
            assert "Confirm that you have read this version" in page.locator("#id_confirm-error").inner_text()
            assert accessibility_violations(page) == []
        page.get_by_label(CONFIRM).check()
        page.get_by_role("button", name="Sign version 2").click()
        page.get_by_text("You have signed version 2.").wait_for()
    assert _state(stocktake) == ReturnState.SIGNED_OFF

    sign_in(page, base, "nadia")
    _accept(page, area, 2)
    ret = Return.objects.get(round=stocktake, area__ons_code=HARROW)
    assert ret.state == ReturnState.ACCEPTED and ret.latest_version is not None
    assert ret.latest_version.number == 2 and len(ret.latest_version.binding_roles()) == 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_signatory_opening_a_superseded_version_is_sent_to_the_current_one(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    first = submitted_return(stocktake, HARROW, personas["harriet"])
    change_answer(first.ret, personas["harriet"])
    page, base, area = browser_page, live_server.url, _area(live_server, stocktake)

    sign_in(page, base, "hugh")
    page.goto(f"{area}versions/1/sign/")  # the link in the "waiting for your signature" email
    page.get_by_text("The return has been changed since this version was submitted.").wait_for()
    assert page.get_by_role("button", name="Sign version 1").count() == 0

    ret = Return.objects.get(pk=first.ret_id)
    assert actions.submit_return(ret, acting_user=personas["harriet"]).number == 2
    page.goto(f"{area}versions/1/sign/")
    page.get_by_text("This version has been replaced by version 2").wait_for()
    assert page.get_by_role("button", name="Sign version 1").count() == 0
    page.get_by_role("link", name="Read and sign version 2, the current version").click()
    page.get_by_label(CONFIRM).check()
    page.get_by_role("button", name="Sign version 2").click()
    page.get_by_text("You have signed version 2.").wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_national_user_cannot_edit_but_can_correct_with_a_reason_the_area_sees(
    browser_page: Any, live_server: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    page, base, area = browser_page, live_server.url, _area(live_server, stocktake)

    sign_in(page, base, "nadia")
    for path in ("sections/1/", "completed-by/"):
        response = page.goto(area + path)
        assert response is not None and response.status == 403
    page.goto(area)
    assert page.get_by_role("link", name="Check your answers and submit").count() == 0
    page.get_by_role("link", name="1. ").first.click()
    page.get_by_text("You are correcting Harrow").wait_for()
    page.locator("textarea[name='q1-1-evidence']").fill("Yes; the group met on 4 June (date corrected).")
    page.get_by_role("button", name="Save the correction").click()
    page.locator(".govuk-error-summary").get_by_text(
        "Enter why you are correcting the area's answers"
    ).wait_for()
    assert page.title().startswith("Error: ")
    assert _state(stocktake) == ReturnState.SIGNED_OFF
    page.get_by_label("Why are you correcting the area's answers?").fill("The area asked us to fix the date.")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("corrected on Harrow's behalf").wait_for()
    assert _state(stocktake) == ReturnState.IN_PROGRESS
    assert AuditEvent.objects.filter(verb="return.corrected_on_behalf").count() == 1

    sign_in(page, base, "harriet")
    page.goto(area)
    corrections = page.locator("#corrections + ul")
    assert "The area asked us to fix the date." in corrections.inner_text()
    page.get_by_role("link", name="Check your answers and submit them again").wait_for()
