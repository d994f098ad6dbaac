"""The 2013 form's layout, once for every format: the question table, then who completed it and the sign-off.

The question table has the 2013 form's four columns (question; assessment and evidence; good practice,
ticked and described, with the documents attached; support required) and a fifth, the answer (Yes /
Partially / No / Not applicable / No answer), so the status comes back as chosen, not guessed from the words.
A cell is a list of paragraphs, with a checkbox before them in the tick columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from concordat.imports.reading.model import QuestionReading, Reading, Signature
from concordat.imports.reading.questionnaire import Questionnaire
from concordat.returns.vocabulary import FORM_LABELS, SIGNATORY_LABELS, Status

STATUS_HEADING = "Status (Yes, Partially, No, Not applicable)"
STATUS_CHOICES = tuple(FORM_LABELS[s] for s in (*Status,))  # "No answer" last: a blank answer
COMPLETED_BY = "This document has been completed by"
COMPLETED_BY_FIELDS = (("name", "Name"), ("organisation", "Organisation"), ("contact", "Contact"))
SIGN_OFF_HEADING = ("Signatory", "Name", "Position", "Signed")


@dataclass
class Cell:
    paragraphs: list[str] = field(default_factory=list)
    checkbox: bool | None = None  # None: no checkbox; else its state
    choices: tuple[str, ...] = ()  # a cell filled from a list (the status), for a spreadsheet's control


@dataclass
class Row:
    cells: list[Cell]
    kind: str = "question"  # "section" or "question"
    number: str = ""


@dataclass
class Form:
    title: str
    heading: str
    rows: list[Row]
    completed_by: list[tuple[str, str]]  # (label, value)
    sign_off: list[tuple[str, str, str, bool]]  # (signatory label, name, position, signed)


def paragraphs(text: str) -> list[str]:
    """A text's lines as paragraphs (a textarea's line breaks, Windows' included)."""
    return text.replace("\r\n", "\n").split("\n") if text else []


def section_rows(questionnaire: Questionnaire) -> Iterator[tuple[str, tuple[str, ...] | None]]:
    """Each question number, preceded by its section's first cell and headings (the headings in section 1)."""
    section = ""
    for question in questionnaire.questions:
        if question.section != section:
            section = question.section
            title = f"{section}. {questionnaire.section_titles[int(section) - 1]}"
            headings = questionnaire.column_headings if section == "1" else ()
            yield title, tuple(headings)
        yield question.number, None


def _question_cells(text: str, q: QuestionReading) -> list[Cell]:
    status = FORM_LABELS[Status(q.status)]
    return [
        Cell([text]),
        Cell(paragraphs(q.evidence)),
        Cell([*paragraphs(q.good_practice_description), *q.attachments], checkbox=q.good_practice),
        Cell(paragraphs(q.support_description), checkbox=q.support_required),
        Cell([status], choices=STATUS_CHOICES),
    ]


def form(questionnaire: Questionnaire, reading: Reading | None, heading: str = "") -> Form:
    by_number = questionnaire.by_number()
    rows: list[Row] = []
    for first, headings in section_rows(questionnaire):
        if headings is not None:
            status = [STATUS_HEADING] if headings else [""]
            cells = [first, *(headings or ("", "", "")), *status]
            rows.append(Row([Cell([c] if c else []) for c in cells], kind="section"))
            continue
        q = reading.questions.get(first) if reading else None
        text = f"{first} {by_number[first].text}"
        rows.append(Row(_question_cells(text, q or QuestionReading(first)), number=first))
    completed = reading.completed_by if reading else {}
    signatures = reading.signatures if reading else {}
    sign_off = []
    for role in questionnaire.signatory_roles:
        s = signatures.get(role) or Signature(role)
        sign_off.append((SIGNATORY_LABELS.get(role, role), s.name, s.title, s.signed))
    return Form(
        title=questionnaire.title,
        heading=heading,
        rows=rows,
        completed_by=[(label, completed.get(key, "")) for key, label in COMPLETED_BY_FIELDS],
        sign_off=sign_off,
    )
