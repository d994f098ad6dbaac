"""In a real browser: Harriet uploads Harrow's Word return, corrects the answer flagged for checking, confirms
it, and finds the answers in her draft. The review page has no WCAG 2.2 A/AA violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from concordat.returns.demo import ensure_stocktake_round
from concordat.returns.models import Answer
from tests.browser import accessibility_violations, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_harriet_imports_her_return_in_the_browser(
    browser_page: Any, live_server: Any, personas: dict[str, Any], harrow_docx: Path
) -> None:
    ensure_stocktake_round(personas["nadia"])
    page, base = browser_page, live_server.url
    sign_in(page, base, "harriet")
    page.goto(f"{base}/imports/rounds/stocktake-2013/areas/E09000015/upload/")
    page.get_by_label("Upload the completed return").set_input_files(str(harrow_docx))
    page.get_by_role("button", name="Upload and read the return").click()
    page.wait_for_url("**/documents/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Check the answers read from")
    assert accessibility_violations(page) == []
    flagged = page.locator(".imports-question--check")
    assert flagged.count() == 1
    flagged.get_by_label("Partially").check()
    flagged.get_by_label("Assessment of current position").fill("Partially; the minutes set out the plan.")
    page.get_by_role("button", name="Confirm and save these answers in the draft").click()
    page.wait_for_url(f"{base}/returns/rounds/stocktake-2013/areas/E09000015/")
    assert "are saved in the draft" in page.content()
    page.goto(f"{base}/returns/rounds/stocktake-2013/areas/E09000015/sections/2/")
    assert page.locator("#id_q2-3-evidence").input_value() == "Partially; the minutes set out the plan."
    answer = Answer.objects.get(question__number="2.3")
    assert answer.status == "partial" and answer.confirmed_by == personas["harriet"]
    assert answer.source_name == "harrow-stocktake.docx"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_import_that_would_replace_typed_text_keeps_what_the_editor_chooses(
    browser_page: Any, live_server: Any, personas: dict[str, Any], plain_docx: Path
) -> None:
    ensure_stocktake_round(personas["nadia"])
    page, base = browser_page, live_server.url
    area = f"{base}/returns/rounds/stocktake-2013/areas/E09000015"
    sign_in(page, base, "harriet")
    page.goto(f"{area}/sections/1/")
    page.locator("#id_q1-1-evidence").fill("Typed: our register is kept by the CCG.")
    page.locator("#id_q1-2-evidence").fill("Typed: the plan is being redrafted.")
    page.get_by_role("button", name="Save and return to the task list").click()
    page.wait_for_url(f"{area}/")
    page.goto(f"{base}/imports/rounds/stocktake-2013/areas/E09000015/upload/")
    page.get_by_label("Upload the completed return").set_input_files(str(plain_docx))
    page.get_by_role("button", name="Upload and read the return").click()
    page.wait_for_url("**/documents/*/")
    assert "2 would replace typed text" in page.content()
    assert accessibility_violations(page) == []
    first, second = page.locator("#question-q1-1"), page.locator("#question-q1-2")
    assert "Would replace typed text" in first.inner_text()
    assert "Typed: our register is kept by the CCG." in first.inner_text()
    assert first.get_by_label("Keep the answer in the draft").is_checked()
    second.get_by_label("Use the answer read from the document").check()
    page.get_by_role("button", name="Confirm and save these answers in the draft").click()
    page.wait_for_url(f"{area}/")
    page.goto(f"{area}/sections/1/")
    assert page.locator("#id_q1-1-evidence").input_value() == "Typed: our register is kept by the CCG."
    taken = page.locator("#id_q1-2-evidence").input_value()
    assert taken and taken != "Typed: the plan is being redrafted."
    assert Answer.objects.get(question__number="1.2").source_name == "return.docx"
    assert Answer.objects.get(question__number="1.1").source_name == ""
