"""Reading an uploaded CSV or XLSX file into raw rows of text, within limits. Formulas are never evaluated.

The rows are not checked here (see :mod:`.validation`); a file that cannot be read at all raises
:class:`UploadError`, whose message tells the person uploading what to do.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from concordat.register.template.columns import MAX_ROWS, SHEET_NAME

MAX_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 100
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip: refuse zip bombs before openpyxl opens it
MAX_BLANK_ROWS_READ = 100_000  # formatted-but-empty rows Excel leaves behind


class UploadError(Exception):
    """The file cannot be read at all. The message says what to do."""

    @property
    def message(self) -> str:
        return str(self)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would have typed (whole numbers without ".0", ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode_line(line: bytes) -> tuple[str, str]:
    """One line's text and how it was read: "ascii", "utf-8" or "cp1252" (Windows' Western European)."""
    if line.isascii():
        return line.decode("ascii"), "ascii"
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return line.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise UploadError(
            "The file's text encoding could not be read. Save it as 'CSV UTF-8' and upload it again."
        ) from None


def decode_csv(data: bytes) -> tuple[str, list[str]]:
    """The text of a CSV file, and warnings. Each line is read as UTF-8 if it is UTF-8, otherwise as Windows
    text (cp1252, a superset of latin-1's letters), so a file pasted together from both reads "Café" right in
    every row, and says which rows were read the other way."""
    if b"\x00" in data:
        raise UploadError(
            "This file is not a CSV file. Save it as 'CSV UTF-8' or as an Excel workbook (.xlsx)."
        )
    data = data.removeprefix(b"\xef\xbb\xbf")
    lines = [_decode_line(line) for line in data.splitlines(keepends=True)]
    kinds = {kind for _, kind in lines}
    warnings = []
    if {"utf-8", "cp1252"} <= kinds:
        rows = [str(n) for n, (_, kind) in enumerate(lines, start=1) if kind == "cp1252"]
        shown = ", ".join(rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
        warnings.append(
            f"Lines {shown} of this file were saved in a different text encoding from the rest. They were "
            "read "
            "as Windows text: check that names with accents, such as Café, look right below, or save the "
            "whole file as 'CSV UTF-8' and upload it again."
        )
    return "".join(text for text, _ in lines), warnings


def _csv_rows(text: str) -> Iterator[list[str]]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""), strict=True)
    except csv.Error as exc:
        raise UploadError(
            f"The CSV file is not laid out correctly ({exc}). Save it again as CSV and re-upload."
        ) from exc


def _refuse_zip_bomb(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UploadError(
            "This file is not a valid Excel workbook. Save it as .xlsx and upload it again."
        ) from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UploadError(
            "The workbook is too large once opened. Remove other sheets and formatting, then retry."
        )


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    import openpyxl  # imported here: only needed for workbooks

    _refuse_zip_bomb(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise UploadError(
            "This Excel workbook could not be opened. Save it again as .xlsx and retry."
        ) from exc
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            yield [cell_text(v) for v in values]
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:  # damaged sheet XML etc.
        raise UploadError(
            "Part of this Excel workbook could not be read. Save it again as .xlsx and retry."
        ) from exc
    finally:
        book.close()


def _source_rows(data: bytes, filename: str, warnings: list[str]) -> Iterable[list[str]]:
    """The file's rows of cell text, read lazily, by file type (a zip is a workbook whatever its name)."""
    name = filename.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if name.endswith(".xls") and not is_zip:
        raise UploadError("Old Excel files (.xls) are not accepted. Save the file as .xlsx or CSV.")
    if name.endswith((".xlsx", ".xlsm")) or is_zip:
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")):
        text, found = decode_csv(data)
        warnings.extend(found)
        return _csv_rows(text)
    raise UploadError("Upload the register as a CSV file or an Excel workbook (.xlsx).")


def _header(values: list[str]) -> list[str]:
    header = [v.strip() for v in values]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise UploadError(f"The file has more than {MAX_COLUMNS} columns. Use the template's columns.")
    return header


def _row(header: list[str], values: list[str], number: int) -> dict[str, str]:
    row = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header)}
    extra = [v for v in values[len(header) :] if v.strip()]
    if extra:
        row["__extra__"] = ", ".join(extra)
    row["__row__"] = str(number)
    return row


