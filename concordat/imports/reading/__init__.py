"""Reading completed stocktake returns (Word, Excel, OpenDocument, PDF, text) into a structured Reading.

No Django here: the importer app wraps this library. Every failure is a ReadingError whose `message` says what
to fix. Public API:

    read_document(source, filename="", questionnaire=None) -> Reading
    load_questionnaire(path) -> Questionnaire
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from . import layout, limits, safety
from .limits import Limits
from .model import QuestionReading, Reading, ReadingError, ReadingWarning, Signature
from .questionnaire import Questionnaire, load_questionnaire
from .text import align_rows, rows_from_text

__all__ = [
    "DEFAULT_QUESTIONNAIRE",
    "Limits",
    "QuestionReading",
    "Questionnaire",
    "Reading",
    "ReadingError",
    "ReadingWarning",
    "Signature",
    "load_questionnaire",
    "read_document",
    "read_rows",
    "source_text",
]

DEFAULT_QUESTIONNAIRE = (
    Path(__file__).resolve().parents[2] / "questionnaires" / "definitions" / "stocktake-2013.json"
)


def read_document(
    source: str | os.PathLike[str] | bytes,
    filename: str = "",
    questionnaire: Questionnaire | str | os.PathLike[str] | None = None,
    bounds: Limits | None = None,
) -> Reading:
    """Read one completed return. `source` is a path or the file's bytes; `filename` only helps sniffing.

    The budgets of `bounds` (default: `Limits()`) are counted as it reads; time and memory are bounded only
    when it runs in the sandbox (`concordat.imports.sandbox`)."""
    with limits.budget(bounds):
        return _read(source, filename, questionnaire)


def _read(
    source: str | os.PathLike[str] | bytes,
    filename: str,
    questionnaire: Questionnaire | str | os.PathLike[str] | None,
) -> Reading:
    q = _questionnaire(questionnaire)
    data = _load(source)
    if not filename and not isinstance(source, bytes):
        filename = os.fspath(source)
    kind, zf = safety.sniff(data, filename)
    if kind in ("doc", "xls", "rtf"):
        from .formats.legacy import convert_legacy

        data, kind = convert_legacy(data, kind)
        kind, zf = safety.sniff(data, f"converted.{kind}")
    rows, positional, notes, ocr_rows = _rows(data, kind, zf)
    limits.spend("characters", sum(len(c) for row in rows for c in row))
    whole_cells = positional
    if not positional and (laid_out := layout.split_fixed_width("\n".join("\t".join(r) for r in rows))):
        rows, positional = laid_out, True  # text cut into columns: a cell may hold one line of a question
    if positional:
        rows, _ = layout.by_headers(rows)
    paragraphs = kind in _PARAGRAPH_FORMATS
    reading = read_rows(
        rows,
        q,
        positional=positional,
        source_format=kind,
        whole_cells=whole_cells,
        paragraphs=paragraphs,
        ocr_rows=ocr_rows,
    )
    reading.source_text = source_text(rows)
    for code, message in notes:
        reading.warn(code, message)
    return reading


# Formats whose cells hold paragraphs as written: a line break in a cell is the writer's, so it is kept.
_PARAGRAPH_FORMATS = frozenset({"docx", "odt", "ods", "xlsx"})


def read_rows(
    rows: list[list[str]],
    questionnaire: Questionnaire,
    *,
    positional: bool,
    source_format: str = "",
    whole_cells: bool | None = None,
    paragraphs: bool = False,
    ocr_rows: frozenset[int] = frozenset(),
) -> Reading:
    """Align rows of cells to the questionnaire. `whole_cells` (default: `positional`) says each cell holds
    all its text, as in a real table, so a question's wording can be compared whole. The answers found in
    `ocr_rows` (rows read from a scan) are flagged as OCR, with lower confidence."""
    if len(rows) > limits.limit("rows"):
        raise limits.over("rows", limits.limit("rows"))
    reading = align_rows(
        rows,
        questionnaire,
        positional=positional,
        source_format=source_format,
        whole_cells=whole_cells,
        paragraphs=paragraphs,
        ocr_rows=ocr_rows,
    )
    total = len(questionnaire.questions)
    if reading.found_count < max(1, int(total * safety.MIN_MATCHED_FRACTION)):
        raise ReadingError(
            "wrong_questionnaire",
            f"Only {reading.found_count} of the {total} questions of "
            f"'{questionnaire.title}' were found. Check that this is the completed form for this "
            "round, with its numbered questions, and upload that.",
        )
    missing = reading.to_complete
    if missing:
        shown = ", ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
        reading.warn(
            "partial_reading",
            f"{total - len(missing)} of the {total} questions were found and read; the other {len(missing)} "
            f"({shown}) were not found or left empty and must be completed by hand.",
        )
    return reading


def source_text(rows: list[list[str]]) -> str:
    """The rows as plain text: one line per row, non-empty cells joined by " | "."""
    return "\n".join(" | ".join(c.strip() for c in row if c and c.strip()) for row in rows).strip()


def _questionnaire(q: Questionnaire | str | os.PathLike[str] | None) -> Questionnaire:
    if isinstance(q, Questionnaire):
        return q
    return load_questionnaire(q if q is not None else DEFAULT_QUESTIONNAIRE)


def _load(source: str | os.PathLike[str] | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    try:
        safety.check_size(os.stat(source).st_size)
        with open(source, "rb") as fh:
            return fh.read(safety.MAX_BYTES + 1)
    except OSError as exc:
        raise ReadingError("unreadable", f"The file could not be opened ({exc.strerror}).") from exc


Rows = list[list[str]]


Notes = list[tuple[str, str]]
_NONE: frozenset[int] = frozenset()


def _rows(data: bytes, kind: str, zf: zipfile.ZipFile | None) -> tuple[Rows, bool, Notes, frozenset[int]]:
    """The rows, whether they are table cells, warnings to add, and the indices of the rows read by OCR."""
    if kind == "docx" and zf is not None:
        from .formats.word import rows_from_docx

        return rows_from_docx(zf), True, [], _NONE
    if kind == "xlsx":
        from .formats.spreadsheet import rows_from_xlsx

        return _guard(rows_from_xlsx, data), True, [], _NONE
    if kind in ("odt", "ods") and zf is not None:
        from .formats.opendocument import rows_from_odf

        return rows_from_odf(zf), True, [], _NONE
    if kind == "pdf":
        return _pdf_rows(data)
    text, mixed = safety.decode_text(data)
    notes = (
        [
            (
                "mixed_encoding",
                "Some lines were not UTF-8 and were read as Windows-1252; check accented "
                "letters and symbols.",
            )
        ]
        if mixed
        else []
    )
    return rows_from_text(text), False, notes, _NONE


def _pdf_rows(data: bytes) -> tuple[Rows, bool, Notes, frozenset[int]]:
    from .formats.pdf import read_pdf
    from .formats.pdf_form import rows_from_pdf_form

    safety.check_pdf(data)
    form_rows = rows_from_pdf_form(data)
    if form_rows is not None:
        return form_rows, True, [], _NONE
    pdf = read_pdf(data)
    if not pdf.ocr_seconds:
        return pdf.rows, True, [], _NONE
    pages = sorted(pdf.ocr_seconds)
    per_page = sum(pdf.ocr_seconds.values()) / len(pages)
    note = (
        "ocr",
        f"This PDF is scanned: {_pages(pages)} no text, so it was read by OCR (Tesseract, {per_page:.1f} s "
        "a page). OCR misreads some words and ticks: check each answer against the paper form.",
    )
    return pdf.rows, True, [note], pdf.ocr_rows


def _pages(pages: list[int]) -> str:
    """ "page 3 had", "pages 1 to 7 had", "pages 2, 5 and 6 had"."""
    if len(pages) == 1:
        return f"page {pages[0]} had"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]} to {pages[-1]} had"
    return f"pages {', '.join(map(str, pages[:-1]))} and {pages[-1]} had"


def _guard(reader: Callable[[bytes], Rows], data: bytes) -> Rows:
    """The zip was size-checked by sniff; a library error on a bad part becomes one plain message."""
    try:
        return reader(data)
    except ReadingError:
        raise
    except Exception as exc:  # openpyxl raises KeyError, ValueError, lxml errors ... on bad parts
        raise ReadingError(
            "corrupt",
            "The file is damaged or not a real Excel workbook, so it cannot be "
            "read. Open it on your computer, save it again and upload the new copy.",
        ) from exc
