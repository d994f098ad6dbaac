"""OpenDocument form checkboxes are read from their state (form:current-state), not from any glyph; a cell's
paragraphs and line breaks are kept, as written."""

from __future__ import annotations

import io
import zipfile
from html import escape

from concordat.imports.reading import Questionnaire, read_document

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)


def _cell(*paragraphs: str) -> str:
    return "<table:table-cell>" + "".join(f"<text:p>{p}</text:p>" for p in paragraphs) + "</table:table-cell>"


def _odt(questionnaire: Questionnaire, ticked: set[str], unticked: set[str]) -> bytes:
    boxes, rows = [], []
    for i, question in enumerate(questionnaire.questions):
        control = ""
        if question.number in ticked | unticked:
            state = "checked" if question.number in ticked else "unchecked"
            boxes.append(f'<form:checkbox form:id="c{i}" form:current-state="{state}"/>')
            control = f'<draw:control draw:control="c{i}"/>'
        evidence = _cell("Yes. The first paragraph.", "A second paragraph.<text:line-break/>Its next line.")
        rows.append(
            f"<table:table-row>{_cell(escape(f'{question.number} {question.text}'))}{evidence}"
            f"{_cell(control)}{_cell()}</table:table-row>"
        )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:text>'
        f"<office:forms><form:form>{''.join(boxes)}</form:form></office:forms>"
        f"<table:table>{''.join(rows)}</table:table></office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
    return buffer.getvalue()


def test_checkbox_state_decides_the_tick_and_paragraph_breaks_are_kept(questionnaire: Questionnaire) -> None:
    reading = read_document(_odt(questionnaire, {"1.1", "2.3"}, {"1.2"}), "return.odt", questionnaire)
    assert reading.source_format == "odt" and reading.found_count == 61
    assert reading.questions["1.1"].good_practice and reading.questions["2.3"].good_practice
    assert not reading.questions["1.2"].good_practice and not reading.questions["1.3"].good_practice
    assert (
        reading.questions["1.1"].evidence == "Yes. The first paragraph.\nA second paragraph.\nIts next line."
    )
