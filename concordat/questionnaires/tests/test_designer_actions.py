"""The designer's writes: each page's change to the draft definition, audited; publishing checks and loads."""

from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.questionnaires import actions, drafting
from concordat.questionnaires.models import Question, Questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def nadia(personas: dict[str, Any]) -> Any:
    return personas["nadia"]


def _small_draft(nadia: Any) -> Any:
    draft = actions.start_draft(slug="small-2014", title="Small 2014", acting_user=nadia)
    actions.add_section(draft, "Plans", acting_user=nadia)
    actions.save_question(
        draft, 1, None, {"text": "Is there a plan?", "answer_type": "yes_no"}, acting_user=nadia
    )
    actions.save_question(
        draft,
        1,
        None,
        {"text": "How many people?", "answer_type": "number", "min": 0, "max": 500, "hint": ""},
        acting_user=nadia,
    )
    return draft


def test_a_blank_draft_built_page_by_page_holds_the_definition_a_file_would(nadia: Any) -> None:
    draft = _small_draft(nadia)
    actions.set_rule(draft, 1, 2, "show_if", {"question": "1.1", "in": ["yes"]}, acting_user=nadia)
    actions.set_signatories(
        draft, [("hwb_chair", "Chair of the Health and Wellbeing Board")], acting_user=nadia
    )
    draft.refresh_from_db()
    assert draft.definition == {
        "id": "small-2014",
        "title": "Small 2014",
        "signatories": [{"role": "hwb_chair", "label": "Chair of the Health and Wellbeing Board"}],
        "sections": [
            {
                "number": "1",
                "title": "Plans",
                "questions": [
                    {"number": "1.1", "text": "Is there a plan?", "answer_type": "yes_no"},
                    {
                        "number": "1.2",
                        "text": "How many people?",
                        "answer_type": "number",
                        "min": 0,
                        "max": 500,
                        "show_if": {"question": "1.1", "in": ["yes"]},
                    },
                ],
            }
        ],
    }


def test_every_change_is_audited_with_what_changed(nadia: Any) -> None:
    draft = _small_draft(nadia)
    changes = [
        e.data["change"]
        for e in AuditEvent.objects.filter(verb=actions.DRAFT_CHANGED, object_id=str(draft.pk)).order_by(
            "seq"
        )
    ]
    assert changes == ["section “Plans” added", "question added to section 1", "question added to section 1"]
    assert AuditEvent.objects.filter(verb=actions.DRAFT_STARTED, object_id=str(draft.pk)).count() == 1


def test_moving_a_question_keeps_its_number_and_a_new_one_takes_the_next_free(nadia: Any) -> None:
    draft = _small_draft(nadia)
    actions.move_question(draft, 1, 2, -1, acting_user=nadia)
    actions.remove_question(draft, 1, 2, acting_user=nadia)  # 1.1, now second
    actions.save_question(draft, 1, None, {"text": "When?", "answer_type": "date"}, acting_user=nadia)
    assert drafting.all_numbers(draft.definition) == ["1.2", "1.3"]


def test_sections_are_added_moved_renamed_and_removed(nadia: Any) -> None:
    draft = _small_draft(nadia)
    actions.add_section(draft, "Money", acting_user=nadia)
    actions.move_section(draft, 2, -1, acting_user=nadia)
    actions.rename_section(draft, 1, "Understanding the money", acting_user=nadia)
    assert [(s["number"], s["title"]) for s in draft.definition["sections"]] == [
        ("2", "Understanding the money"),
        ("1", "Plans"),
    ]
    actions.remove_section(draft, 2, acting_user=nadia)
    assert [s["number"] for s in draft.definition["sections"]] == ["2"]


def test_a_position_that_is_not_there_changes_nothing(nadia: Any) -> None:
    draft = _small_draft(nadia)
    before = AuditEvent.objects.count()
    with pytest.raises(drafting.DraftError, match=r"There is no question 9 in section 1\."):
        actions.remove_question(draft, 1, 9, acting_user=nadia)
    draft.refresh_from_db()
    assert drafting.all_numbers(draft.definition) == ["1.1", "1.2"]
    assert AuditEvent.objects.count() == before


