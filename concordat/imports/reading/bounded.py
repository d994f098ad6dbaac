"""The reader as the sandbox's child runs it, and the JSON both sides of the pipe agree on (no Django).

``read(payload)`` is the function ``concordat.sandbox`` calls in the child: ``payload`` names the file, the
questionnaire and the limits; the answer is the whole Reading as JSON (``reading_to_wire``), which the parent
turns back into a Reading (``reading_from_wire``) — the same object ``read_document`` returns in-process.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache
from typing import Any

from . import read_document
from .limits import Limits
from .model import QuestionReading, Reading, ReadingWarning, Signature, Status
from .questionnaire import Question, Questionnaire

FUNCTION = "concordat.imports.reading.bounded:read"
# Imported by the child before its memory is limited: the libraries cost the same for every document.
PRELOAD = (
    "concordat.imports.reading.bounded",
    "concordat.imports.reading.formats.word",
    "concordat.imports.reading.formats.opendocument",
    "concordat.imports.reading.formats.spreadsheet",
    "concordat.imports.reading.formats.pdf",
    "concordat.imports.reading.formats.pdf_form",
    "concordat.imports.reading.formats.pdf_bounds",
    "openpyxl",
    "pdfplumber",
    "pypdf",
)


def questionnaire_to_wire(q: Questionnaire) -> dict[str, Any]:
    return asdict(q)


def questionnaire_from_wire(data: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=str(data["id"]),
        title=str(data["title"]),
        questions=tuple(Question(**question) for question in data["questions"]),
        section_titles=tuple(data["section_titles"]),
        signatory_roles=tuple(data["signatory_roles"]),
        column_headings=tuple(data["column_headings"]),
    )


def reading_to_wire(reading: Reading) -> dict[str, Any]:
    return asdict(reading)


def reading_from_wire(data: dict[str, Any]) -> Reading:
    questions = {}
    for number, question in data["questions"].items():
        questions[number] = QuestionReading(**{**question, "status": Status(question["status"])})
    return Reading(
        questions=questions,
        completed_by=dict(data["completed_by"]),
        signatures={role: Signature(**s) for role, s in data["signatures"].items()},
        warnings=[ReadingWarning(**w) for w in data["warnings"]],
        source_format=str(data["source_format"]),
        source_text=str(data["source_text"]),
    )


@lru_cache(maxsize=8)
def _questionnaire(key: str, wire: str) -> Questionnaire:
    import json

    return questionnaire_from_wire(json.loads(wire))


def read(payload: dict[str, Any]) -> dict[str, Any]:
    """In the child: read the file at ``payload["path"]`` within ``payload["limits"]``."""
    import json

    wire = payload["questionnaire"]
    q = _questionnaire(str(payload.get("questionnaire_key", "")), json.dumps(wire, sort_keys=True))
    reading = read_document(
        payload["path"], str(payload.get("filename", "")), q, Limits.from_dict(payload.get("limits", {}))
    )
    return reading_to_wire(reading)
