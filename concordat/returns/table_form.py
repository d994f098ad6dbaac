"""A table question's cells on the area's section page: a fieldset for each row, a field for each column.

"Add another row" is a submit button (GOV.UK's add another pattern, without JavaScript): the section is saved
as a draft and drawn again with one more empty row. A row whose cells are all emptied is left out when saved.
The cells are checked by ``questionnaires.types.table_problems``, the one place the type rules live, and each
problem is shown at its cell, naming the row and the column.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms

from concordat.govuk.forms import DateInputField
from concordat.questionnaires.types import MAX_SHORT_TEXT, YES_NO, QuestionSpec, QuestionType, table_problems

ADD_ROW = "add_row"
ROWS = "rows"


@dataclass(frozen=True)
class Cell:
    field: forms.BoundField
    column: QuestionSpec


def cell_name(row: int, column: QuestionSpec) -> str:
    return f"r{row}-{column.number}"


def _cell_field(column: QuestionSpec, row: int) -> forms.Field:
    label = column.label or column.number
    if column.type == QuestionType.DATE:
        return DateInputField(subject=f"Row {row + 1}: {label}", required=False)
    if column.type in (QuestionType.CHOOSE_ONE, QuestionType.YES_NO):
        choices = list(YES_NO.items()) if column.type == QuestionType.YES_NO else list(column.options)
        # A select, not radios: a chosen cell can be emptied again, without JavaScript.
        return forms.ChoiceField(label=label, required=False, choices=[("", "Not given"), *choices])
    width = 40 if column.type == QuestionType.NUMBER else MAX_SHORT_TEXT
    return forms.CharField(label=label, required=False, max_length=width, strip=False)


def row_count(spec: QuestionSpec, data: Any, prefix: str, stored: Any, *, added: bool) -> int:
    """How many rows to draw: as posted (one more when "Add another row" was pressed), or as stored."""
    if data is not None:
        try:
            count = int(data.get(f"{prefix}-{ROWS}") or 1)
        except ValueError:
            count = 1
        count += 1 if f"{prefix}-{ADD_ROW}" in data else 0
    else:
        # At least one row is always drawn, so "Add another row" on an empty table draws two.
        count = max(len(stored) if isinstance(stored, list) else 0, 1) + (1 if added else 0)
    return max(1, spec.min_rows, min(count, spec.max_rows))


def add_table_fields(form: forms.Form, spec: QuestionSpec, rows: int) -> None:
    for row in range(rows):
        for column in spec.columns:
            form.fields[cell_name(row, column)] = _cell_field(column, row)


def table_initial(spec: QuestionSpec, value: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for row, cells in enumerate(value if isinstance(value, list) else []):
        for column in spec.columns:
            cell = cells.get(column.number) if isinstance(cells, dict) else None
            if column.type == QuestionType.DATE and cell:
                cell = datetime.date.fromisoformat(str(cell))
            initial[cell_name(row, column)] = cell
    return initial


def table_rows(form: forms.Form, spec: QuestionSpec, rows: int) -> list[list[Cell]]:
    return [[Cell(form[cell_name(row, c)], c) for c in spec.columns] for row in range(rows)]


def clean_table(form: forms.Form, spec: QuestionSpec, rows: int, number: str) -> list[dict[str, Any]] | None:
    """The rows to store; each cell's problem is added at its cell, naming the row and the column."""
    cleaned = form.cleaned_data
    raw = [{c.number: cleaned.get(cell_name(row, c)) for c in spec.columns} for row in range(rows)]
    stored, problems = table_problems(spec, raw)
    headings = {c.number: c.label or c.number for c in spec.columns}
    for row, name, message in problems:
        field = cell_name(row - 1, next(c for c in spec.columns if c.number == name)) if name else None
        where = f"row {row}, {headings[name]}" if name else f"row {row}" if row else "the table"
        form.add_error(field, f"Question {number}, {where}: {message}")
    return stored or None
