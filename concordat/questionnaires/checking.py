"""Checking a definition before it loads: every problem in plain English, naming its question.

Pure Python. ``definitions.validate_definition`` raises the first; the spreadsheet import shows them all,
each placed at its sheet, row and column (``Problem.question`` and ``Problem.key`` say where).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from concordat.questionnaires.types import (
    CHOICE_TYPES,
    COLUMN_KEYS,
    COLUMN_TYPES,
    MAX_COLUMNS,
    MAX_OPTIONS,
    MAX_TABLE_ROWS,
    QUESTION_KEYS,
    QuestionSpec,
    QuestionType,
    possible_values,
)

POLARITIES = ("positive", "negative", "open")


@dataclass(frozen=True)
class Problem:
    message: str
    question: str | None = None  # the question's number, when the problem is in one
    key: str | None = None  # the question's key ("options", "show_if", ...) at fault


def definition_problems(definition: Mapping[str, Any]) -> list[Problem]:
    problems = [
        Problem(f"The definition has no '{k}'.") for k in ("id", "title", "sections") if k not in definition
    ]
    if problems:
        return problems
    specs: dict[str, QuestionSpec] = {}
    section_numbers: set[str] = set()
    for section in definition["sections"]:
        number = str(section.get("number") or "")
        if not number or not section.get("title"):
            problems.append(Problem(f"Section {number or '(unnumbered)'} has no number or title."))
        elif number in section_numbers:
            problems.append(Problem(f"Section number {number} appears twice."))
        section_numbers.add(number)
        for question in section.get("questions", []):
            found = question_problems(question, specs, section=number)
            problems += found
            if not found:
                specs[str(question["number"])] = QuestionSpec.from_definition(question)
            elif question.get("number"):
                specs.setdefault(str(question["number"]), QuestionSpec(number=str(question["number"])))
    return problems


def question_problems(
    q: Mapping[str, Any], earlier: Mapping[str, QuestionSpec], *, section: str
) -> list[Problem]:
    """One question's problems; ``earlier``: the questions before it (a rule may name those, or itself)."""
    number = str(q.get("number") or "")
    if not number or not str(q.get("text") or "").strip():
        return [Problem(f"A question in section {section} has no number or text.", number or None, "text")]
    if number in earlier:
        return [Problem(f"Question number {number} appears twice.", number, "number")]
    unknown = sorted(set(q) - QUESTION_KEYS)
    if unknown:
        return [
            Problem(
                f"Question {number} has a setting Concordat does not know: {unknown[0]}.", number, unknown[0]
            )
        ]
    kind = q.get("answer_type", QuestionType.ASSESSMENT)
    if kind not in QuestionType.__members__.values():
        return [Problem(f"Question {number} has an unknown answer type '{kind}'.", number, "answer_type")]
    kind = QuestionType(kind)
    problems = _setting_problems(q, number)
    problems += _option_problems(q, number, kind)
    problems += _range_problems(q, number, kind)
    problems += _table_problems(q, number, kind)
    if problems:
        return problems
    own = QuestionSpec.from_definition(q)
    for key in ("show_if", "required_unless"):
        if q.get(key) is not None:
            problems += _rule_problems(q[key], number, key, earlier, own)
    return problems


def _setting_problems(q: Mapping[str, Any], number: str) -> list[Problem]:
    problems: list[Problem] = []
    if q.get("polarity", "positive") not in POLARITIES:
        problems.append(Problem(f"Question {number} has an unknown polarity.", number, "polarity"))
    if "required" in q and not isinstance(q["required"], bool):
        problems.append(Problem(f"Question {number}: 'required' must be true or false.", number, "required"))
    for key in ("hint", "easy_read"):
        if key in q and not isinstance(q[key], str):
            problems.append(Problem(f"Question {number}: '{key}' must be text.", number, key))
    return problems


def _option_problems(q: Mapping[str, Any], number: str, kind: QuestionType) -> list[Problem]:
    options = q.get("options")
    if kind not in CHOICE_TYPES:
        if options:
            return [
                Problem(f"Question {number} has options, but only a choose question can.", number, "options")
            ]
        return []
    if not isinstance(options, list) or not options:
        return [
            Problem(f"Question {number} is a choose question with no list of options.", number, "options")
        ]
    if len(options) > MAX_OPTIONS:
        return [Problem(f"Question {number} has more than {MAX_OPTIONS} options.", number, "options")]
    seen: set[str] = set()
    for option in options:
        if not isinstance(option, Mapping) or not option.get("value") or not option.get("label"):
            return [
                Problem(f"Question {number} has an option without a value or a label.", number, "options")
            ]
        if option["value"] in seen:
            return [
                Problem(f"Question {number} has the option '{option['value']}' twice.", number, "options")
            ]
        seen.add(option["value"])
    return []


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _range_problems(q: Mapping[str, Any], number: str, kind: QuestionType) -> list[Problem]:
    if "counts_people" in q and (kind != QuestionType.NUMBER or not isinstance(q["counts_people"], bool)):
        return [Problem(f"Question {number} counts people, but is not a number.", number, "counts_people")]
    given = {key: q[key] for key in ("min", "max") if q.get(key) is not None}
    if not given:
        return []
    if kind != QuestionType.NUMBER:
        return [Problem(f"Question {number} has a minimum or maximum, but is not a number.", number, "min")]
    bounds = {key: _number(value) for key, value in given.items()}
    for key, bound in bounds.items():
        if bound is None or not bound.is_finite():
            word = "minimum" if key == "min" else "maximum"
            return [Problem(f"Question {number}: the {word} must be a number.", number, key)]
    low, high = bounds.get("min"), bounds.get("max")
    if low is not None and high is not None and low > high:
        return [
            Problem(
                f"Question {number}: the minimum ({low}) is more than the maximum ({high}).", number, "max"
            )
        ]
    return []