def test_changing_a_question_keeps_its_condition_and_drops_a_range_left_empty(nadia: Any) -> None:
    draft = _small_draft(nadia)
    actions.set_rule(draft, 1, 2, "required_unless", {"question": "1.1", "in": ["no"]}, acting_user=nadia)
    # As the question page gives them: every key it sets, empty ones as None.
    settings = {"text": "How many adults?", "answer_type": "number", "hint": "", "min": None, "max": None}
    actions.save_question(draft, 1, 2, settings, acting_user=nadia)
    assert draft.definition["sections"][0]["questions"][1] == {
        "number": "1.2",
        "text": "How many adults?",
        "answer_type": "number",
        "required_unless": {"question": "1.1", "in": ["no"]},
    }


def test_publishing_loads_the_draft_through_the_loader(nadia: Any) -> None:
    draft = _small_draft(nadia)
    questionnaire, changed = actions.publish(draft, acting_user=nadia)
    assert changed and (questionnaire.slug, questionnaire.version) == ("small-2014", 1)
    rows = Question.objects.filter(questionnaire=questionnaire).order_by("position")
    assert [(q.number, q.answer_type, q.rules) for q in rows] == [
        ("1.1", "yes_no", {}),
        ("1.2", "number", {"min": 0, "max": 500}),
    ]
    assert AuditEvent.objects.filter(verb=actions.PUBLISHED).count() == 1


def test_publishing_changes_to_a_frozen_questionnaire_makes_a_new_version(nadia: Any) -> None:
    draft = _small_draft(nadia)
    first, _ = actions.publish(draft, acting_user=nadia)
    Questionnaire.objects.filter(pk=first.pk).update(frozen_at="2014-01-06T09:00:00Z")
    actions.save_question(
        draft, 1, None, {"text": "Anything else?", "answer_type": "long_text"}, acting_user=nadia
    )
    second, changed = actions.publish(draft, acting_user=nadia)
    assert changed and second.version == 2
    assert Question.objects.filter(questionnaire=first).count() == 2
    assert Question.objects.filter(questionnaire=second).count() == 3


def test_a_copy_of_an_earlier_questionnaire_starts_from_its_definition(nadia: Any) -> None:
    stocktake = Questionnaire.objects.get(slug="stocktake-2013")
    draft = actions.start_draft(
        slug="stocktake-2014", title="Stocktake 2014", copy_of=stocktake, acting_user=nadia
    )
    assert draft.definition["id"] == "stocktake-2014"
    assert draft.definition["title"] == "Stocktake 2014"
    assert len(draft.definition["sections"]) == 11
    assert draft.definition["sections"][0]["questions"][0]["number"] == "1.1"
    assert stocktake.definition["id"] == "stocktake-2013"  # the original is untouched
    # Changing the wording of 1.8 (where "No" is the good news) keeps what the designer's pages do not set.
    settings = {"text": "Are there people placed out of area?", "answer_type": "assessment", "hint": None}
    actions.save_question(draft, 1, 8, settings, acting_user=nadia)
    question = draft.definition["sections"][0]["questions"][7]
    assert (question["number"], question["text"], question["polarity"]) == (
        "1.8",
        "Are there people placed out of area?",
        "negative",
    )


def test_publishing_refuses_a_draft_that_fails_the_checks_and_lists_every_problem(nadia: Any) -> None:
    draft = actions.start_draft(slug="broken", title="Broken", acting_user=nadia)
    actions.add_section(draft, "Choices", acting_user=nadia)
    actions.save_question(
        draft, 1, None, {"text": "Pick one", "answer_type": "choose_one"}, acting_user=nadia
    )
    actions.save_question(
        draft, 1, None, {"text": "Pick some", "answer_type": "choose_several"}, acting_user=nadia
    )
    with pytest.raises(actions.PublishRefused) as refused:
        actions.publish(draft, acting_user=nadia)
    assert [p.question for p in refused.value.problems] == ["1.1", "1.2"]
    assert not Questionnaire.objects.filter(slug="broken").exists()


def test_an_empty_draft_cannot_be_published(nadia: Any) -> None:
    draft = actions.start_draft(slug="empty", title="Empty", acting_user=nadia)
    with pytest.raises(actions.PublishRefused, match=r"Add at least one question before publishing\."):
        actions.publish(draft, acting_user=nadia)
