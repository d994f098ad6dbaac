"""A questionnaire definition as a spreadsheet in the XLSForm shape ODK and Kobo users know (decision 0013).

Pure Python (openpyxl, no Django). :func:`write_xlsform` turns a definition — the same dict the JSON file
holds — into an .xlsx; ``xlsform_reading.read_xlsform`` turns one back, and refuses a spreadsheet exactly
when ``checking`` would refuse the JSON, listing every problem by sheet, row and column.

The ``survey`` sheet has one row per question, and a ``begin group`` / ``end group`` pair per section (the
group's ``name`` is the section number, its ``label`` the title). A question's columns:

==============================  ===============================================================
``type``                        the answer type, below
``name``                        the question number, as Concordat writes it ("1.1": XLSForm's own
                                tools want names without dots; Concordat's numbers are its names)
``label``                       the question's text
``hint``                        ``hint``
``label::Easy Read``            ``easy_read`` (XLSForm's column for a label in another language)
``required``                    ``yes`` (Concordat's default: required), ``true`` (said so in the JSON),
                                ``no`` or blank (not required, as in XLSForm)
``relevant``                    ``show_if``: ``${1.3} = 'yes'``, or ``${2.5} = 'a' or ${2.5} = 'b'``;
                                ``selected(${2.5}, 'a')`` for a choose-several question
``constraint``                  ``min`` / ``max`` of a number: ``. >= 0 and . <= 500``
``appearance``                  ``multiline`` for long text
``concordat_polarity``          ``polarity`` (positive, negative, open)
``concordat_required_unless``   ``required_unless``, written like ``relevant``
``concordat_counts_people``     ``yes`` for a number that counts people (``counts_people``)
``concordat_min_rows``, ``_max_rows``  a table's ``min_rows`` and ``max_rows``
==============================  ===============================================================

A ``table`` is a ``begin repeat`` row (ODK's convention for rows an answer may repeat; its ``name``,
``label``, ``hint``, ``required`` and ``relevant`` are the question's), one row per column (its ``name``
the column's name, ``label`` its heading; the choices list of a choose-one column is named
``NUMBER-NAME``), and an ``end repeat`` row.

Types: ``number`` is ``decimal`` (``integer`` reads as a number too), ``date`` is ``date``, ``short_text``
is ``text``, ``long_text`` is ``text`` with ``appearance`` ``multiline``, ``choose_one`` /
``choose_several`` are ``select_one LIST`` / ``select_multiple LIST`` (the list, named after the question,
on the ``choices`` sheet: ``list_name``, ``name``, ``label``), ``yes_no`` is ``select_one yes_no`` (the list
``yes_no`` is kept for it), ``file`` is ``file``. XLSForm has no type for the rest, so they are namespaced:
``concordat:assessment``, ``concordat:rag`` and ``concordat:text`` (the older evidence-only text).

The ``settings`` sheet has one row of values: ``form_title``, ``form_id``, ``version``, then
``concordat_about``, ``concordat_deadline``, ``concordat_completed_by`` (the fields, space-separated),
one ``concordat_signatory::ROLE`` column per signatory (its label; in signing order), one
``concordat_column::KEY`` per answer column heading, and ``concordat_json::KEY`` (the value as JSON) for
any other key of the definition.

Text a spreadsheet would run as a formula (``spreadsheets.looks_like_formula``) is written after a ``'``,
as ``spreadsheets.safe_cell`` does; a text that already began with ``'`` gets one more, so reading strips
exactly one and gives back what was written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from concordat.spreadsheets import looks_like_formula

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "label::Easy Read",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "concordat_polarity",
    "concordat_required_unless",
    "concordat_counts_people",
    "concordat_min_rows",
    "concordat_max_rows",
)
CHOICES_COLUMNS = ("list_name", "name", "label")
BEGIN_GROUP, END_GROUP = "begin group", "end group"
BEGIN_REPEAT, END_REPEAT = "begin repeat", "end repeat"
YES_NO_LIST = "yes_no"
YES_NO_CHOICES = (("yes", "Yes"), ("no", "No"))
MULTILINE = "multiline"
# Concordat types with an XLSForm type of their own (the choose types and yes/no are ``select_...``).
XLSFORM_TYPES = {
    "number": "decimal",
    "date": "date",
    "short_text": "text",
    "long_text": "text",
    "file": "file",
}
CUSTOM_PREFIX = "concordat:"
# The settings columns for the definition's known keys; ``concordat_json::KEY`` holds any other.
SETTINGS_KEYS = {
    "title": "form_title",
    "id": "form_id",
    "version": "version",
    "about": "concordat_about",
    "deadline": "concordat_deadline",
    "completed_by": "concordat_completed_by",
}
SIGNATORY_PREFIX = "concordat_signatory::"
COLUMN_PREFIX = "concordat_column::"
JSON_PREFIX = "concordat_json::"


def export_cell(value: Any) -> Any:
    """What to write in a cell: numbers as numbers, text guarded against being run as a formula."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    text = str(value)
    return "'" + text if looks_like_formula(text) or text.startswith("'") else text


