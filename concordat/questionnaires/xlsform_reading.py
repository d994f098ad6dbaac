"""Reading an XLSForm workbook back into a questionnaire definition (the shapes: ``xlsform``'s docstring).

Pure Python. :func:`read_xlsform` returns the definition dict, or raises :class:`SpreadsheetProblems`
with every problem at once, each placed at its sheet, row and column: first what the spreadsheet itself
gets wrong (an unknown type, a missing list, a rule Concordat cannot read, a formula), then everything
``checking.definition_problems`` finds in the definition it spells, so a spreadsheet is refused exactly
when the same definition as JSON would be.
"""

from __future__ import annotations

import json
import re
from typing import Any

from concordat.questionnaires.checking import definition_problems
from concordat.questionnaires.xlsform import (
    CHOICES_COLUMNS,
    COLUMN_PREFIX,
    JSON_PREFIX,
    SETTINGS_KEYS,
    SIGNATORY_PREFIX,
    YES_NO_CHOICES,
    YES_NO_LIST,
)
from concordat.questionnaires.xlsform_sheets import (
    Place,
    Sheet,
    WorkbookRefused,
    open_workbook,
    place,
    read_sheet,
)
from concordat.questionnaires.xlsform_survey import Reading, read_survey

# Where a question's definition key lives on the survey sheet, to place the checks' problems.
KEY_COLUMNS = {
    "number": "name",
    "text": "label",
    "answer_type": "type",
    "options": "type",
    "polarity": "concordat_polarity",
    "required": "required",
    "hint": "hint",
    "easy_read": "label::Easy Read",
    "min": "constraint",
    "max": "constraint",
    "show_if": "relevant",
    "required_unless": "concordat_required_unless",
    "counts_people": "concordat_counts_people",
    "columns": "type",
    "min_rows": "concordat_min_rows",
    "max_rows": "concordat_max_rows",
}


class SpreadsheetProblems(ValueError):
    """The spreadsheet is not a definition Concordat can load; ``problems`` says where and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_xlsform(data: bytes) -> dict[str, Any]:
    """The definition a workbook spells; :class:`SpreadsheetProblems` lists everything wrong with it."""
    try:
        book = open_workbook(data)
    except WorkbookRefused as exc:
        raise SpreadsheetProblems([str(exc)]) from exc
    reading = Reading()
    try:
        sheets = {
            name: read_sheet(book, name, reading.problems) for name in ("survey", "choices", "settings")
        }
    except WorkbookRefused as exc:
        raise SpreadsheetProblems([str(exc)]) from exc
    finally:
        book.close()
    definition = read_settings(sheets["settings"], reading)
    reading.lists = read_choices(sheets["choices"], reading)
    reading.has_choices = sheets["choices"] is not None
    definition["sections"] = read_survey(sheets["survey"], reading)
    checks = checked(definition, reading)
    if reading.problems or checks:
        raise SpreadsheetProblems(_in_order(reading.problems, checks))
    return definition


def _in_order(own: list[Place], checks: list[Place]) -> list[str]:
    """Every problem, in sheet order; a check's problem is left out where the spreadsheet's own problem
    is already reported on the same cell (an unknown type is not also "an unknown answer type")."""
    cells = {(p.sheet_order, p.row, p.column.lower()) for p in own if p.row}
    kept = [p for p in checks if (p.sheet_order, p.row, p.column.lower()) not in cells]
    return [str(p) for p in sorted(own + kept)]


# ---- the checks' problems, placed -----------------------------------------------------------------------

MISSING_SETTINGS = {"id": "form_id", "title": "form_title"}


def checked(definition: dict[str, Any], reading: Reading) -> list[Place]:
    """``checking``'s problems, each at the cell holding what it is about."""
    missing = [key for key in MISSING_SETTINGS if key not in definition]
    found = [
        place("settings", 2, MISSING_SETTINGS[key], f"The questionnaire has no {MISSING_SETTINGS[key]}.")
        for key in missing
        if reading.has_settings  # else the missing sheet or row is already said
    ]
    # With a placeholder for what is missing, the checks go on to the questions.
    placeholders = {key: "-" for key in missing}
    twice: dict[str, int] = {}
    for problem in definition_problems({**placeholders, **definition}):
        rows = reading.rows.get(problem.question or "", [])
        if not rows:
            if not reading.problems:  # otherwise already said, by row
                found.append(place("survey", 0, "", problem.message))
            continue
        index = 0
        if problem.key == "number":  # "appears twice": the second (third ...) row with the number
            twice[problem.question or ""] = index = twice.get(problem.question or "", 0) + 1
        row = rows[min(index, len(rows) - 1)]
        found.append(place("survey", row, KEY_COLUMNS.get(problem.key or "", "name"), problem.message))
    return found


