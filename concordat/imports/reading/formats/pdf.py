"""PDF: ruled tables as positional rows, other text as lines, both in reading order page by page.

A page with no text layer (a scan) is read by OCR (``pdf_ocr.py``) into rows of the same shape."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..model import ReadingError
from .pdf_bounds import install


@dataclass
class PdfRows:
    rows: list[list[str]]
    ocr_rows: frozenset[int] = frozenset()  # the indices of the rows read by OCR
    ocr_seconds: dict[int, float] = field(default_factory=dict)  # each scanned page's OCR time


def rows_from_pdf(data: bytes) -> list[list[str]]:
    return read_pdf(data).rows


def read_pdf(data: bytes) -> PdfRows:
    """The PDF's rows; scanned pages are read by OCR after the text pages, then put back in page order."""
    pages = _text_pages(data)
    scanned = [n for n, rows in enumerate(pages, 1) if rows is None]
    if not scanned:
        return PdfRows([row for rows in pages if rows for row in rows])
    from .pdf_ocr import ocr_pages

    read = ocr_pages(data, scanned)
    out: list[list[str]] = []
    ocr_rows: set[int] = set()
    for n, rows in enumerate(pages, 1):
        if rows is None:
            ocr_rows.update(range(len(out), len(out) + len(read[n].rows)))
            rows = read[n].rows
        out.extend(rows)
    return PdfRows(out, frozenset(ocr_rows), {n: page.seconds for n, page in read.items()})


def _text_pages(data: bytes) -> list[list[list[str]] | None]:
    """Each page's rows, or None for a scanned page: images and no text layer."""
    import pdfplumber

    install()
    rows: list[list[list[str]] | None] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                rows.append(_page_rows(page) if page.chars or not page.images else None)
                page.close()
    except ReadingError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        if (budget := _budget_error(exc)) is not None:  # pdfplumber wraps what pdfminer raised
            raise budget from exc
        raise ReadingError(
            "corrupt",
            "The PDF is damaged and cannot be read. Save or print it to PDF again, "
            "or upload the Word version of the form.",
        ) from exc
    return rows


def _page_rows(page: Any) -> list[list[str]]:
    tables = page.find_tables()
    items: list[tuple[float, int, list[list[str]]]] = []
    boxes = [t.bbox for t in tables]
    for n, table in enumerate(tables):
        # Line breaks inside a PDF cell are wrapping; in the tick/attachment columns they carry no meaning.
        rows = [
            [(c or "") if i < 2 else (c or "").replace("\n", " ") for i, c in enumerate(row)]
            for row in table.extract()
        ]
        items.append((table.bbox[1], n, rows))

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    free = page.filter(outside) if boxes else page
    for line in free.extract_text_lines(return_chars=False):
        items.append((line["top"], 10_000, [[line["text"]]]))
    items.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, rows in items for row in rows]


def _budget_error(exc: BaseException) -> ReadingError | None:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None or isinstance(seen, ReadingError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
