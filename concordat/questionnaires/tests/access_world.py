"""URL keyword values for the URL x role access test (tests/test_url_access.py): one draft to design."""

from typing import Any

from concordat.questionnaires import actions


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    nadia = world["personas"]["nadia"]
    draft = actions.start_draft(slug="designed", title="A designed questionnaire", acting_user=nadia)
    actions.add_section(draft, "Partnership", acting_user=nadia)
    actions.save_question(
        draft, 1, None, {"text": "Is there a plan?", "answer_type": "yes_no"}, acting_user=nadia
    )
    # National team only: the same draft for both scopes.
    return {
        "draft_id": (draft.pk, draft.pk),
        "section_pos": (1, 1),
        "question_pos": (1, 1),
        "answer_type": ("number", "number"),
        "kind": ("show_if", "show_if"),
        "target": ("1.1", "1.1"),
    }
