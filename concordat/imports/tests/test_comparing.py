"""An answer read against the draft's: unchanged, new, would replace typed text, or not in the document."""

from concordat.imports.comparing import Effect, effect_of

READ = {
    "status": "yes",
    "evidence": "Yes; we have a register.",
    "good_practice": False,
    "good_practice_description": "",
    "support_required": False,
    "support_description": "",
}


def test_an_answer_for_a_question_the_draft_has_not_started_is_new() -> None:
    assert effect_of(READ, None) == Effect.NEW
    assert effect_of(READ, {**READ, "status": "", "evidence": "  "}) == Effect.NEW


def test_the_same_answer_up_to_spacing_and_line_endings_is_unchanged() -> None:
    draft = {**READ, "evidence": "  Yes; we have a register.\r\n"}
    assert effect_of(READ, draft) == Effect.UNCHANGED


def test_any_difference_from_typed_text_would_replace_it() -> None:
    assert (
        effect_of(READ, {**READ, "evidence": "Partly: the register is kept by the CCG."}) == Effect.REPLACES
    )
    assert effect_of(READ, {**READ, "status": "partial"}) == Effect.REPLACES
    assert effect_of(READ, {**READ, "support_required": True}) == Effect.REPLACES


def test_nothing_read_is_not_in_the_document_whatever_the_draft_holds() -> None:
    nothing = dict.fromkeys(READ, "")
    assert effect_of(nothing, READ) == Effect.NOT_READ
    assert effect_of(nothing, None) == Effect.NOT_READ
