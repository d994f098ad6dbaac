"""Word .docx: body paragraphs and table rows in document order, with checkbox content controls as ticks."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import Any

from lxml import etree

from .. import limits
from ..model import ReadingError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
TICKED = "☒"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def rows_from_docx(zf: zipfile.ZipFile) -> list[list[str]]:
    """Read word/document.xml with plain lxml (python-docx's element classes make walking it 3x slower)."""
    try:
        root = etree.fromstring(zf.read("word/document.xml"), parser=_PARSER)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise ReadingError(
            "corrupt",
            "The Word file is damaged (its main text could not be read). "
            "Open it in Word, save it again and upload the new copy.",
        ) from exc
    body = root.find(f"{W}body")
    if root.tag != f"{W}document" or body is None:
        raise ReadingError(
            "corrupt",
            "The Word file is damaged (it has no document body). "
            "Open it in Word, save it again and upload the new copy.",
        )
    rows: list[list[str]] = []
    _block(body, rows)
    return rows


_P, _T, _TR, _TC = f"{W}p", f"{W}t", f"{W}tr", f"{W}tc"
_TAB, _BR, _CR, _BOX14, _BOX = f"{W}tab", f"{W}br", f"{W}cr", f"{W14}checkbox", f"{W}checkBox"
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"})


def _outer(element: Any) -> Any:
    """The nearest ancestor that is not a content-control wrapper."""
    parent = element.getparent()
    while parent is not None and parent.tag in _WRAPPERS:
        parent = parent.getparent()
    return parent


class _BodyReader:
    """One pass over the body in document order (lxml's C iterator; far cheaper than a walk per cell).

    A body paragraph is a one-cell row, a top-level table row a row of cells. Nested tables, text boxes and
    paragraphs inside a cell add to that cell's text, paragraphs on their own lines.
    """

    def __init__(self, body: Any) -> None:
        self.body = body
        self.rows: list[list[str]] = []
        self.cells: list[str] = []
        self.buffer: list[str] = []
        self.mode = ""  # "", "para", "row" (row open, no cell yet) or "cell"
        self.span = 1
        self.skip: set[Any] = set()

    def _close_cell(self) -> None:
        self.cells.append("".join(self.buffer).strip())
        self.cells.extend([""] * (self.span - 1))
        self.buffer, self.span = [], 1

    def _flush(self) -> None:
        if self.mode:
            limits.spend("rows")
        if self.mode == "para":
            self.rows.append(["".join(self.buffer).strip()])
        elif self.mode in ("row", "cell"):
            if self.mode == "cell":
                self._close_cell()
            self.rows.append(self.cells)
        self.mode, self.buffer, self.cells = "", [], []

    def read(self) -> list[list[str]]:
        on_tag: dict[str, Callable[[Any], None]] = {
            _P: self._paragraph,
            _TC: self._table_cell,
            _TR: self._table_row,
            _TAB: self._tab,
            _BR: self._line_break,
            _CR: self._line_break,
            _BOX14: self._tick,
            _BOX: self._tick,
        }
        for node in self.body.iter(_P, _T, _TR, _TC, _TAB, _BR, _CR, _BOX14, _BOX):
            if node.tag == _T:  # the commonest element by far: handled inline
                if node not in self.skip:
                    self.buffer.append(node.text or "")
            else:
                on_tag[node.tag](node)
        self._flush()
        return self.rows

    def _paragraph(self, node: Any) -> None:
        if _outer(node) is self.body:
            self._flush()
            self.mode = "para"
        elif self.buffer:
            self.buffer.append("\n")

    def _table_cell(self, node: Any) -> None:
        width = node.find(f"{W}tcPr/{W}gridSpan")
        span = 1 if width is None else _count(width, "column span (gridSpan)", 1)
        limits.spend("cells", span)  # every cell, nested ones too, before any is kept
        if self.mode in ("row", "cell") and _outer(_outer(_outer(node))) is self.body:
            if self.mode == "cell":
                self._close_cell()
            self.mode, self.buffer = "cell", []
            self.span = span

    def _table_row(self, node: Any) -> None:
        if _outer(_outer(node)) is self.body:
            self._flush()
            self.mode = "row"
            before = node.find(f"{W}trPr/{W}gridBefore")
            if before is not None:
                skipped = _count(before, "columns skipped before a row (gridBefore)", 0)
                limits.spend("cells", skipped)
                self.cells.extend([""] * skipped)

    def _tab(self, node: Any) -> None:
        self.buffer.append(" ")

    def _line_break(self, node: Any) -> None:
        self.buffer.append("\n")

    def _tick(self, node: Any) -> None:
        self.buffer.append(self._checkbox(node))

    def _checkbox(self, node: Any) -> str:
        if node.tag == _BOX14:
            # Word content-control checkbox: read w14:checked, not the glyph the control displays.
            checked = node.find(f"{W14}checked")
            sdt = node.getparent().getparent()
            self.skip.update(sdt.iter(_T))
            return f" {TICKED} " if checked is not None and checked.get(f"{W14}val", "0") in _ON else ""
        state = node.find(f"{W}checked")  # legacy form-field checkbox (w:ffData/w:checkBox)
        if state is None:
            state = node.find(f"{W}default")
        return f" {TICKED} " if state is not None and state.get(f"{W}val", "1") in _ON else ""


_ON = frozenset({"1", "true", "on"})


def _count(node: Any, attribute: str, default: int) -> int:
    return limits.count(node.get(f"{W}val"), attribute, default=default, most=limits.limit("span"))


def _block(body: Any, rows: list[list[str]]) -> None:
    rows.extend(_BodyReader(body).read())