def _rule_problems(
    rule: Any, number: str, key: str, earlier: Mapping[str, QuestionSpec], own: QuestionSpec
) -> list[Problem]:
    words = "show if" if key == "show_if" else "required unless"
    if not isinstance(rule, Mapping) or set(rule) != {"question", "in"} or not isinstance(rule["in"], list):
        return [
            Problem(
                f"Question {number}: the '{words}' rule must name a question and the answers it looks for.",
                number,
                key,
            )
        ]
    target_number = str(rule["question"])
    target = own if target_number == number else earlier.get(target_number)
    if target is None:
        return [
            Problem(
                f"Question {number}: the '{words}' rule names question {target_number}, which does not come "
                "before it.",
                number,
                key,
            )
        ]
    if target_number == number and (
        key == "show_if" or own.type not in (QuestionType.ASSESSMENT, QuestionType.RAG)
    ):
        return [Problem(f"Question {number}: a '{words}' rule cannot name the question itself.", number, key)]
    allowed = possible_values(target)
    if not allowed:
        return [
            Problem(
                f"Question {number}: the '{words}' rule names question {target_number}, whose answer "
                "cannot be compared (only assessment, RAG, yes/no and choose questions can).",
                number,
                key,
            )
        ]
    wrong = [str(v) for v in rule["in"] if str(v) not in allowed]
    if wrong or not rule["in"]:
        return [
            Problem(
                f"Question {number}: the '{words}' rule looks for '{', '.join(wrong) or 'nothing'}', "
                f"which question {target_number} cannot answer (it can: {', '.join(allowed)}).",
                number,
                key,
            )
        ]
    return []


def _table_problems(q: Mapping[str, Any], number: str, kind: QuestionType) -> list[Problem]:
    keys = {"columns", "min_rows", "max_rows"} & set(q)
    if kind != QuestionType.TABLE:
        if keys:
            return [Problem(f"Question {number} has columns or rows, but is not a table.", number, "columns")]
        return []
    columns = q.get("columns")
    if not isinstance(columns, list) or not columns or len(columns) > MAX_COLUMNS:
        message = f"Question {number} is a table: give it between 1 and {MAX_COLUMNS} columns."
        return [Problem(message, number, "columns")]
    problems = _rows_problems(q, number)
    names: set[str] = set()
    for column in columns:
        problems += _column_problems(column, number, names)
    return problems


def _rows_problems(q: Mapping[str, Any], number: str) -> list[Problem]:
    low, high = q.get("min_rows", 0), q.get("max_rows", MAX_TABLE_ROWS)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (low, high)):
        return [Problem(f"Question {number}: the numbers of rows must be whole numbers.", number, "min_rows")]
    if not 0 <= low <= high <= MAX_TABLE_ROWS or high == 0:
        message = (
            f"Question {number}: the rows must be at least 0 and at most {MAX_TABLE_ROWS}, fewest first."
        )
        return [Problem(message, number, "max_rows")]
    return []


def _column_problems(column: Any, number: str, names: set[str]) -> list[Problem]:
    if not isinstance(column, Mapping) or not column.get("name") or not str(column.get("text") or "").strip():
        return [Problem(f"Question {number} has a column without a name or a heading.", number, "columns")]
    name = str(column["name"])
    where = f"{number}, column '{name}'"
    if name in names:
        return [Problem(f"Question {number} has the column '{name}' twice.", number, "columns")]
    names.add(name)
    unknown = sorted(set(column) - COLUMN_KEYS)
    if unknown:
        return [
            Problem(
                f"Question {where} has a setting Concordat does not know: {unknown[0]}.", number, "columns"
            )
        ]
    kind = column.get("answer_type")
    if kind not in COLUMN_TYPES:
        allowed = ", ".join(sorted(COLUMN_TYPES))
        return [Problem(f"Question {where}: a column's type must be one of {allowed}.", number, "columns")]
    found = _option_problems(column, where, QuestionType(kind)) + _range_problems(
        column, where, QuestionType(kind)
    )
    return [Problem(p.message, number, "columns") for p in found]
