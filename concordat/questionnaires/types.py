"""The question types, and the one set of rules for what each type's answer may hold.

Pure Python, no Django: the loader checks definitions with it, the area's form and the API clean values
with :func:`clean_value`, and completeness asks :func:`value_problems`. An assessment (status, evidence,
good-practice and support ticks) and the older ``text`` (evidence only) keep their columns on the answer;
every other type keeps its answer in one JSON ``value`` (decision 0011).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class QuestionType(StrEnum):
    ASSESSMENT = "assessment"
    TEXT = "text"
    RAG = "rag"
    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    CHOOSE_ONE = "choose_one"
    CHOOSE_SEVERAL = "choose_several"
    FILE = "file"
    TABLE = "table"


TYPE_LABELS: Mapping[QuestionType, str] = {
    QuestionType.ASSESSMENT: "Assessment (status, evidence, good practice and support ticks)",
    QuestionType.TEXT: "Free text",
    QuestionType.RAG: "Red, amber or green rating with commentary",
    QuestionType.YES_NO: "Yes or no",
    QuestionType.NUMBER: "Number",
    QuestionType.DATE: "Date",
    QuestionType.SHORT_TEXT: "Short text",
    QuestionType.LONG_TEXT: "Long text",
    QuestionType.CHOOSE_ONE: "Choose one from a list",
    QuestionType.CHOOSE_SEVERAL: "Choose one or more from a list",
    QuestionType.FILE: "File upload",
    QuestionType.TABLE: "A table: a row for each item, a column for each detail",
}

# Types whose answer is the answer's JSON ``value``; assessment and text use the older columns, file the
# answer's attachments.
VALUE_TYPES = frozenset(TYPE_LABELS) - {QuestionType.ASSESSMENT, QuestionType.TEXT, QuestionType.FILE}
CHOICE_TYPES = frozenset({QuestionType.CHOOSE_ONE, QuestionType.CHOOSE_SEVERAL})
# The types a table's column may have: one value in one cell.
COLUMN_TYPES = frozenset(
    {
        QuestionType.SHORT_TEXT,
        QuestionType.NUMBER,
        QuestionType.DATE,
        QuestionType.CHOOSE_ONE,
        QuestionType.YES_NO,
    }
)

RATINGS: Mapping[str, str] = {"red": "Red", "amber": "Amber", "green": "Green"}
YES_NO: Mapping[str, str] = {"yes": "Yes", "no": "No"}
# The statuses an assessment may hold (the same codes as ``returns.vocabulary.ANSWERED``, tested there).
ASSESSMENT_STATUSES: tuple[str, ...] = ("yes", "partial", "no", "na")

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 20_000
MAX_OPTIONS = 50
# A table's limits, whatever its definition says: a return is read by people, not a database.
MAX_TABLE_ROWS = 200
MAX_COLUMNS = 12
# A number's digits, with an optional sign and decimal point: no exponents, no thousands separators.
_NUMBER = re.compile(r"^-?\d{1,15}(\.\d{1,6})?$")

# The keys a question may have in a definition, beyond its number and text.
QUESTION_KEYS = frozenset(
    {"number", "text", "answer_type", "polarity", "required", "hint", "easy_read", "options", "min", "max"}
    | {"show_if", "required_unless", "counts_people", "columns", "min_rows", "max_rows"}
)
# The keys a table's column may have.
COLUMN_KEYS = frozenset({"name", "text", "answer_type", "options", "min", "max", "counts_people"})


class InvalidValue(ValueError):
    """An answer that is not a value of its question's type; the message says what to enter."""


@dataclass(frozen=True)
class Rule:
    """A condition on another question's answer: true when that answer is one of ``values``."""

    question: str
    values: tuple[str, ...]

    def holds(self, answers: Mapping[str, Mapping[str, Any]], types: Mapping[str, QuestionSpec]) -> bool:
        other = types.get(self.question)
        if other is None:
            return False
        return bool(comparable(other, answers.get(self.question)) & set(self.values))

    def as_definition(self) -> dict[str, Any]:
        return {"question": self.question, "in": list(self.values)}


