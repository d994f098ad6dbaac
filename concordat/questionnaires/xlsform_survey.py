"""Reading the survey sheet of an XLSForm workbook into sections and questions (``xlsform_reading`` calls it).

Pure Python. Each row's own problems (an unknown type, a list not on the choices sheet, a condition
Concordat cannot read) are noted at their cell; what the definition then says is left to ``checking``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from concordat.questionnaires.types import COLUMN_KEYS, QuestionType
from concordat.questionnaires.xlsform import (
    BEGIN_GROUP,
    BEGIN_REPEAT,
    CUSTOM_PREFIX,
    END_GROUP,
    END_REPEAT,
    MULTILINE,
    SURVEY_COLUMNS,
    YES_NO_LIST,
)
from concordat.questionnaires.xlsform_sheets import Place, Sheet, place

EASY_READ = "label::easy read"
KNOWN_COLUMNS = {c.lower() for c in SURVEY_COLUMNS}
COUNTS_PEOPLE = "concordat_counts_people"
PLAIN_TYPES = {
    "decimal": QuestionType.NUMBER,
    "integer": QuestionType.NUMBER,
    "date": QuestionType.DATE,
    "text": QuestionType.SHORT_TEXT,
    "file": QuestionType.FILE,
}
TYPE_WORDS = (
    "decimal, integer, date, text, file, select_one LIST, select_multiple LIST, "
    "concordat:assessment, concordat:rag, concordat:text, begin group, end group, begin repeat, end repeat"
)
# ``yes`` is Concordat's default (required, nothing in the JSON); ``true`` says so in the JSON.
REQUIRED_WORDS: dict[str, bool | None] = {
    "yes": None,
    "true": True,
    "true()": True,
    "no": False,
    "false": False,
    "false()": False,
}
_QUOTED = r"""(?:'(?P<single>[^']*)'|"(?P<double>[^"]*)")"""
_EQUALS = re.compile(r"\s*\$\{(?P<question>[^}]+)\}\s*=\s*" + _QUOTED + r"\s*")
_SELECTED = re.compile(r"\s*selected\(\s*\$\{(?P<question>[^}]+)\}\s*,\s*" + _QUOTED + r"\s*\)\s*")
_OR = re.compile(r"or\b", re.IGNORECASE)
_BOUND = re.compile(r"^\.\s*(?P<op>>=|<=)\s*(?P<number>-?\d{1,15}(?:\.\d{1,6})?)$")
RULE_WORDS = (
    "Write a condition like ${1.3} = 'yes', or ${2.5} = 'a' or ${2.5} = 'b', or selected(${2.5}, 'a'), "
    "naming one question"
)


@dataclass
class Reading:
    """What reading the workbook has found so far: the problems, and where each question's row is."""

    problems: list[Place] = field(default_factory=list)
    rows: dict[str, list[int]] = field(default_factory=dict)  # question number → its survey rows
    lists: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    has_choices: bool = True
    has_settings: bool = True  # a settings sheet with a row of values
    table: dict[str, Any] | None = None  # the table whose begin repeat is not yet ended
    table_row: int = 0

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(place(sheet, row, column, message))


def parse_rule(text: str) -> dict[str, Any] | None:
    """``${1.3} = 'yes' or ${1.3} = 'no'`` (or ``selected(...)`` terms) as {"question", "in"}; None if not."""
    position, question, values = 0, None, []
    while True:
        match = _EQUALS.match(text, position) or _SELECTED.match(text, position)
        if match is None or question not in (None, match["question"].strip()):
            return None
        question = match["question"].strip()
        values.append(match["single"] if match["single"] is not None else match["double"])
        position = match.end()
        if position == len(text):
            return {"question": question, "in": values}
        joiner = _OR.match(text, position)
        if joiner is None:
            return None
        position = joiner.end()


def parse_constraint(text: str) -> dict[str, int | float] | None:
    """``. >= 0 and . <= 500`` as {"min": 0, "max": 500}; None for anything else."""
    bounds: dict[str, int | float] = {}
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        match = _BOUND.match(part.strip())
        key = "min" if match and match["op"] == ">=" else "max"
        if match is None or key in bounds:
            return None
        number = match["number"]
        bounds[key] = float(number) if "." in number else int(number)
    return bounds


