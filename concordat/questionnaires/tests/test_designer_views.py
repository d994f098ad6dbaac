"""The designer's pages: the national team designs, previews and publishes; nobody else gets in."""

from typing import Any

import pytest

from concordat.questionnaires import actions
from concordat.questionnaires.models import Questionnaire, QuestionnaireDraft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas: dict[str, Any]) -> QuestionnaireDraft:
    nadia = personas["nadia"]
    draft = actions.start_draft(slug="small-2014", title="Small 2014", acting_user=nadia)
    actions.add_section(draft, "Plans", acting_user=nadia)
    actions.save_question(
        draft,
        1,
        None,
        {"text": "Is there a plan?", "answer_type": "yes_no", "easy_read": "Do you have a plan?"},
        acting_user=nadia,
    )
    return draft


@pytest.mark.parametrize("username", ["harriet", "lena", "hugh"])
def test_only_the_national_team_reaches_the_designer(login: Any, username: str, draft: Any) -> None:
    client = login(username)
    assert client.get("/questionnaires/").status_code in (403, 404)
    assert client.get(f"/questionnaires/drafts/{draft.pk}/").status_code in (403, 404)
    assert client.post("/questionnaires/new/", {"title": "X", "slug": "x", "start": "blank"}).status_code in (
        403,
        404,
    )
    assert not QuestionnaireDraft.objects.filter(definition__id="x").exists()


def test_starting_a_questionnaire_without_a_title_or_short_name_says_what_to_enter(login: Any) -> None:
    response = login("nadia").post("/questionnaires/new/", {"title": "", "slug": "Not A Slug", "start": ""})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a title" in body
    assert "The short name can only contain lower case letters, numbers and hyphens" in body
    assert "Select how to start" in body
    assert not QuestionnaireDraft.objects.exists()


def test_a_new_blank_questionnaire_opens_its_draft_page(login: Any) -> None:
    response = login("nadia").post(
        "/questionnaires/new/", {"title": "Plans 2014", "slug": "plans-2014", "start": "blank"}
    )
    draft = QuestionnaireDraft.objects.get()
    assert response["Location"] == f"/questionnaires/drafts/{draft.pk}/"
    assert draft.definition == {"id": "plans-2014", "title": "Plans 2014", "signatories": [], "sections": []}


def test_a_number_question_with_its_range_the_wrong_way_round_is_refused_in_words(
    login: Any, draft: Any
) -> None:
    url = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/number/"
    response = login("nadia").post(
        url, {"text": "How many?", "required": "yes", "minimum": "10", "maximum": "2"}
    )
    assert "Question 1.2: the minimum (10) is more than the maximum (2)." in response.content.decode()
    draft.refresh_from_db()
    assert len(draft.definition["sections"][0]["questions"]) == 1


def test_a_number_question_may_be_marked_as_counting_people_and_unmarked_again(
    login: Any, draft: Any
) -> None:
    client = login("nadia")
    url = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/number/"
    client.post(url, {"text": "How many people?", "required": "yes", "counts_people": "yes"})
    draft.refresh_from_db()
    question = draft.definition["sections"][0]["questions"][1]
    assert question["counts_people"] is True
    edit = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/2/"
    assert 'value="yes" checked' in client.get(edit).content.decode()
    client.post(edit, {"text": "How many people?", "required": "yes", "counts_people": "no"})
    draft.refresh_from_db()
    assert "counts_people" not in draft.definition["sections"][0]["questions"][1]
    refused = client.post(edit, {"text": "How many?", "required": "yes", "counts_people": "maybe"})
    assert "Select a valid choice" in refused.content.decode()


def test_a_choice_question_saves_its_options_with_short_forms(login: Any, draft: Any) -> None:
    url = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/choose_one/"
    login("nadia").post(url, {"text": "Who leads?", "required": "no", "options": "The council\nThe CCG\n"})
    draft.refresh_from_db()
    assert draft.definition["sections"][0]["questions"][1] == {
        "number": "1.2",
        "text": "Who leads?",
        "answer_type": "choose_one",
        "required": False,
        "options": [
            {"value": "the_council", "label": "The council"},
            {"value": "the_ccg", "label": "The CCG"},
        ],
    }


def test_a_condition_is_chosen_on_two_pages_and_an_answer_the_question_cannot_give_is_refused(
    login: Any, draft: Any
) -> None:
    client = login("nadia")
    client.post(
        f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/long_text/",
        {"text": "Describe the plan", "required": "yes"},
    )
    first = client.post(
        f"/questionnaires/drafts/{draft.pk}/sections/1/questions/2/condition/",
        {"kind": "show_if", "question": "1.1"},
    )
    assert (
        first["Location"]
        == f"/questionnaires/drafts/{draft.pk}/sections/1/questions/2/condition/show_if/1.1/"
    )
    wrong = client.post(first["Location"], {"values": ["green"]})
    assert "Select a valid choice. green is not one of the available choices." in wrong.content.decode()
    client.post(first["Location"], {"values": ["yes"]})
    draft.refresh_from_db()
    assert draft.definition["sections"][0]["questions"][1]["show_if"] == {"question": "1.1", "in": ["yes"]}


