"""The form as an Excel .xlsx: the 2013 table, ticks as a Yes/No list (data validation) in their own cells.

A spreadsheet cell cannot hold a control and words together, so each question has two rows: the first with
the question, the evidence, the two Yes/No ticks and the status (a list too); the second, under the ticks,
with the good-practice description and attached documents' names, and what support is needed. The reader
takes the second row as the rest of the same question's cells.
"""

from __future__ import annotations

import io
from typing import Any

from concordat.spreadsheets import safe_cell

from .layout import COMPLETED_BY, SIGN_OFF_HEADING, STATUS_CHOICES, Cell, Form, Row

YES, NO = "Yes", "No"
_WIDTHS = {"A": 48, "B": 70, "C": 36, "D": 30, "E": 22}


def _text(cell: Cell) -> str:
    return "\n".join(cell.paragraphs)


def _tick(state: bool | None) -> str:
    return YES if state else NO


class _Sheet:
    """The sheet being written, with its two lists: Yes/No for the ticks, the statuses for the answer."""

    def __init__(self, sheet: Any, statuses: tuple[str, ...]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        self.sheet = sheet
        self.ticks = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
        self.statuses = DataValidation(type="list", formula1=f'"{",".join(statuses)}"', allow_blank=True)
        sheet.add_data_validation(self.ticks)
        sheet.add_data_validation(self.statuses)

    def section(self, row: Row) -> None:
        from openpyxl.styles import Font

        self.sheet.append([safe_cell(_text(c)) for c in row.cells])
        for cell in self.sheet[self.sheet.max_row]:
            cell.font = Font(bold=True)

    def question(self, row: Row) -> None:
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment

        question, evidence, good_practice, support, status = row.cells
        ticks = [_tick(good_practice.checkbox), _tick(support.checkbox)]
        self.sheet.append([safe_cell(_text(question)), safe_cell(_text(evidence)), *ticks, _text(status)])
        first = self.sheet.max_row
        self.ticks.add(f"C{first}:D{first}")
        self.statuses.add(f"E{first}")
        self.sheet.append(["", "", safe_cell(_text(good_practice)), safe_cell(_text(support)), ""])
        self.sheet[f"C{first + 1}"].comment = Comment(
            "Describe the good practice; name each document attached, one a line.", ""
        )
        self.sheet[f"D{first + 1}"].comment = Comment("Say what support you need.", "")
        for r in (first, first + 1):
            for cell in self.sheet[r]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    def footer(self, form: Form) -> None:
        self.sheet.append([])
        self.sheet.append([COMPLETED_BY])
        for label, value in form.completed_by:
            self.sheet.append([label, safe_cell(value)])
        self.sheet.append(["Signed by:"])
        self.sheet.append(list(SIGN_OFF_HEADING))
        for label, name, position, signed in form.sign_off:
            self.sheet.append([label, safe_cell(name), safe_cell(position), _tick(signed)])
            self.ticks.add(f"D{self.sheet.max_row}")


def write_xlsx(form: Form) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "Return"
    sheet.append([safe_cell(form.title)])
    sheet["A1"].font = Font(bold=True)
    if form.heading:
        sheet.append([safe_cell(form.heading)])
    writer = _Sheet(sheet, STATUS_CHOICES)
    for row in form.rows:
        if row.kind == "section":
            writer.section(row)
        else:
            writer.question(row)
    writer.footer(form)
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