# ---- settings -------------------------------------------------------------------------------------------


def read_settings(sheet: Sheet | None, reading: Reading) -> dict[str, Any]:
    if sheet is None:
        reading.add("settings", 0, "", "The workbook has no settings sheet (form_title, form_id, version).")
        reading.has_settings = False
        return {}
    if not sheet.rows:
        reading.add("settings", 2, "", "The settings sheet has no row of values under its column names.")
        reading.has_settings = False
        return {}
    number, values = sheet.rows[0]
    for extra, _ in sheet.rows[1:]:
        reading.add("settings", extra, "", "The settings sheet has one row of values; this is a second.")
    definition: dict[str, Any] = {}
    by_column = {column: key for key, column in SETTINGS_KEYS.items()}
    for column, text in values.items():
        if text:
            _setting(definition, column, text, by_column, (number, reading))
    return definition


def _setting(
    definition: dict[str, Any], column: str, text: str, by_column: dict[str, str], at: tuple[int, Reading]
) -> None:
    row, reading = at
    if column == "version":
        if not re.fullmatch(r"\d{1,9}", text):
            reading.add("settings", row, column, "The version must be a whole number, like 1.")
        definition["version"] = int(text) if text.isdigit() else text
    elif column in by_column:
        key = by_column[column]
        definition[key] = text.split() if key == "completed_by" else text
    elif column.startswith(SIGNATORY_PREFIX) and column != SIGNATORY_PREFIX:
        role = column.removeprefix(SIGNATORY_PREFIX)
        definition.setdefault("signatories", []).append({"role": role, "label": text})
    elif column.startswith(COLUMN_PREFIX) and column != COLUMN_PREFIX:
        definition.setdefault("columns", {})[column.removeprefix(COLUMN_PREFIX)] = text
    elif column.startswith(JSON_PREFIX) and column != JSON_PREFIX:
        try:
            definition[column.removeprefix(JSON_PREFIX)] = json.loads(text)
        except ValueError:
            reading.add("settings", row, column, "The cell is not valid JSON.")
    else:
        reading.add("settings", row, column, "Concordat has no such setting. Empty the cell or remove it.")


# ---- choices --------------------------------------------------------------------------------------------


def read_choices(sheet: Sheet | None, reading: Reading) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    if sheet is None:
        return lists
    for column in sorted(set(CHOICES_COLUMNS) - set(sheet.header) if sheet.rows else ()):
        reading.add("choices", 1, column, f"The choices sheet has no {column} column.")
    for number, values in sheet.rows:
        for column, text in values.items():
            if text and column not in CHOICES_COLUMNS:
                reading.add("choices", number, column, "Concordat has no use for this column. Empty it.")
        list_name = values.get("list_name", "")
        if not list_name:
            reading.add("choices", number, "list_name", "The choice has no list_name.")
            continue
        lists.setdefault(list_name, []).append(
            {"value": values.get("name", ""), "label": values.get("label", "")}
        )
        for column in ("name", "label"):
            if not values.get(column):
                reading.add("choices", number, column, f"The choice has no {column}.")
    yes_no = lists.get(YES_NO_LIST)
    if yes_no is not None and [(o["value"], o["label"]) for o in yes_no] != list(YES_NO_CHOICES):
        reading.add(
            "choices",
            0,
            "",
            "The list yes_no is kept for yes-or-no questions: its choices are yes (Yes), no (No).",
        )
    return lists