@dataclass(frozen=True)
class QuestionSpec:
    """One question's type and rules, from its definition (or its row: ``Question.spec``)."""

    number: str
    type: QuestionType = QuestionType.ASSESSMENT
    required: bool = True
    options: tuple[tuple[str, str], ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    show_if: Rule | None = None
    required_unless: Rule | None = None
    hint: str = field(default="", compare=False)
    # A number that counts people: published below national level only through disclosure control.
    counts_people: bool = False
    # A table: its columns (each a spec whose ``number`` is the column's name) and how many rows it may have.
    columns: tuple[QuestionSpec, ...] = ()
    min_rows: int = 0
    max_rows: int = MAX_TABLE_ROWS
    label: str = field(default="", compare=False)  # a column's heading

    @classmethod
    def from_definition(cls, q: Mapping[str, Any]) -> QuestionSpec:
        columns = tuple(
            cls.from_definition({**c, "number": c["name"], "label": c.get("text", "")})
            for c in q.get("columns", [])
        )
        return cls(
            columns=columns,
            min_rows=int(q.get("min_rows") or 0),
            max_rows=min(int(q.get("max_rows") or MAX_TABLE_ROWS), MAX_TABLE_ROWS),
            label=str(q.get("label", "")),
            number=str(q["number"]),
            type=QuestionType(q.get("answer_type", QuestionType.ASSESSMENT)),
            required=bool(q.get("required", True)),
            options=tuple((str(o["value"]), str(o["label"])) for o in q.get("options", [])),
            minimum=None if q.get("min") is None else Decimal(str(q["min"])),
            maximum=None if q.get("max") is None else Decimal(str(q["max"])),
            show_if=_rule(q.get("show_if")),
            required_unless=_rule(q.get("required_unless")),
            hint=str(q.get("hint", "")),
            counts_people=bool(q.get("counts_people", False)),
        )

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.options)


def _rule(data: Any) -> Rule | None:
    if not data:
        return None
    return Rule(str(data["question"]), tuple(str(v) for v in data["in"]))


def possible_values(spec: QuestionSpec) -> tuple[str, ...]:
    """The values a rule may compare this question's answer with; () for a question no rule may name."""
    if spec.type == QuestionType.ASSESSMENT:
        return ASSESSMENT_STATUSES
    if spec.type == QuestionType.RAG:
        return tuple(RATINGS)
    if spec.type == QuestionType.YES_NO:
        return tuple(YES_NO)
    if spec.type in CHOICE_TYPES:
        return spec.option_values
    return ()


def comparable(spec: QuestionSpec, entry: Mapping[str, Any] | None) -> set[str]:
    """The values of an answer (a version's or draft's answer entry) that a rule compares."""
    if not entry:
        return set()
    if spec.type == QuestionType.ASSESSMENT:
        return {str(entry.get("status") or "")} - {""}
    value = entry.get("value")
    if spec.type == QuestionType.RAG and isinstance(value, Mapping):
        return {str(value.get("rating") or "")} - {""}
    if spec.type == QuestionType.CHOOSE_SEVERAL and isinstance(value, list):
        return {str(v) for v in value}
    if spec.type in (QuestionType.YES_NO, QuestionType.CHOOSE_ONE) and value:
        return {str(value)}
    return set()


# ---- the value of an answer -----------------------------------------------------------------------------


def clean_value(spec: QuestionSpec, raw: Any) -> Any:
    """The value to store for ``raw`` (what a form or the API gave); None when nothing was given.

    Raises :class:`InvalidValue` for something that is not an answer of this type: a draft may be
    incomplete, but never malformed.
    """
    cleaner = _CLEANERS.get(spec.type)
    if cleaner is None:
        return None
    return cleaner(spec, raw)


def _text(raw: Any) -> str:
    # The API may send any JSON: a list or an object where words belong is refused, never stored as its repr.
    if raw is not None and not isinstance(raw, str | int | float):
        raise InvalidValue("Enter the answer as words or a number, not a list or an object")
    return str(raw if raw is not None else "").replace("\r\n", "\n").strip()


def _clean_rag(spec: QuestionSpec, raw: Any) -> dict[str, str] | None:
    if raw is not None and not isinstance(raw, Mapping):
        raise InvalidValue('Give a rating and commentary, like {"rating": "amber", "commentary": "..."}')
    raw = raw or {}
    if set(raw) - {"rating", "commentary"}:
        raise InvalidValue("A rating has only a rating and a commentary")
    rating, commentary = _text(raw.get("rating")), _text(raw.get("commentary"))
    if rating and rating not in RATINGS:
        raise InvalidValue("Select red, amber or green")
    if len(commentary) > MAX_LONG_TEXT:
        raise InvalidValue(f"The commentary must be {MAX_LONG_TEXT:,} characters or fewer")
    return {"rating": rating, "commentary": commentary} if rating or commentary else None


def _clean_yes_no(spec: QuestionSpec, raw: Any) -> str | None:
    value = _text(raw)
    if value and value not in YES_NO:
        raise InvalidValue("Select yes or no")
    return value or None


