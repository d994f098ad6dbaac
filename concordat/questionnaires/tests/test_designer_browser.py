"""The designer in real Chromium: the national team builds a small questionnaire (five question types, a
condition), previews it, publishes it and opens a round; Harrow fills it in and submits; the analysis counts
it."""

import datetime
from typing import Any

import pytest

from concordat.questionnaires.models import Questionnaire
from concordat.returns.models import Return, ReturnState
from tests.browser import accessibility_violations, sign_in

HARROW = "E09000015"


def _add_question(page: Any, kind: str, text: str, **fields: str) -> None:
    page.get_by_role("button", name="Add a question to section 1").click()
    page.get_by_label(kind, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill(text)
    for label, value in fields.items():
        page.get_by_label(label.replace("_", " "), exact=False).fill(value)
    page.locator("#id_required").check()  # "Yes, it is required"
    page.get_by_role("button", name="Save question").click()
    page.get_by_role("heading", name="Plans and people 2014").wait_for()


def _design(page: Any, base: str) -> None:
    page.goto(f"{base}/questionnaires/")
    page.get_by_role("button", name="Create a questionnaire").click()
    page.get_by_label("Title").fill("Plans and people 2014")
    page.get_by_label("Short name for web addresses and commands").fill("plans-2014")
    page.get_by_label("Start from scratch").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Section title").fill("Plans")
    page.get_by_role("button", name="Save section").click()
    _add_question(
        page,
        "Assessment (status, evidence, good practice and support ticks)",
        "Is there a joint plan?",
        Hint_text="Say who agreed it.",
    )
    _add_question(page, "Yes or no", "Has the board signed the plan off?", Easy_Read="Did the board say yes?")
    _add_question(page, "Number", "How many people are in hospital?", Lowest="0", Highest="500")
    page.get_by_role("button", name="Add a question to section 1").click()
    page.get_by_label("Choose one or more from a list", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("Who leads the plan?")
    page.get_by_label("The options, one on each line").fill("The council\nThe CCG")
    page.locator("#id_required").check()
    page.get_by_role("button", name="Save question").click()
    _add_question(page, "Long text", "Why has the board not signed it off?")

    # The condition: question 1.5 is asked only when 1.2 is "no".
    page.get_by_role("link", name="Condition for question 1.5").click()
    page.get_by_label("Ask it only when another question has certain answers").check()
    page.get_by_label("Which question's answer decides it?").select_option("1.2")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No (no)").check()
    page.get_by_role("button", name="Save condition").click()
    page.get_by_text("Asked only if question 1.2 is no.").wait_for()

    page.get_by_role("link", name="Change who must sign").click()
    page.get_by_label("Chair of the Health and Wellbeing Board").check()
    page.get_by_role("button", name="Save sign-off").click()
    assert accessibility_violations(page) == []


def _preview_and_publish(page: Any) -> None:
    page.get_by_role("button", name="Preview the area's pages").click()
    page.get_by_role("heading", name="Preview: 1. Plans").wait_for()
    assert page.get_by_text("Answer this if your answer to question 1.2 is no.").count() == 1
    assert page.locator("main input:enabled, main textarea:enabled").count() == 0  # the fieldset is disabled
    assert page.locator("main input").count() > 0
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Back to Plans and people 2014").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Publish questionnaire").click()
    page.get_by_text("Plans and people 2014 (version 1) published.").wait_for()


def _open_round(page: Any, base: str, questionnaire: Questionnaire) -> None:
    today, deadline = datetime.date.today(), datetime.date.today() + datetime.timedelta(days=28)  # noqa: DTZ011
    page.goto(f"{base}/returns/rounds/new/")
    page.get_by_label("Title").fill("Plans and people, spring 2014")
    page.get_by_label("Short name for web addresses and commands").fill("plans-spring-2014")
    page.get_by_label("Questionnaire").select_option(str(questionnaire.pk))
    for field, day in (("opens_on", today), ("deadline", deadline)):
        page.locator(f"#id_{field}-day").fill(str(day.day))
        page.locator(f"#id_{field}-month").fill(str(day.month))
        page.locator(f"#id_{field}-year").fill(str(day.year))
    page.get_by_role("button", name="Create round").click()
    page.get_by_role("button", name="Open Plans and people, spring 2014").click()
    page.locator("tr", has_text="Plans and people, spring 2014").get_by_text("Open", exact=True).wait_for()


def _fill_in_and_submit(page: Any, base: str) -> None:
    task_list = f"{base}/returns/rounds/plans-spring-2014/areas/{HARROW}/"
    page.goto(task_list)
    page.get_by_role("link", name="Plans").click()
    q = {n: page.locator(f'[id="question-1.{n}"]') for n in range(1, 6)}
    q[1].get_by_label("Yes", exact=True).check()
    q[1].locator("textarea[name$='-evidence']").fill("Agreed by the council and the CCG in March.")
    q[2].get_by_label("Yes", exact=True).check()
    q[3].get_by_label("Your answer (a number)").fill("12")
    q[4].get_by_label("The council").check()
    page.get_by_role("button", name="Save and return to the task list").click()
    page.wait_for_url(task_list)
    page.get_by_role("link", name="Who completed this return").click()
    page.get_by_label("Full name").fill("Harriet Patel")
    page.get_by_role("button", name="Save").click()
    page.locator("#next-steps").get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit return").click()
    page.wait_for_url("**/versions/1/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_designed_questionnaire_goes_out_in_a_round_and_harrow_returns_it(
    browser_page: Any, live_server: Any, personas: Any
) -> None:
    page, base = browser_page, live_server.url
    page.set_default_timeout(30_000)  # a long journey on a shared machine
    page.set_default_navigation_timeout(30_000)
    sign_in(page, base, "nadia")
    _design(page, base)
    _preview_and_publish(page)
    questionnaire = Questionnaire.objects.get(slug="plans-2014")
    assert [q.answer_type for q in questionnaire.questions.order_by("position")] == [
        "assessment",
        "yes_no",
        "number",
        "choose_several",
        "long_text",
    ]
    _open_round(page, base, questionnaire)

    sign_in(page, base, "harriet")
    _fill_in_and_submit(page, base)
    ret = Return.objects.get(round__slug="plans-spring-2014", area__ons_code=HARROW)
    assert ret.state == ReturnState.SUBMITTED

    sign_in(page, base, "nadia")
    page.goto(f"{base}/analysis/rounds/plans-spring-2014/?basis=provisional")
    row = page.locator("tr", has_text="Is there a joint plan?")
    assert row.locator("td").first.inner_text().startswith("1 ")  # Harrow's "Yes"
