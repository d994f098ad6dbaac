"""PDF: ruled tables as positional rows, other text as lines, both in reading order page by page."""

from __future__ import annotations

import io
from typing import Any

from ..model import ReadingError
from .pdf_bounds import install


def rows_from_pdf(data: bytes) -> list[list[str]]:
    import pdfplumber

    install()
    rows: list[list[str]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                rows.extend(_page_rows(page))
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