def answer_type(text: str, values: dict[str, str], row: int, reading: Reading) -> tuple[str, str | None]:
    """The row's Concordat answer type (the raw type when unknown: noted here), and its choices list."""
    words = text.split()
    if words and words[0] in ("select_one", "select_multiple") and len(words) == 2:
        if words == ["select_one", YES_NO_LIST]:
            return QuestionType.YES_NO, None
        several = words[0] == "select_multiple"
        return (QuestionType.CHOOSE_SEVERAL if several else QuestionType.CHOOSE_ONE), words[1]
    if text == "text" and values.get("appearance") == MULTILINE:
        return QuestionType.LONG_TEXT, None
    if text in PLAIN_TYPES:
        return PLAIN_TYPES[text], None
    custom = text.removeprefix(CUSTOM_PREFIX)
    if text.startswith(CUSTOM_PREFIX) and custom in QuestionType.__members__.values():
        return QuestionType(custom), None
    reading.add(
        "survey", row, "type", f"Concordat does not know the type '{text}'. Use one of: {TYPE_WORDS}."
    )
    return text, None


def read_question(values: dict[str, str], row: int, reading: Reading) -> dict[str, Any]:
    kind, list_name = answer_type(values["type"], values, row, reading)
    question: dict[str, Any] = {"number": values.get("name", ""), "text": values.get("label", "")}
    question["answer_type"] = str(kind)
    if not question["number"]:
        reading.add("survey", row, "name", "The question has no name: write its number, like 1.1.")
    if list_name is not None:
        _options(question, list_name, row, reading)
    for key, column in (("hint", "hint"), ("easy_read", EASY_READ), ("polarity", "concordat_polarity")):
        if values.get(column):
            question[key] = values[column]
    _required(question, values.get("required", ""), row, reading)
    _counts_people(question, values.get(COUNTS_PEOPLE, ""), row, reading)
    _appearance(kind, values.get("appearance", ""), row, reading)
    for key, column in (("show_if", "relevant"), ("required_unless", "concordat_required_unless")):
        if values.get(column):
            rule = parse_rule(values[column])
            if rule is None:
                reading.add("survey", row, "relevant" if key == "show_if" else column, RULE_WORDS + ".")
            else:
                question[key] = rule
    if values.get("constraint"):
        bounds = parse_constraint(values["constraint"])
        if bounds is None:
            reading.add("survey", row, "constraint", "Write the range like . >= 0 and . <= 500.")
        else:
            question.update(bounds)
    return question


def _options(question: dict[str, Any], list_name: str, row: int, reading: Reading) -> None:
    options = reading.lists.get(list_name)
    if options is None:
        where = "the choices sheet" if reading.has_choices else "a choices sheet (the workbook has none)"
        reading.add("survey", row, "type", f"The list '{list_name}' is not on {where}.")
        return
    question["options"] = [dict(option) for option in options]


def _required(question: dict[str, Any], text: str, row: int, reading: Reading) -> None:
    word = text.lower()
    if word == "":
        question["required"] = False  # as in XLSForm: a blank means not required
    elif word not in REQUIRED_WORDS:
        reading.add("survey", row, "required", f"Write yes or no, not '{text}'.")
    elif REQUIRED_WORDS[word] is not None:
        question["required"] = REQUIRED_WORDS[word]


def _counts_people(question: dict[str, Any], text: str, row: int, reading: Reading) -> None:
    word = text.strip().lower()
    if word in ("yes", "true"):
        question["counts_people"] = True
    elif word not in ("", "no", "false"):
        reading.add("survey", row, COUNTS_PEOPLE, f"Write yes if the number counts people, not '{text}'.")


def _appearance(kind: str, text: str, row: int, reading: Reading) -> None:
    if text and not (text == MULTILINE and kind == QuestionType.LONG_TEXT):
        reading.add("survey", row, "appearance", "Concordat reads only 'multiline', on a text question.")


def _unknown_columns(sheet: Sheet, reading: Reading) -> None:
    """A column Concordat does not read must be empty: nothing in the spreadsheet is silently dropped."""
    for title in sheet.header:
        if title and title.lower() not in KNOWN_COLUMNS:
            first = next((row for row, values in sheet.rows if values.get(title)), None)
            if first is not None:
                reading.add("survey", first, title, "Concordat has no use for this column. Empty it.")