def _rows_by_header(source: Iterable[list[str]]) -> list[dict[str, str]]:
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    blank = 0
    for number, values in enumerate(source, start=1):
        if not any(v.strip() for v in values):
            blank += 1
            if blank > MAX_BLANK_ROWS_READ:
                raise UploadError(
                    "The file has too many empty rows. Delete the empty rows and upload it again."
                )
        elif header is None:
            header = _header(values)
        elif len(rows) >= MAX_ROWS:
            raise UploadError(f"The file has more than {MAX_ROWS:,} people. Split it into smaller files.")
        else:
            rows.append(_row(header, values, number))
    if header is None:
        raise UploadError("The file has no header row. Download the template and copy your data into it.")
    if not rows:
        raise UploadError("The file has a header row but no people. Add one row per person.")
    return rows


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """:func:`read_file` without its warnings."""
    return read_file(data, filename)[0]


def read_file(data: bytes, filename: str) -> tuple[list[dict[str, str]], list[str]]:
    """Read an uploaded CSV or XLSX file into rows keyed by header text, and warnings for the person uploading
    (a CSV in mixed encodings). Formulas are never evaluated.

    Raises :class:`UploadError` for files that cannot be read, are over 10 MB or have over 20,000 people.
    Completely blank rows are skipped. The header row is returned as the keys; each row also carries its
    spreadsheet row number under the key ``"__row__"``.
    """
    if len(data) > MAX_BYTES:
        raise UploadError(
            "The file is bigger than 10 MB. Split it into smaller files, or remove other sheets."
        )
    if not data:
        raise UploadError("The file is empty. Download the template, fill it in and upload it again.")
    warnings: list[str] = []
    return _rows_by_header(_source_rows(data, filename, warnings)), warnings


# Reading in a child with a time and an address-space limit (``concordat.sandbox``, decision 0105): a
# workbook is a zip of XML, and openpyxl holds what it parses.
BOUNDS_SECONDS = 60.0
BOUNDS_MEMORY_MB = 1024


def read_file_in_child(payload: dict[str, str]) -> dict[str, list[Any]]:
    """In the sandbox's child: ``read_file`` on the file at ``payload["path"]``."""
    with open(payload["path"], "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    rows, warnings = read_file(data, payload["filename"])  # an UploadError's message goes to the parent
    return {"rows": rows, "warnings": warnings}


def read_rows_bounded(data: bytes, filename: str) -> list[dict[str, str]]:
    """:func:`read_file_bounded` without its warnings."""
    return read_file_bounded(data, filename)[0]


def read_file_bounded(data: bytes, filename: str) -> tuple[list[dict[str, str]], list[str]]:
    """``read_file`` in a bounded child: the same rows and warnings, or UploadError (so is a broken limit)."""
    import tempfile
    from pathlib import Path

    from concordat import sandbox

    if len(data) > MAX_BYTES or not data:
        return read_file(data, filename)  # refused at once, with read_file's own words
    bounds = sandbox.Bounds(seconds=BOUNDS_SECONDS, memory_mb=BOUNDS_MEMORY_MB)
    with tempfile.TemporaryDirectory(prefix="concordat_register_") as tmp:
        path = Path(tmp) / "upload"
        path.write_bytes(data)
        with sandbox.Sandbox(bounds, preload=("concordat.register.template.reading", "openpyxl")) as box:
            try:
                found: dict[str, Any] = box.call(
                    "concordat.register.template.reading:read_file_in_child",
                    {"path": str(path), "filename": filename},
                )
            except sandbox.Refused as exc:
                raise UploadError(
                    exc.message or "This file could not be read. Save it again as CSV or .xlsx and retry."
                ) from exc
            except sandbox.LimitExceeded as exc:
                raise UploadError(
                    "This file could not be read within the limits (a minute and "
                    f"{BOUNDS_MEMORY_MB:,} MB of memory): save it again as CSV or a plain .xlsx, without "
                    "other sheets or formatting, and upload it again."
                ) from exc
    return found["rows"], found["warnings"]
