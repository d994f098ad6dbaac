"""Aligning rows to questions when numbers are mistyped, missing or duplicated, and low-confidence answers."""

from __future__ import annotations

import pytest

from concordat.imports.reading import Questionnaire, ReadingError, read_document


def _edit(seed: bytes, old: str, new: str) -> bytes:
    text = seed.decode("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_mistyped_number_is_aligned_by_wording(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    data = _edit(seed_bytes, "2.3 Do you currently use S75", "2.8 Do you currently use S75")
    reading = read_document(data, "r.txt", questionnaire)
    assert reading.questions["2.3"].evidence.startswith("We do not have a current S75")
    assert any(w.code == "mistyped_number" and w.question == "2.3" for w in reading.warnings)


def test_number_of_another_question_is_aligned_by_wording(
    seed_bytes: bytes, questionnaire: Questionnaire
) -> None:
    data = _edit(seed_bytes, "2.5 Have you agreed", "2.6 Have you agreed")
    reading = read_document(data, "r.txt", questionnaire)
    assert reading.questions["2.5"].evidence.startswith("No. We anticipate")
    assert reading.questions["2.6"].evidence.startswith("No. The tripartite panel")


def test_missing_number_is_aligned_by_wording(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    data = _edit(seed_bytes, "2.4 Is there a pooled budget", "Is there a pooled budget")
    reading = read_document(data, "r.txt", questionnaire)
    assert reading.questions["2.4"].evidence.startswith("No. This has been discussed")
    assert any(w.code == "missing_number" and w.question == "2.4" for w in reading.warnings)


def test_duplicated_number_is_reported(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    line = "3.3 Does it have capacity to deliver the review and re-provision programme.\tYes.\t\n"
    data = _edit(seed_bytes, line, line + line.replace("Yes.", "Also yes."))
    reading = read_document(data, "r.txt", questionnaire)
    assert any(w.code == "duplicated_number" and w.question == "3.3" for w in reading.warnings)
    assert reading.questions["3.3"].evidence == "Yes. Also yes."


def test_missing_question_is_blank_needs_review_and_warned(
    seed_bytes: bytes, questionnaire: Questionnaire
) -> None:
    data = _edit(
        seed_bytes,
        "3.4 Is there clarity about overall professional leadership of the review programme.\tYes.\t\n",
        "",
    )
    reading = read_document(data, "r.txt", questionnaire)
    missing = reading.questions["3.4"]
    assert (missing.status, missing.needs_review, missing.confidence) == ("blank", True, 0.0)
    assert any(w.code == "missing_question" and w.question == "3.4" for w in reading.warnings)


def test_vague_answer_is_marked_for_review(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    data = _edit(
        seed_bytes,
        "6.7 Are local arrangements for the commissioning of advocacy support sufficient, if "
        "not, are changes being developed.\tYes",
        "6.7 Are local arrangements for the commissioning of "
        "advocacy support sufficient, if not, are changes being developed.\tOk",
    )
    reading = read_document(data, "r.txt", questionnaire)
    assert reading.questions["6.7"].needs_review
    assert any(w.code == "low_confidence" and w.question == "6.7" for w in reading.warnings)


def test_half_a_return_is_a_partial_reading_with_the_rest_to_complete_by_hand(
    seed_bytes: bytes, questionnaire: Questionnaire
) -> None:
    first_part = seed_bytes.decode("utf-8").split("4. Current Review Programme")[0]
    reading = read_document(first_part.encode("utf-8"), "r.txt", questionnaire)
    assert reading.found_count == 21  # sections 1 to 3
    assert reading.to_complete == questionnaire.numbers()[21:]
    (partial,) = [w for w in reading.warnings if w.code == "partial_reading"]
    assert "21 of the 61 questions were found" in partial.message and "4.1, 4.2" in partial.message
    assert reading.questions["1.1"].status == "yes" and reading.questions["4.1"].needs_review


def test_a_few_stray_question_numbers_are_still_the_wrong_questionnaire(
    seed_bytes: bytes, questionnaire: Questionnaire
) -> None:
    first_lines = seed_bytes.decode("utf-8").split("1.5 Is the Health")[0]
    with pytest.raises(ReadingError) as err:
        read_document(first_lines.encode("utf-8"), "r.txt", questionnaire)
    assert err.value.code == "wrong_questionnaire"
    assert "Only 4 of the 61 questions" in err.value.message
