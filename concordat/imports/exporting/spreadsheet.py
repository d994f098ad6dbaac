"""The form as an Excel .xlsx: the 2013 table, ticks as a Yes/No list (data validation) in their own cells.

A spreadsheet cell cannot hold a control and words together, so each question has two rows: the first with
the question, the evidence, the two Yes/No ticks and the status (a list too); the second, under the ticks,
with the good-practice description and attached documents' names, and what support is needed. The reader
takes the second row as the rest of the same question's cells.
"""

from __future__ import annotations

import io

from concordat.spreadsheets import safe_cell

from .layout import COMPLETED_BY, SIGN_OFF_HEADING, Cell, Form

YES, NO = "Yes", "No"
_WIDTHS = {"A": 48, "B": 70, "C": 36, "D": 30, "E": 22}


def _text(cell: Cell) -> str:
    return "\n".join(cell.paragraphs)


def _tick(state: bool | None) -> str:
    return YES if state else NO


def write_xlsx(form: Form) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "Return"
    ticks = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    statuses: DataValidation | None = None
    sheet.add_data_validation(ticks)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([safe_cell(form.title)])
    sheet["A1"].font = Font(bold=True)
    if form.heading:
        sheet.append([safe_cell(form.heading)])
    for row in form.rows:
        if row.kind == "section":
            sheet.append([safe_cell(_text(c)) for c in row.cells])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            continue
        question, evidence, good_practice, support, status = row.cells
        sheet.append(
            [safe_cell(_text(question)), safe_cell(_text(evidence)), _tick(good_practice.checkbox),
             _tick(support.checkbox), _text(status)]
        )
        first = sheet.max_row
        if statuses is None:
            choices = ",".join(status.choices)
            statuses = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
            sheet.add_data_validation(statuses)
        ticks.add(f"C{first}:D{first}")
        statuses.add(f"E{first}")
        sheet.append(["", "", safe_cell(_text(good_practice)), safe_cell(_text(support)), ""])
        sheet[f"C{first + 1}"].comment = Comment("Describe the good practice; name each document attached.", "")
        sheet[f"D{first + 1}"].comment = Comment("Say what support you need.", "")
        for r in (first, first + 1):
            for cell in sheet[r]:
                cell.alignment = wrap
    sheet.append([])
    sheet.append([COMPLETED_BY])
    for label, value in form.completed_by:
        sheet.append([label, safe_cell(value)])
    sheet.append(["Signed by:"])
    sheet.append(list(SIGN_OFF_HEADING))
    for label, name, position, signed in form.sign_off:
        sheet.append([label, safe_cell(name), safe_cell(position), _tick(signed)])
        ticks.add(f"D{sheet.max_row}")
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
