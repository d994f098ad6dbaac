"""Answering questions of every type on the area's section page, and what submission makes of them."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.content import draft_content
from concordat.returns.models import Answer, Return, ReturnState, Round
from concordat.returns.tests import builders

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def every_type_round(personas: dict[str, Any]) -> Round:
    return builders.every_type_round(personas["nadia"])


def _section(rnd: Round, number: str) -> str:
    return f"/returns/rounds/{rnd.slug}/areas/{HARROW}/sections/{number}/"


def _value(number: str) -> Any:
    return Answer.objects.get(question__number=number, ret__round__slug="every-type").value


SECTION_1 = {
    "q1-1-status": "na",
    "q1-2-rating": "amber",
    "q1-2-commentary": "Reviews done; the plan is late.",
    "q1-3-value": "yes",
    "q1-4-value-day": "29",
    "q1-4-value-month": "11",
    "q1-4-value-year": "2013",
}
SECTION_2 = {
    "q2-1-value": "12",
    "q2-3-value": "A joint plan with the CCG.",
    "q2-4-value": "pooled",
    "q2-5-value": ["ccg", "hwb"],
}


def test_each_type_is_drawn_with_its_govuk_component(login: Any, every_type_round: Round) -> None:
    client = login("harriet")
    page = client.get(_section(every_type_round, "1")).content.decode()
    assert 'name="q1-2-rating" type="radio" value="amber"' in page
    assert 'name="q1-3-value" type="radio" value="no"' in page
    assert 'name="q1-4-value-month"' in page and "govuk-date-input" in page
    assert "Did the board say yes?" in page  # the Easy Read wording
    assert "Answer this if your answer to question 1.3 is yes." in page
    page = client.get(_section(every_type_round, "2")).content.decode()
    assert 'class="govuk-input govuk-input--width-10' in page
    assert 'name="q2-5-value" type="checkbox" value="ccg"' in page
    assert 'name="q2-6-attachment" type="file"' in page


def test_values_of_every_type_are_saved_as_the_type_rules_clean_them(
    login: Any, every_type_round: Round
) -> None:
    client = login("harriet")
    assert client.post(_section(every_type_round, "1"), SECTION_1).status_code == 302
    assert client.post(_section(every_type_round, "2"), SECTION_2).status_code == 302
    assert _value("1.2") == {"rating": "amber", "commentary": "Reviews done; the plan is late."}
    assert _value("1.3") == "yes"
    assert _value("1.4") == "2013-11-29"
    assert _value("2.1") == 12
    assert _value("2.4") == "pooled"
    assert _value("2.5") == ["hwb", "ccg"]  # in the definition's order, whatever order they were posted in
    assert Answer.objects.get(question__number="1.1").status == "na"
    assert Answer.objects.get(question__number="1.1").value is None


def test_a_number_outside_its_range_shows_the_error_inline_and_in_the_summary(
    login: Any, every_type_round: Round
) -> None:
    client = login("harriet")
    response = client.post(_section(every_type_round, "2"), {**SECTION_2, "q2-1-value": "501"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("Question 2.1: The number must be 500 or less") == 2  # summary and inline
    assert not Answer.objects.exists()


def test_an_impossible_date_and_an_unknown_option_are_refused(login: Any, every_type_round: Round) -> None:
    client = login("harriet")
    page = client.post(
        _section(every_type_round, "1"), {**SECTION_1, "q1-4-value-month": "13"}
    ).content.decode()
    assert "The date must be a real date" in page
    page = client.post(
        _section(every_type_round, "2"), {**SECTION_2, "q2-4-value": "shared"}
    ).content.decode()
    assert "Select a valid choice" in page
    assert not Answer.objects.exists()


def test_a_required_unanswered_question_blocks_submission(
    login: Any, personas: dict[str, Any], every_type_round: Round
) -> None:
    client = login("harriet")
    client.post(_section(every_type_round, "1"), SECTION_1)
    client.post(_section(every_type_round, "2"), {k: v for k, v in SECTION_2.items() if k != "q2-1-value"})
    ret = Return.objects.get(round=every_type_round)
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=personas["harriet"])
    page = client.post(f"/returns/rounds/every-type/areas/{HARROW}/check/").content.decode()
    assert "Question 2.1: enter a number." in page
    assert Return.objects.get(round=every_type_round).state == ReturnState.IN_PROGRESS


def test_the_conditional_rules_decide_what_is_required(
    login: Any, personas: dict[str, Any], every_type_round: Round
) -> None:
    client = login("harriet")
    # 1.1 is "not applicable" with no evidence (required unless n/a); 1.3 "no" hides the date 1.4;
    # 2.4 "separate" lifts 2.5; 2.2 and 2.6 are optional.
    section_1 = {k: v for k, v in SECTION_1.items() if not k.startswith("q1-4")} | {"q1-3-value": "no"}
    client.post(_section(every_type_round, "1"), section_1)
    client.post(
        _section(every_type_round, "2"), {"q2-1-value": "0", "q2-3-value": "Plan.", "q2-4-value": "separate"}
    )
    ret = Return.objects.get(round=every_type_round)
    harriet = personas["harriet"]
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=harriet)
    version = actions.submit_return(ret, acting_user=harriet)
    assert version.number == 1
    assert version.content["answers"]["2.1"]["value"] == 0


def test_without_its_exception_a_conditional_question_is_required(
    login: Any, every_type_round: Round
) -> None:
    client = login("harriet")
    client.post(
        _section(every_type_round, "1"),
        {**SECTION_1, "q1-1-status": "yes", "q1-4-value-day": ""}
        | {"q1-4-value-month": "", "q1-4-value-year": ""},
    )
    client.post(_section(every_type_round, "2"), {k: v for k, v in SECTION_2.items() if k != "q2-5-value"})
    page = client.post(f"/returns/rounds/every-type/areas/{HARROW}/check/").content.decode()
    assert "Question 1.1: enter your assessment and evidence." in page
    assert "Question 1.4: enter a date." in page
    assert "Question 2.5: select at least one option." in page


def test_a_file_question_is_answered_by_its_upload(login: Any, every_type_round: Round) -> None:
    client = login("harriet")
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = client.post(_section(every_type_round, "2"), {**SECTION_2, "q2-6-attachment": upload})
    assert response.status_code == 302
    ret = Return.objects.get(round=every_type_round)
    assert [a["name"] for a in draft_content(ret)["answers"]["2.6"]["attachments"]] == ["plan.pdf"]


def test_the_content_hash_covers_the_values(login: Any, every_type_round: Round) -> None:
    client = login("harriet")
    client.post(_section(every_type_round, "1"), SECTION_1)
    ret = Return.objects.get(round=every_type_round)
    before = draft_content(ret)
    client.post(_section(every_type_round, "1"), {**SECTION_1, "q1-2-rating": "green", "q1-2-revision": "1"})
    after = draft_content(ret)
    assert before["answers"]["1.2"]["value"]["rating"] == "amber"
    assert after["answers"]["1.2"]["value"]["rating"] == "green"
    from concordat.returns.content import content_hash, diff

    assert content_hash(before) != content_hash(after)
    assert [(c.question, c.field) for c in diff(before, after)] == [("1.2", "value")]


def test_an_assessment_answer_s_content_has_no_value_key(login: Any, stocktake: Any) -> None:
    """Every version submitted before question types keeps its content, so its signatures still bind."""
    client = login("harriet")
    client.post(f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/sections/1/", {"q1-1-status": "yes"})
    ret = Return.objects.get(round=stocktake)
    assert set(draft_content(ret)["answers"]["1.1"]) == {
        "status",
        "evidence",
        "good_practice",
        "good_practice_description",
        "support_required",
        "support_description",
        "attachments",
    }


def test_check_answers_shows_each_value_in_words(login: Any, every_type_round: Round) -> None:
    client = login("harriet")
    client.post(_section(every_type_round, "1"), SECTION_1)
    client.post(_section(every_type_round, "2"), SECTION_2)
    page = client.get(f"/returns/rounds/every-type/areas/{HARROW}/check/").content.decode()
    for words in (
        "Amber",
        "Reviews done; the plan is late.",
        "29 November 2013",
        "Pooled",
        "The HWB, The CCG",
    ):
        assert words in page
    assert Question.objects.filter(questionnaire=every_type_round.questionnaire).count() == 10