def read_survey(sheet: Sheet | None, reading: Reading) -> list[dict[str, Any]]:
    """The sections the survey sheet's groups hold, each with its questions."""
    if sheet is None or not sheet.rows:
        message = (
            "The workbook has no survey sheet." if sheet is None else "The survey sheet has no questions."
        )
        reading.add("survey", 0, "", message)
        return []
    for column in ("type", "name", "label"):
        if column not in sheet.header:
            reading.add("survey", 1, column, f"The survey sheet has no {column} column.")
    _unknown_columns(sheet, reading)
    sections: list[dict[str, Any]] = []
    open_row = 0  # the row of the begin group not yet ended
    for row, values in sheet.rows:
        open_row = _survey_row(values, row, (sections, open_row), reading)
    if reading.table is not None:
        reading.add("survey", reading.table_row, "type", "This repeat is never ended: add an end repeat row.")
    if open_row:
        reading.add(
            "survey", open_row, "type", "This group is never ended: add an end group row after its questions."
        )
    return sections


def _survey_row(
    values: dict[str, str], row: int, at: tuple[list[dict[str, Any]], int], reading: Reading
) -> int:
    """Read one row into ``sections``; returns the row of the group then open (0: none)."""
    sections, open_row = at
    values = {column.lower(): text for column, text in values.items()}
    kind = values.get("type", "")
    kind = (
        kind.replace("_", " ") if kind in ("begin_group", "end_group", "begin_repeat", "end_repeat") else kind
    )
    if kind in (BEGIN_REPEAT, END_REPEAT) or reading.table is not None:
        return _repeat_row(values, row, kind, (sections, open_row), reading)
    if kind == BEGIN_GROUP:
        if open_row:
            reading.add("survey", row, "type", "Groups cannot be nested: a section has no sub-sections.")
        sections.append(_section(values, row, sections, reading))
        return row
    if kind == END_GROUP:
        if not open_row:
            reading.add("survey", row, "type", "This end group has no begin group before it.")
        return 0
    if not kind:
        reading.add("survey", row, "type", "The row has no type.")
        return open_row
    _add_question(read_question(values, row, reading), row, at, reading)
    return open_row


def _repeat_row(
    values: dict[str, str], row: int, kind: str, at: tuple[list[dict[str, Any]], int], reading: Reading
) -> int:
    """A table's rows: its begin repeat (the question), its columns, its end repeat."""
    sections, open_row = at
    if kind == BEGIN_REPEAT:
        if reading.table is not None:
            reading.add("survey", row, "type", "Repeats cannot be nested: a table has no tables in it.")
            return open_row
        question = read_question({**values, "type": CUSTOM_PREFIX + QuestionType.TABLE}, row, reading)
        question["columns"] = []
        for key in ("min_rows", "max_rows"):
            _rows_setting(question, key, values.get(f"concordat_{key}", ""), row, reading)
        _add_question(question, row, (sections, open_row), reading)
        reading.table, reading.table_row = question, row
        return open_row
    if kind == END_REPEAT:
        if reading.table is None:
            reading.add("survey", row, "type", "This end repeat has no begin repeat before it.")
        reading.table = None
        return open_row
    if kind in (BEGIN_GROUP, END_GROUP):
        reading.add("survey", reading.table_row, "type", "This repeat is never ended: add an end repeat row.")
        reading.table = None
        return _survey_row(values, row, at, reading)
    assert reading.table is not None
    column = read_question(values, row, reading)
    column["name"] = column.pop("number")
    reading.table["columns"].append({k: v for k, v in column.items() if k in COLUMN_KEYS})
    return open_row


def _rows_setting(question: dict[str, Any], key: str, text: str, row: int, reading: Reading) -> None:
    if not text.strip():
        return
    if not text.strip().isdigit():
        reading.add(
            "survey", row, f"concordat_{key}", f"Write the number of rows as a whole number, not '{text}'."
        )
        return
    question[key] = int(text)


def _add_question(
    question: dict[str, Any], row: int, at: tuple[list[dict[str, Any]], int], reading: Reading
) -> None:
    sections, open_row = at
    if question["number"]:
        reading.rows.setdefault(str(question["number"]), []).append(row)
    if open_row:
        sections[-1]["questions"].append(question)
    else:
        reading.add(
            "survey", row, "type", "The question is not in a section: put a begin group row before it."
        )


def _section(
    values: dict[str, str], row: int, sections: list[dict[str, Any]], reading: Reading
) -> dict[str, Any]:
    number, title = values.get("name", ""), values.get("label", "")
    if not number:
        reading.add("survey", row, "name", "The section has no name: write its number, like 1.")
    elif number in {s["number"] for s in sections}:
        reading.add("survey", row, "name", f"Section number {number} appears twice.")
    if not title:
        reading.add("survey", row, "label", "The section has no label: write its title.")
    return {"number": number, "title": title, "questions": []}
