"""Opening an uploaded XLSForm workbook within limits, and reading its sheets as rows of text.

Pure Python (openpyxl in read-only mode, no Django). A formula is never evaluated: a cell holding one is
reported, not read. Each problem is a :class:`Place`d sentence, so the person can find the cell.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from concordat.spreadsheets import looks_like_formula

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: a zip bomb is refused before openpyxl opens it
MAX_ROWS = 2_000  # rows with something in them, per sheet
MAX_ROWS_SCANNED = 20_000  # rows read at all, blank ones included (Excel leaves formatted blank rows)
MAX_COLUMNS = 60
MAX_CELL = 20_000  # characters: the longest text a question's words need


@dataclass(frozen=True, order=True)
class Place:
    """Where a problem is: a sheet, and a row and column when there is one."""

    sheet_order: int
    row: int
    column: str
    sheet: str = field(compare=False)
    message: str = field(compare=False)

    def __str__(self) -> str:
        where = f"Sheet {self.sheet}"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


SHEET_ORDER = {"survey": 1, "choices": 2, "settings": 3}


def place(sheet: str, row: int, column: str, message: str) -> Place:
    return Place(SHEET_ORDER.get(sheet, 0), row, column, sheet, message)


class WorkbookRefused(ValueError):
    """The file is not a workbook that can be read at all; the message says what to do."""


@dataclass
class Sheet:
    """A sheet's header (names as :func:`column_key` gives them), its non-blank rows (number, name → text)."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def cell_text(value: Any) -> str:
    """A cell as the text a person typed: whole numbers without ".0", dates as ISO, TRUE as "true"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def unguarded(text: str) -> str:
    """Undo the export's guard (``xlsform.export_cell``): one ``'`` before a formula-like text or a ``'``."""
    rest = text[1:]
    if text.startswith("'") and (looks_like_formula(rest) or rest.startswith("'")):
        return rest
    return text


def open_workbook(data: bytes) -> Any:
    """The workbook, read-only, formulas unevaluated; :class:`WorkbookRefused` if it cannot be read."""
    import openpyxl  # imported here: only spreadsheets need it

    if len(data) > MAX_BYTES:
        raise WorkbookRefused(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: it is not a questionnaire."
        )
    if not data.startswith(b"PK"):
        raise WorkbookRefused("This file is not an Excel workbook (.xlsx). Save it as .xlsx and try again.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise WorkbookRefused(
            "This file is not a valid Excel workbook (.xlsx). Save it as .xlsx and try again."
        ) from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise WorkbookRefused("The workbook is too large once opened: it is not a questionnaire.")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRefused(
            "This Excel workbook could not be opened. Save it again as .xlsx and retry."
        ) from exc


def _cells(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS_SCANNED + 1), 1):
        yield number, list(cells)


def _text(cell: Any, sheet: str, row: int, column: str, problems: list[Place]) -> str:
    if getattr(cell, "data_type", None) == "f":
        problems.append(place(sheet, row, column, "The cell holds a formula. Type the value itself instead."))
        return ""
    text = cell_text(cell.value).strip()
    if len(text) > MAX_CELL:
        problems.append(place(sheet, row, column, f"The cell is longer than {MAX_CELL:,} characters."))
        return ""
    return unguarded(text)


def column_key(title: str) -> str:
    """A column's name as matched: lower case, except what follows ``::`` (a signatory's role, say)."""
    prefix, sep, rest = title.partition("::")
    return prefix.strip().lower() + sep + rest.strip()


def _header(cells: list[Any], name: str, problems: list[Place]) -> list[str]:
    header = [column_key(_text(cell, name, 1, "", problems)) for cell in cells]
    seen: set[str] = set()
    for title in header:
        if title and title in seen:
            problems.append(place(name, 1, title, "The column appears twice. Keep one of them."))
        seen.add(title)
    return header


def get_column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter as letter

    return letter(position)


def _row_values(
    header: list[str], cells: list[Any], name: str, number: int, problems: list[Place]
) -> dict[str, str]:
    values: dict[str, str] = {}
    for position, (title, cell) in enumerate(zip(header, cells, strict=False), 1):
        text = _text(cell, name, number, title, problems)
        if title:
            values[title] = text
        elif text:
            problems.append(
                place(name, number, get_column_letter(position), "The cell's column has no name in row 1.")
            )
    return values


def read_sheet(book: Any, name: str, problems: list[Place]) -> Sheet | None:
    """The sheet called ``name`` (any letter case), or None when the workbook has none."""
    found = [title for title in book.sheetnames if title.strip().lower() == name]
    if not found:
        return None
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    sheet = book[found[0]]
    if (getattr(sheet, "max_column", None) or 0) > MAX_COLUMNS:  # as the sheet declares its size
        raise WorkbookRefused(f"The {name} sheet has more than {MAX_COLUMNS} columns: no questionnaire has.")
    try:
        for number, cells in _cells(sheet):
            if number > MAX_ROWS_SCANNED or len(rows) >= MAX_ROWS:
                raise WorkbookRefused(
                    f"The {name} sheet has more than {MAX_ROWS:,} rows: no questionnaire has."
                )
            if number == 1:
                header = _header(cells, name, problems)
                continue
            values = _row_values(header, cells, name, number, problems)
            if any(values.values()):
                rows.append((number, values))
    except WorkbookRefused:
        raise
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:  # damaged sheet XML etc.
        raise WorkbookRefused(
            f"The {name} sheet of this workbook could not be read. Save it again as .xlsx and retry."
        ) from exc
    return Sheet(name, header, rows)