def quoted(value: str) -> str:
    """A value in an XLSForm expression, between the quotes it does not contain."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError(f"The answer value {value!r} has both kinds of quote, so no expression can hold it.")


def rule_expression(rule: Mapping[str, Any], several: bool) -> str:
    """A ``show_if`` / ``required_unless`` rule as XLSForm writes a condition on another question."""
    ref = "${" + str(rule["question"]) + "}"
    if several:
        return " or ".join(f"selected({ref}, {quoted(str(v))})" for v in rule["in"])
    return " or ".join(f"{ref} = {quoted(str(v))}" for v in rule["in"])


def constraint_expression(question: Mapping[str, Any]) -> str:
    parts = []
    if question.get("min") is not None:
        parts.append(f". >= {question['min']}")
    if question.get("max") is not None:
        parts.append(f". <= {question['max']}")
    return " and ".join(parts)


def xlsform_type(question: Mapping[str, Any]) -> str:
    kind = str(question.get("answer_type", "assessment"))
    if kind == "yes_no":
        return f"select_one {YES_NO_LIST}"
    if kind == "choose_one":
        return f"select_one {question['number']}"
    if kind == "choose_several":
        return f"select_multiple {question['number']}"
    return XLSFORM_TYPES.get(kind) or CUSTOM_PREFIX + kind


def _required(question: Mapping[str, Any]) -> str:
    if "required" not in question:
        return "yes"
    return "true" if question["required"] else "no"


def survey_row(question: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, Any]:
    """One question's row; ``kinds``: the answer type of every question, for the rules naming them."""

    def rule(key: str) -> str:
        data = question.get(key)
        if not data:
            return ""
        return rule_expression(data, kinds.get(str(data["question"])) == "choose_several")

    return {
        "type": xlsform_type(question),
        "name": str(question["number"]),
        "label": question["text"],
        "hint": question.get("hint"),
        "label::Easy Read": question.get("easy_read"),
        "required": _required(question),
        "relevant": rule("show_if"),
        "constraint": constraint_expression(question),
        "appearance": MULTILINE if question.get("answer_type") == "long_text" else "",
        "concordat_polarity": question.get("polarity"),
        "concordat_required_unless": rule("required_unless"),
        "concordat_counts_people": "yes" if question.get("counts_people") else "",
    }


