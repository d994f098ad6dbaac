"""The structured reading of one completed return: plain dataclasses, plain strings, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The returns' vocabulary is pure Python, so the reader uses it as it is.
from concordat.returns.vocabulary import Status

__all__ = ["QuestionReading", "Reading", "ReadingError", "ReadingWarning", "Signature", "Status"]


class ReadingError(Exception):
    """The one exception a caller needs: `message` says, in plain English, what to fix."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class QuestionReading:
    number: str
    status: Status = Status.BLANK
    confidence: float = 1.0
    evidence: str = ""
    good_practice: bool = False
    attachments: list[str] = field(default_factory=list)
    good_practice_description: str = ""
    support_required: bool = False
    support_description: str = ""  # words in the support column beside its tick (an exported form has them)
    needs_review: bool = False
    decided_by: str = ""
    found: bool = False
    matched_by: str = ""  # how the question was found: "number", "number, typed 'Q1.1'", "wording", ...
    match_confidence: float = 0.0
    match_ambiguous: bool = False
    status_text: str = ""  # the document's own status column (RAG colour, Y/N, "In progress"), if it has one
    from_ocr: bool = False  # read by OCR from a scanned page: confidence lowered (decision 0107)

    @property
    def is_empty(self) -> bool:
        """Found, but nothing written in it: no status, no words, no tick (a blank form's row)."""
        return self.status == Status.BLANK and not (
            self.evidence
            or self.good_practice
            or self.good_practice_description
            or self.attachments
            or self.support_required
            or self.support_description
        )

    def to_json_dict(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"ocr": True} if self.from_ocr else {}
        return {
            **extra,
            "status": self.status,
            "confidence": round(self.confidence, 2),
            "evidence": self.evidence,
            "good_practice": self.good_practice,
            "attachments": list(self.attachments),
            "good_practice_description": self.good_practice_description,
            "support_required": self.support_required,
            "support_description": self.support_description,
            "needs_review": self.needs_review,
            "decided_by": self.decided_by,
            "matched_by": self.matched_by,
            "match_confidence": round(self.match_confidence, 2),
        }


@dataclass
class Signature:
    role: str
    name: str = ""
    title: str = ""
    signed: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        return {"name": self.name, "signed": self.signed}


@dataclass
class ReadingWarning:
    code: str  # unmatched_text, missing_question, duplicated_number, low_confidence, ...
    message: str
    question: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "question": self.question}


@dataclass
class Reading:
    questions: dict[str, QuestionReading]
    completed_by: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    warnings: list[ReadingWarning] = field(default_factory=list)
    source_format: str = ""
    # The document's text as read (a line per row, cells joined by " | "), for a person checking the reading.
    source_text: str = field(default="", repr=False)

    @property
    def found_count(self) -> int:
        return sum(1 for q in self.questions.values() if q.found)

    @property
    def to_complete(self) -> list[str]:
        """The questions not found in the document or left empty in it, to be completed by hand."""
        return [n for n, q in self.questions.items() if not q.found or q.is_empty]

    def warn(self, code: str, message: str, question: str | None = None) -> None:
        self.warnings.append(ReadingWarning(code, message, question))

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "questions": {n: q.to_json_dict() for n, q in self.questions.items()},
            "completed_by": dict(self.completed_by),
            "signatures": {role: s.to_json_dict() for role, s in self.signatures.items()},
            "warnings": [w.to_json_dict() for w in self.warnings],
            "to_complete": self.to_complete,
        }
