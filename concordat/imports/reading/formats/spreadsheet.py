"""Excel .xlsx: every sheet's rows, cached values only (formulas are never evaluated, macros never run)."""

from __future__ import annotations

import io
from datetime import date, datetime

from concordat.spreadsheets import looks_like_formula

from .. import limits


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    # Undo the guard exports write (``concordat.spreadsheets.safe_cell``): "'=..." was typed as "=...".
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


MAX_COLUMNS = 256


def rows_from_xlsx(data: bytes) -> list[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    rows: list[list[str]] = []
    try:
        for sheet in workbook.worksheets:
            # A sheet's declared size can claim 16,384 columns: read no further than any form goes.
            declared = sheet.max_column if isinstance(sheet.max_column, int) else None
            width = min(declared, MAX_COLUMNS) if declared else None
            for row in sheet.iter_rows(values_only=True, max_col=width):
                cells = [_text(v) for v in row]
                filled = len(cells)
                while filled and not cells[filled - 1]:
                    filled -= 1
                limits.spend("rows")
                limits.spend("cells", filled)  # trailing blanks are padding to the sheet's width
                rows.append(cells)
    finally:
        workbook.close()
    return drop_empty_leading_columns(rows)


def drop_empty_leading_columns(rows: list[list[str]]) -> list[list[str]]:
    """A table that starts in column B or C still has the question in its first column."""
    width = min(
        (next(i for i, c in enumerate(r) if c.strip()) for r in rows if any(c.strip() for c in r)), default=0
    )
    return [r[width:] for r in rows] if width else rows
