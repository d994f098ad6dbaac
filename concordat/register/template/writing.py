"""Writing the blank template (CSV, or a workbook with drop-down lists) and the data dictionary.

Every cell written goes through :func:`concordat.spreadsheets.safe_cell`, so no header or description can
be read as a formula.
"""

from __future__ import annotations

import csv
import io

from concordat.register.template.columns import COLUMNS, HEADERS, MAX_ROWS, SHEET_NAME, YES_NO, ColumnType
from concordat.spreadsheets import safe_cell


def data_dictionary_rows() -> list[dict[str, str]]:
    return [
        {
            "Column": c.header,
            "Field name": c.name,
            "Required": "Yes" if c.required else "No",
            "Type": str(c.type),
            "Allowed values": c.allowed_values,
            "Description": c.description,
            "Example": c.example,
        }
        for c in COLUMNS
    ]


def write_template_csv() -> bytes:
    """The blank template as CSV (UTF-8 with a byte-order mark so Excel shows accents correctly)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerow([safe_cell(h) for h in HEADERS])
    return out.getvalue().encode("utf-8-sig")


def write_data_dictionary_csv() -> bytes:
    rows = data_dictionary_rows()
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_template_xlsx() -> bytes:
    """The blank template as a workbook: a "Register" sheet with drop-down lists, and the data dictionary."""
    from openpyxl import Workbook  # imported here: only needed for workbooks
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append([safe_cell(h) for h in HEADERS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 2)
        if column.type in (ColumnType.CHOICE, ColumnType.YES_NO):
            codes = [c.code for c in (YES_NO if column.type is ColumnType.YES_NO else column.choices)]
            validation = DataValidation(type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    dictionary = book.create_sheet("Data dictionary")
    rows = data_dictionary_rows()
    dictionary.append(list(rows[0]))
    for row in rows:
        dictionary.append([safe_cell(v) for v in row.values()])
    for cell in dictionary[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
