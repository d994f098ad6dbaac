"""The canonical content of a return: what a version freezes, what its hash covers, how two differ."""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concordat.returns.models import Answer, Attachment, Return
from concordat.returns.vocabulary import ANSWER_FIELDS, is_started


def answer_entry(values: Mapping[str, Any], attachments: list[dict[str, Any]]) -> dict[str, Any]:
    """One answer as a version's content holds it: its fields and its files (name, hash, id)."""
    data: dict[str, Any] = {field: values[field] for field in ANSWER_FIELDS}
    # Only where there is one: an assessment's content (and so every earlier version's hash) is unchanged.
    if values.get("value") is not None:
        data["value"] = values["value"]
    data["attachments"] = attachments
    return data


def attachment_entry(attachment: Attachment) -> dict[str, Any]:
    return {"name": attachment.original_name, "sha256": attachment.sha256, "id": attachment.pk}


def is_held(values: Mapping[str, Any], *, attachment_rows: int) -> bool:
    """A version holds an answer that was started or ever had a file attached (even one since removed)."""
    return is_started(values) or attachment_rows > 0


def answer_content(answer: Answer) -> dict[str, Any]:
    files = [attachment_entry(a) for a in answer.attachments.all() if a.removed_at is None]
    return answer_entry(answer.field_values(), files)


def return_content(ret: Return, answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The content a version of ``ret`` freezes, given its answers (question number → ``answer_entry``)."""
    return {
        "round": ret.round.slug,
        "questionnaire": {"slug": ret.round.questionnaire.slug, "version": ret.round.questionnaire.version},
        "area": ret.area.ons_code,
        "completed_by": {
            "name": ret.completed_by_name,
            "organisation": ret.completed_by_organisation,
            "contact": ret.completed_by_contact,
        },
        "answers": answers,
    }


def draft_content(ret: Return) -> dict[str, Any]:
    answers = ret.answers.select_related("question").prefetch_related("attachments")
    return return_content(
        ret,
        {
            a.question.number: answer_content(a)
            for a in answers
            if is_held(a.field_values(), attachment_rows=len(a.attachments.all()))
        },
    )


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    question: str
    field: str
    before: Any
    after: Any


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Field-level changes between two contents, in question order."""
    changes: list[Change] = []
    for field in ("name", "organisation", "contact"):
        old, new = before.get("completed_by", {}).get(field, ""), after.get("completed_by", {}).get(field, "")
        if old != new:
            changes.append(Change("Completed by", field, old, new))
    numbers = sorted(
        set(before.get("answers", {})) | set(after.get("answers", {})),
        key=lambda n: [int(p) if p.isdigit() else p for p in n.split(".")],
    )
    for number in numbers:
        old_answer = before.get("answers", {}).get(number, {})
        new_answer = after.get("answers", {}).get(number, {})
        for field in (*ANSWER_FIELDS, "value", "attachments"):
            old_value, new_value = old_answer.get(field), new_answer.get(field)
            if field == "attachments":
                old_value = [a["name"] for a in old_value or []]
                new_value = [a["name"] for a in new_value or []]
            if (old_value or None) != (new_value or None):
                changes.append(Change(number, field, old_value, new_value))
    return changes