def survey_rows(definition: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    sections = definition["sections"]
    kinds = {
        str(q["number"]): str(q.get("answer_type", "assessment"))
        for s in sections
        for q in s.get("questions", [])
    }
    for section in sections:
        yield {"type": BEGIN_GROUP, "name": str(section["number"]), "label": section["title"]}
        for question in section.get("questions", []):
            if question.get("answer_type") == "table":
                yield from table_rows(question, kinds)
            else:
                yield survey_row(question, kinds)
        yield {"type": END_GROUP, "name": str(section["number"])}


def column_list(question: Mapping[str, Any], column: Mapping[str, Any]) -> str:
    return f"{question['number']}-{column['name']}"


def table_rows(question: Mapping[str, Any], kinds: Mapping[str, str]) -> Iterable[dict[str, Any]]:
    """A table: its begin repeat row, a row per column, and its end repeat row."""
    yield {
        **survey_row(question, kinds),
        "type": BEGIN_REPEAT,
        "concordat_min_rows": question.get("min_rows"),
        "concordat_max_rows": question.get("max_rows"),
    }
    for column in question.get("columns", []):
        yield {
            "type": xlsform_type({**column, "number": column_list(question, column)}),
            "name": str(column["name"]),
            "label": column.get("text"),
            "constraint": constraint_expression(column),
            "concordat_counts_people": "yes" if column.get("counts_people") else "",
        }
    yield {"type": END_REPEAT, "name": str(question["number"])}


def choices_rows(definition: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    questions = [q for s in definition["sections"] for q in s.get("questions", [])]
    columns = [(q, c) for q in questions for c in q.get("columns", [])]
    if any(q.get("answer_type") == "yes_no" for q in [*questions, *(c for _, c in columns)]):
        yield from ((YES_NO_LIST, value, label) for value, label in YES_NO_CHOICES)
    for question in questions:
        if question.get("answer_type") in ("choose_one", "choose_several"):
            for option in question.get("options", []):
                yield str(question["number"]), str(option["value"]), str(option["label"])
    for question, column in columns:
        for option in column.get("options", []):
            yield column_list(question, column), str(option["value"]), str(option["label"])


def _fits(key: str, value: Any) -> bool:
    """Whether a definition key's value has the shape its settings column(s) hold (else it goes as JSON)."""
    if key == "version":
        return isinstance(value, int) and not isinstance(value, bool)
    if key == "completed_by":
        return isinstance(value, list) and bool(value) and all(_word(f) for f in value)
    if key == "signatories":
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(s, Mapping) and set(s) == {"role", "label"} for s in value)
            and all(_word(s["role"]) and isinstance(s["label"], str) for s in value)
            and len({s["role"] for s in value}) == len(value)
        )
    if key == "columns":
        return (
            isinstance(value, Mapping)
            and bool(value)
            and all(_word(k) and isinstance(v, str) for k, v in value.items())
        )
    return key in SETTINGS_KEYS and isinstance(value, str)


def _word(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value == value.strip() and " " not in value


def settings_row(definition: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in definition.items():
        if key == "sections":
            continue
        if not _fits(key, value):
            row[JSON_PREFIX + key] = json.dumps(value, ensure_ascii=False)
        elif key == "signatories":
            row.update({SIGNATORY_PREFIX + s["role"]: s["label"] for s in value})
        elif key == "columns":
            row.update({COLUMN_PREFIX + k: v for k, v in value.items()})
        else:
            row[SETTINGS_KEYS[key]] = " ".join(value) if key == "completed_by" else value
    return row


def write_xlsform(definition: Mapping[str, Any]) -> bytes:
    """The definition as an .xlsx workbook with ``survey``, ``choices`` and ``settings`` sheets."""
    import openpyxl  # imported here: only the spreadsheet needs it

    book = openpyxl.Workbook(write_only=True)
    survey = book.create_sheet("survey")
    survey.append(list(SURVEY_COLUMNS))
    for row in survey_rows(definition):
        survey.append([export_cell(row.get(column) or None) for column in SURVEY_COLUMNS])
    choices = book.create_sheet("choices")
    choices.append(list(CHOICES_COLUMNS))
    for values in choices_rows(definition):
        choices.append([export_cell(v) for v in values])
    settings = book.create_sheet("settings")
    row = settings_row(definition)
    settings.append(list(row))
    settings.append([export_cell(v) for v in row.values()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