def _clean_number(spec: QuestionSpec, raw: Any) -> int | float | None:
    text = _text(raw).replace(",", "") if not isinstance(raw, int | float) else str(raw)
    if not text:
        return None
    if not _NUMBER.match(text):
        raise InvalidValue("Enter a number, like 12 or 3.5")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only decimals
        raise InvalidValue("Enter a number, like 12 or 3.5") from exc
    if spec.minimum is not None and number < spec.minimum:
        raise InvalidValue(f"The number must be {_shown(spec.minimum)} or more")
    if spec.maximum is not None and number > spec.maximum:
        raise InvalidValue(f"The number must be {_shown(spec.maximum)} or less")
    whole = number == number.to_integral_value()
    if spec.counts_people and (not whole or number < 0):
        raise InvalidValue("Enter a whole number of people, like 12")
    return int(number) if whole else float(number)


def _shown(number: Decimal) -> str:
    return f"{number.normalize():f}"


def _clean_date(spec: QuestionSpec, raw: Any) -> str | None:
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    text = _text(raw)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise InvalidValue("Enter a real date, like 2013-11-29") from exc


def _clean_short(spec: QuestionSpec, raw: Any) -> str | None:
    text = _text(raw)
    if "\n" in text:
        raise InvalidValue("The answer must be on one line")
    if len(text) > MAX_SHORT_TEXT:
        raise InvalidValue(f"The answer must be {MAX_SHORT_TEXT:,} characters or fewer")
    return text or None


def _clean_long(spec: QuestionSpec, raw: Any) -> str | None:
    text = _text(raw)
    if len(text) > MAX_LONG_TEXT:
        raise InvalidValue(f"The answer must be {MAX_LONG_TEXT:,} characters or fewer")
    return text or None


def _clean_one(spec: QuestionSpec, raw: Any) -> str | None:
    value = _text(raw)
    if value and value not in spec.option_values:
        raise InvalidValue("Select one of the options shown")
    return value or None


def _clean_several(spec: QuestionSpec, raw: Any) -> list[str] | None:
    if raw is not None and not isinstance(raw, str | list | tuple):
        raise InvalidValue("Select from the options shown, as a list")
    values = [raw] if isinstance(raw, str) else list(raw or [])
    chosen = {_text(v) for v in values} - {""}
    if chosen - set(spec.option_values):
        raise InvalidValue("Select from the options shown")
    # In the definition's order, so the same choices always store (and hash) the same.
    ordered = [v for v in spec.option_values if v in chosen]
    return ordered or None


def _clean_cell(column: QuestionSpec, raw: Any) -> Any:
    if isinstance(raw, str) and len(raw) > MAX_SHORT_TEXT:  # refused before any cleaner reads it
        raise InvalidValue(f"The answer must be {MAX_SHORT_TEXT:,} characters or fewer")
    return _CLEANERS[column.type](column, raw)


def table_problems(spec: QuestionSpec, raw: Any) -> tuple[list[dict[str, Any]], list[tuple[int, str, str]]]:
    """A table's rows as stored (rows with nothing in them left out), and each cell's problem as
    (row number from 1, column name, message); a problem with the whole table has row 0 and column ""."""
    if raw is None or raw == []:
        return [], []
    if not isinstance(raw, list | tuple) or not all(isinstance(r, Mapping) for r in raw):
        return [], [(0, "", 'Give the rows as a list, like [{"column": "value"}]')]
    if len(raw) > spec.max_rows:
        return [], [(0, "", f"The table can have at most {spec.max_rows} rows: you gave {len(raw)}")]
    names = {c.number: c for c in spec.columns}
    rows, problems = [], []
    for number, given in enumerate(raw, start=1):
        unknown = sorted(set(map(str, given)) - set(names))
        if unknown:
            problems.append((number, "", f"The table has no column '{unknown[0][:40]}'"))
            continue
        row = {}
        for name, column in names.items():
            try:
                value = _clean_cell(column, given.get(name))
            except InvalidValue as exc:
                problems.append((number, name, str(exc)))
                continue
            if has_value(value):
                row[name] = value
        if row:
            rows.append(row)
    return rows, problems


def _clean_table(spec: QuestionSpec, raw: Any) -> list[dict[str, Any]] | None:
    rows, problems = table_problems(spec, raw)
    if problems:
        number, name, message = problems[0]
        heading = next((c.label or c.number for c in spec.columns if c.number == name), "")
        where = ", ".join(p for p in (f"row {number}" if number else "", heading) if p)
        raise InvalidValue(f"{where[:1].upper()}{where[1:]}: {message}" if where else message)
    return rows or None


