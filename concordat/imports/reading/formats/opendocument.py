"""OpenDocument .odt and .ods: paragraphs and table rows from content.xml, with a locked-down XML parser."""

from __future__ import annotations

import zipfile
from contextvars import ContextVar
from typing import Any

from lxml import etree

from .. import limits
from ..model import ReadingError
from .spreadsheet import drop_empty_leading_columns

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
FORM = "{urn:oasis:names:tc:opendocument:xmlns:form:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TICKED = "\u2612"  # the ballot box with X, as the Word reader gives a ticked checkbox control
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_ROW_CONTAINERS = {f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"}
_BLOCK_CONTAINERS = {
    f"{TEXT}section",
    f"{TEXT}list",
    f"{TEXT}list-item",
    f"{TEXT}list-header",
    f"{OFFICE}text",
    f"{OFFICE}spreadsheet",
    f"{TEXT}index-body",
}


def rows_from_odf(zf: zipfile.ZipFile) -> list[list[str]]:
    try:
        root = etree.fromstring(zf.read("content.xml"), parser=_PARSER)
    except (KeyError, etree.XMLSyntaxError) as exc:
        raise ReadingError(
            "corrupt",
            "The OpenDocument file is damaged (its content could not be read). "
            "Open it, save it again and upload the new copy.",
        ) from exc
    body = root.find(f"{OFFICE}body")
    rows: list[list[str]] = []
    if body is not None:
        token = _CHECKED.set(_ticked_controls(root))
        try:
            _block(body, rows)
        finally:
            _CHECKED.reset(token)
    return drop_empty_leading_columns(rows)


# The ids of the form checkboxes ticked in the document being read (per thread and task).
_CHECKED: ContextVar[frozenset[str]] = ContextVar("odf_checked", default=frozenset())


def _ticked_controls(root: Any) -> frozenset[str]:
    """Form checkboxes (office:forms) whose state is checked: read from the control, not from a glyph."""
    ticked: set[str] = set()
    for box in root.iter(f"{FORM}checkbox"):
        state = box.get(f"{FORM}current-state") or box.get(f"{FORM}state") or ""
        if state == "checked":
            ticked.update(i for i in (box.get(f"{FORM}id"), box.get(XML_ID)) if i)
    return frozenset(ticked)


def _block(parent: Any, rows: list[list[str]]) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (f"{TEXT}p", f"{TEXT}h"):
            limits.spend("rows")
            rows.append([_text(child)])
        elif tag == f"{TABLE}table":
            _table(child, rows)
        elif tag in _BLOCK_CONTAINERS or tag == f"{OFFICE}body":
            _block(child, rows)


def _table(table: Any, rows: list[list[str]]) -> None:
    for child in table.iterchildren():
        if child.tag in _ROW_CONTAINERS:
            _table(child, rows)
        elif child.tag == f"{TABLE}table-row":
            _row(child, rows)


def _row(row: Any, rows: list[list[str]]) -> None:
    """One table row. Empty cells and rows repeated to the sheet's edge (16,384 columns, a million rows)
    are how spreadsheets say "nothing more": kept short. A filled cell or row repeated past the limits is
    refused."""
    cells: list[str] = []
    for cell in row.iterchildren(f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
        text = "\n".join(_text(p) for p in cell.iter(f"{TEXT}p", f"{TEXT}h"))
        given = cell.get(f"{TABLE}number-columns-repeated")
        repeat = limits.count(
            given, "columns repeated", default=1, most=limits.limit("span") if text else None
        )
        kept = repeat if text else min(repeat, 8)
        limits.spend("cells", kept)
        cells.extend([text] * kept)
    while cells and not cells[-1]:
        cells.pop()
    filled = any(cells)
    given = row.get(f"{TABLE}number-rows-repeated")
    repeat = limits.count(given, "rows repeated", default=1, most=limits.limit("repeat") if filled else None)
    kept = min(repeat, 16) if filled else 1
    limits.spend("rows", kept)
    limits.spend("cells", len(cells) * (kept - 1))
    rows.extend([cells] * kept)


def _text(element: Any) -> str:
    out: list[str] = [element.text or ""]
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{TEXT}s":
            out.append(" " * min(limits.count(child.get(f"{TEXT}c"), "number of spaces", default=1), 8))
        elif tag == f"{TEXT}tab":
            out.append(" ")
        elif tag == f"{TEXT}line-break":
            out.append("\n")  # a line break inside a paragraph is the writer's: kept, as a paragraph's is
        elif tag in (f"{OFFICE}annotation", f"{TEXT}note", f"{OFFICE}annotation-end"):
            pass
        elif tag == f"{DRAW}control":
            out.append(f" {TICKED} " if child.get(f"{DRAW}control") in _CHECKED.get() else "")
        elif isinstance(tag, str):
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)
