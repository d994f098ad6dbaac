"""The Harrow seed text read against the hand-labelled fixture (shared/fixtures/harrow-2013-expected.json)."""

from __future__ import annotations

import json
from typing import Any

from concordat.imports.reading import Reading


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_all_61_questions_found(text_reading: Reading, expected: dict[str, Any]) -> None:
    assert text_reading.found_count == expected["question_count"] == 61
    assert set(text_reading.questions) == set(expected["answers"])


def test_every_answer_starts_and_ends_with_the_labelled_words(
    text_reading: Reading, expected: dict[str, Any]
) -> None:
    for number, answer in expected["answers"].items():
        evidence = _norm(text_reading.questions[number].evidence)
        if "starts" in answer:
            assert evidence.startswith(_norm(answer["starts"])), (number, evidence[:80])
        if "ends" in answer:
            assert evidence.endswith(_norm(answer["ends"])), (number, evidence[-80:])


def test_statuses_within_accepted_labels_for_at_least_59_of_61(
    text_reading: Reading, expected: dict[str, Any]
) -> None:
    wrong = {
        n: (text_reading.questions[n].status, a["status"])
        for n, a in expected["answers"].items()
        if text_reading.questions[n].status not in a["status"]
    }
    assert len(wrong) <= 2, wrong


def test_tick_columns_match_wherever_the_form_is_unambiguous(
    text_reading: Reading, expected: dict[str, Any]
) -> None:
    for number, answer in expected["answers"].items():
        got = text_reading.questions[number]
        for flag in ("good_practice", "support_required"):
            if answer.get(flag) is not None:
                assert getattr(got, flag) is answer[flag], (number, flag)


def test_attachment_names(text_reading: Reading, expected: dict[str, Any]) -> None:
    for number, answer in expected["answers"].items():
        assert text_reading.questions[number].attachments == answer.get("attachments", []), number


def test_signatories_and_completed_by(text_reading: Reading, expected: dict[str, Any]) -> None:
    assert text_reading.completed_by["name"] == expected["completed_by"]["name"]
    assert text_reading.completed_by["organisation"] == expected["completed_by"]["organisation"]
    for role, signature in expected["signatures"].items():
        assert text_reading.signatures[role].name == signature["name"], role
        if signature["signed"] is not None:
            assert text_reading.signatures[role].signed is signature["signed"], role


def test_page_break_text_is_moved_back_and_reported(text_reading: Reading) -> None:
    assert any(w.code == "page_break" and w.question == "1.4" for w in text_reading.warnings)


def test_scanning_noise_is_ignored_with_a_warning(text_reading: Reading) -> None:
    noise = [w for w in text_reading.warnings if w.code == "noise_ignored"]
    assert noise
    assert "l ." not in text_reading.questions["5.8"].evidence
    assert text_reading.questions["5.8"].good_practice_description == "Monthly meetings between SGA Service"


def test_every_status_records_the_phrase_that_decided_it(text_reading: Reading) -> None:
    for q in text_reading.questions.values():
        assert q.status == "blank" or q.decided_by, q.number
    assert text_reading.questions["1.8"].decided_by == "Not at present"


def test_json_shape_is_plain_and_serialisable(text_reading: Reading) -> None:
    data = text_reading.to_json_dict()
    assert set(data) == {"questions", "completed_by", "signatures", "warnings", "to_complete"}
    assert data["to_complete"] == ["11.3"]  # Harrow left 11.3 empty: it is to be completed by hand
    assert set(data["questions"]["1.1"]) == {
        "status",
        "confidence",
        "evidence",
        "good_practice",
        "attachments",
        "good_practice_description",
        "support_required",
        "support_description",
        "needs_review",
        "decided_by",
        "matched_by",
        "match_confidence",
    }
    assert data["questions"]["1.1"]["matched_by"] == "number"
    assert data["questions"]["1.1"]["match_confidence"] == 1.0
    assert data["signatures"]["chief_executive"] == {"name": "Michael Lockwood", "signed": True}
    json.dumps(data)