_CLEANERS = {
    QuestionType.RAG: _clean_rag,
    QuestionType.YES_NO: _clean_yes_no,
    QuestionType.NUMBER: _clean_number,
    QuestionType.DATE: _clean_date,
    QuestionType.SHORT_TEXT: _clean_short,
    QuestionType.LONG_TEXT: _clean_long,
    QuestionType.CHOOSE_ONE: _clean_one,
    QuestionType.CHOOSE_SEVERAL: _clean_several,
    QuestionType.TABLE: _clean_table,
}


def has_value(value: Any) -> bool:
    return value not in (None, "", [], {})


def is_asked(
    spec: QuestionSpec, answers: Mapping[str, Mapping[str, Any]], specs: Mapping[str, QuestionSpec]
) -> bool:
    """False when a ``show_if`` rule hides the question: it is then never required."""
    return spec.show_if is None or spec.show_if.holds(answers, specs)


def must_answer(
    spec: QuestionSpec, answers: Mapping[str, Mapping[str, Any]], specs: Mapping[str, QuestionSpec]
) -> bool:
    """Whether the question's required parts must be filled in, given the other answers.

    A ``required_unless`` rule naming another question lifts the whole question; one naming the question
    itself (an assessment or RAG rating) lifts only its evidence or commentary: "evidence required unless
    not applicable".
    """
    if not spec.required or not is_asked(spec, answers, specs):
        return False
    rule = spec.required_unless
    return rule is None or rule.question == spec.number or not rule.holds(answers, specs)


def evidence_needed(
    spec: QuestionSpec, answers: Mapping[str, Mapping[str, Any]], specs: Mapping[str, QuestionSpec]
) -> bool:
    """For an assessment or RAG question: whether its evidence (or commentary) must be given."""
    rule = spec.required_unless
    return not (rule is not None and rule.question == spec.number and rule.holds(answers, specs))


def value_problems(
    spec: QuestionSpec,
    entry: Mapping[str, Any] | None,
    *,
    answers: Mapping[str, Mapping[str, Any]],
    specs: Mapping[str, QuestionSpec],
) -> list[str]:
    """What an answer of a value or file type lacks before submission, in words (none: complete)."""
    if not must_answer(spec, answers, specs):
        return []
    entry = entry or {}
    if spec.type == QuestionType.FILE:
        return [] if entry.get("attachments") else ["upload a file"]
    value = entry.get("value")
    if spec.type == QuestionType.RAG:
        value = value if isinstance(value, Mapping) else {}
        problems = [] if value.get("rating") else ["select red, amber or green"]
        if evidence_needed(spec, answers, specs) and not value.get("commentary"):
            problems.append("enter your commentary")
        return problems
    if spec.type == QuestionType.TABLE and isinstance(value, list) and value and len(value) < spec.min_rows:
        return [f"add at least {spec.min_rows} rows"]
    return [] if has_value(value) else [_MISSING[spec.type]]


_MISSING: Mapping[QuestionType, str] = {
    QuestionType.YES_NO: "select yes or no",
    QuestionType.NUMBER: "enter a number",
    QuestionType.DATE: "enter a date",
    QuestionType.SHORT_TEXT: "enter an answer",
    QuestionType.LONG_TEXT: "enter an answer",
    QuestionType.CHOOSE_ONE: "select an option",
    QuestionType.CHOOSE_SEVERAL: "select at least one option",
    QuestionType.TABLE: "add at least one row",
}


def shown_value(spec: QuestionSpec, value: Any) -> str:
    """An answer's value in words, for check-your-answers and version pages."""
    if not has_value(value):
        return ""
    if spec.type == QuestionType.YES_NO:
        return YES_NO.get(str(value), str(value))
    labels = dict(spec.options)
    if spec.type == QuestionType.CHOOSE_ONE:
        return labels.get(str(value), str(value))
    if spec.type == QuestionType.CHOOSE_SEVERAL and isinstance(value, Sequence):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if spec.type == QuestionType.DATE:
        day = datetime.date.fromisoformat(str(value))
        return f"{day.day} {day:%B %Y}"
    if spec.type == QuestionType.RAG and isinstance(value, Mapping):
        return RATINGS.get(str(value.get("rating")), "No rating")
    if spec.type == QuestionType.TABLE and isinstance(value, list):
        return f"{len(value)} row{'' if len(value) == 1 else 's'}"
    return str(value)
