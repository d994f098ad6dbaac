"""What confirming a document would do to the draft, question by question.

Each question's answer as read is compared with the draft's answer now: unchanged, new (the draft has
nothing for it), would replace what someone typed, or not in the document (the draft's answer stays). Where
typed text would be replaced the editor chooses; keeping the draft is the default (decision 0104): a reading
is a machine's guess with a confidence, the draft is what a person wrote, and confirming without looking
should never lose anyone's words.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from concordat.imports.models import ImportedDocument
from concordat.returns.models import Answer, Return
from concordat.returns.vocabulary import ANSWER_FIELDS, stored_status


class Effect(StrEnum):
    UNCHANGED = "unchanged"
    NEW = "new"
    REPLACES = "replaces"
    NOT_READ = "not_read"

    @property
    def label(self) -> str:
        return _EFFECT_LABELS[self]


_EFFECT_LABELS = {
    Effect.UNCHANGED: "Unchanged",
    Effect.NEW: "New",
    Effect.REPLACES: "Would replace typed text",
    Effect.NOT_READ: "Not in the document",
}


class Choice(StrEnum):
    """For an answer that would replace typed text: which one the draft keeps."""

    KEEP_DRAFT = "draft"
    TAKE_IMPORT = "import"


CHOICE_LABELS = {
    Choice.KEEP_DRAFT: "Keep the answer in the draft",
    Choice.TAKE_IMPORT: "Use the answer read from the document",
}


def answer_values(read: Mapping[str, Any]) -> dict[str, Any]:
    """One question's reading (from ``Reading.to_json_dict()``) as the values of a draft answer.

    Ticks are carried as read. A good-practice tick comes with the description the document gives (and
    the documents it names); with neither, the answer stays incomplete (``vocabulary.answer_problems``),
    so the task list and submission both ask for the description.
    """
    description = str(read.get("good_practice_description") or "")
    attachments = [str(a) for a in read.get("attachments") or []]
    if attachments:
        named = f"Documents named in the return: {'; '.join(attachments)}."
        description = f"{description}\n{named}".strip()
    return {
        "status": stored_status(str(read.get("status") or "")),
        "evidence": str(read.get("evidence") or ""),
        "good_practice": bool(read.get("good_practice")),
        "good_practice_description": description,
        "support_required": bool(read.get("support_required")),
        "support_description": str(read.get("support_description") or ""),
    }


def normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    """An answer's fields as a draft would store them (``returns.actions.clean_answer_values``' trimming)."""
    return {
        key: bool(values.get(key))
        if key in _TICKS
        else str(values.get(key) or "").replace("\r\n", "\n").strip()
        for key in ANSWER_FIELDS
    }


_TICKS = ("good_practice", "support_required")


def effect_of(imported: Mapping[str, Any], draft: Mapping[str, Any] | None) -> Effect:
    imported_values = normalised(imported)
    if not any(imported_values.values()):
        return Effect.NOT_READ
    draft_values = normalised(draft or {})
    if not any(draft_values.values()):
        return Effect.NEW
    return Effect.UNCHANGED if draft_values == imported_values else Effect.REPLACES


@dataclass(frozen=True)
class Comparison:
    """One question: what the import would do, and the draft answer it was compared with."""

    effect: Effect
    draft: dict[str, Any] | None  # the draft answer's fields; None when the draft has no answer row
    revision: int  # the draft answer's revision (0: no answer yet), to notice a change made meanwhile


def draft_answers(ret: Return) -> dict[str, Answer]:
    """Question number → the draft's answer, for a return fetched through ``returns.access``."""
    if ret.pk is None:
        return {}
    return {a.question.number: a for a in Answer.objects.filter(ret_id=ret.pk).select_related("question")}


def compare(imported: Mapping[str, Mapping[str, Any]], drafts: Mapping[str, Answer]) -> dict[str, Comparison]:
    """Question number → its comparison, for every question in ``imported`` (number → answer values)."""
    out = {}
    for number, values in imported.items():
        answer = drafts.get(number)
        draft = answer.field_values() if answer is not None else None
        out[number] = Comparison(effect_of(values, draft), draft, answer.revision if answer else 0)
    return out


def compare_with_draft(document: ImportedDocument) -> dict[str, Comparison]:
    """Every question the document was read for, compared with its return's draft as it is now."""
    imported = {number: answer_values(read) for number, read in document.questions.items()}
    return compare(imported, draft_answers(document.ret))