def test_the_preview_shows_the_areas_page_for_the_section_with_nothing_to_submit(
    login: Any, draft: Any
) -> None:
    body = login("nadia").get(f"/questionnaires/drafts/{draft.pk}/preview/").content.decode()
    assert "Preview: 1. Plans" in body
    assert "Is there a plan?" in body
    assert "Read question 1.1 in Easy Read" in body  # the area's page's own partial
    assert '<fieldset class="govuk-fieldset" disabled>' in body
    assert "Save and return to the task list" not in body


def test_publishing_a_draft_with_problems_lists_them_in_the_error_summary(login: Any, personas: Any) -> None:
    nadia = personas["nadia"]
    draft = actions.start_draft(slug="broken", title="Broken", acting_user=nadia)
    actions.add_section(draft, "Choices", acting_user=nadia)
    actions.save_question(
        draft, 1, None, {"text": "Pick one", "answer_type": "choose_one"}, acting_user=nadia
    )
    response = login("nadia").post(f"/questionnaires/drafts/{draft.pk}/publish/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Question 1.1" in body
    assert not Questionnaire.objects.filter(slug="broken").exists()


def test_publishing_a_good_draft_makes_a_questionnaire_a_round_can_use(login: Any, draft: Any) -> None:
    client = login("nadia")
    response = client.post(f"/questionnaires/drafts/{draft.pk}/publish/")
    assert response["Location"] == "/questionnaires/"
    assert Questionnaire.objects.filter(slug="small-2014", version=1).exists()
    assert "Small 2014 (version 1)" in client.get("/returns/rounds/new/").content.decode()


def test_moving_a_question_up_on_the_draft_page_reorders_it(login: Any, draft: Any) -> None:
    client = login("nadia")
    client.post(
        f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/date/",
        {"text": "When was it agreed?", "required": "no"},
    )
    assert "Move question 1.2 up" in client.get(f"/questionnaires/drafts/{draft.pk}/").content.decode()
    client.post(f"/questionnaires/drafts/{draft.pk}/sections/1/questions/2/move/", {"direction": "up"})
    draft.refresh_from_db()
    assert [q["number"] for q in draft.definition["sections"][0]["questions"]] == ["1.2", "1.1"]


def test_a_question_that_is_not_there_is_not_found(login: Any, draft: Any) -> None:
    client = login("nadia")
    assert client.get(f"/questionnaires/drafts/{draft.pk}/sections/1/questions/7/").status_code == 404
    unknown_type = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/geopoint/"
    assert client.get(unknown_type).status_code == 404


def test_a_table_question_is_designed_with_a_line_per_column_and_its_rows(login: Any, draft: Any) -> None:
    client = login("nadia")
    url = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/table/"
    columns = "\n".join(
        [
            "Provider | text",
            "People | people",
            "Since | date",
            "Reviewed? | yes or no",
            "Kind | choose: Hospital; Care home",
        ]
    )
    response = client.post(
        url, {"text": "Placements", "required": "yes", "columns": columns, "max_rows": "20"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    question = draft.definition["sections"][0]["questions"][1]
    assert (question["answer_type"], question["max_rows"], "min_rows" in question) == ("table", 20, False)
    assert question["columns"] == [
        {"name": "provider", "text": "Provider", "answer_type": "short_text"},
        {"name": "people", "text": "People", "answer_type": "number", "counts_people": True},
        {"name": "since", "text": "Since", "answer_type": "date"},
        {"name": "reviewed", "text": "Reviewed?", "answer_type": "yes_no"},
        {
            "name": "kind",
            "text": "Kind",
            "answer_type": "choose_one",
            "options": [
                {"value": "hospital", "label": "Hospital"},
                {"value": "care_home", "label": "Care home"},
            ],
        },
    ]
    edit = client.get(f"/questionnaires/drafts/{draft.pk}/sections/1/questions/2/").content.decode()
    assert "Kind | choose: Hospital; Care home" in edit and "People | people" in edit
    preview = client.get(f"/questionnaires/drafts/{draft.pk}/preview/").content.decode()
    assert "1.2, row 1</legend>" in preview and "Care home</option>" in preview


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("", "Enter the table&#x27;s columns, one on each line"),
        ("Provider", "Line 1: write the column as Heading | text"),
        (
            "Provider | colour",
            "Line 1: the kind must be one of text, number, people, date, yes or no, choose:",
        ),
        ("A | text\na | date", "Each column&#x27;s heading must be different from the others"),
        ("\n".join(f"C{i} | text" for i in range(13)), "A table can have at most 12 columns"),
        ("x" * 6000, "Ensure this value has at most 5000 characters"),
    ],
)
def test_columns_the_designer_cannot_read_are_refused_in_words(
    login: Any, draft: Any, columns: str, message: str
) -> None:
    url = f"/questionnaires/drafts/{draft.pk}/sections/1/questions/new/table/"
    page = (
        login("nadia")
        .post(url, {"text": "Placements", "required": "yes", "columns": columns})
        .content.decode()
    )
    assert message in page
    draft.refresh_from_db()
    assert len(draft.definition["sections"][0]["questions"]) == 1
