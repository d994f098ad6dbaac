"""The form as a Word .docx: a table like the 2013 form's, ticks as checkbox content controls (w14)."""

from __future__ import annotations

import io
from typing import Any

from .layout import COMPLETED_BY, SIGN_OFF_HEADING, Cell, Form

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def checkbox_xml(ticked: bool) -> str:
    """A Word checkbox content control: the reader reads w14:checked, the glyph is only what Word shows."""
    glyph, state = ("☒", "1") if ticked else ("☐", "0")
    return (
        f'<w:sdt xmlns:w="{_W}" xmlns:w14="{_W14}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{state}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def add_checkbox(paragraph: Any, ticked: bool) -> None:
    """Append a checkbox control to a python-docx paragraph."""
    from docx.oxml import parse_xml

    paragraph._p.append(parse_xml(checkbox_xml(ticked)))


def _fill(cell: Any, content: Cell) -> None:
    """One paragraph per line, the checkbox in the first paragraph of its own."""
    texts = list(content.paragraphs)
    first = cell.paragraphs[0]
    if content.checkbox is not None:
        add_checkbox(first, content.checkbox)
    elif texts:
        first.text = texts.pop(0)
    for text in texts:
        cell.add_paragraph(text)


def write_docx(form: Form) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(form.title)
    if form.heading:
        document.add_paragraph(form.heading)
    table = document.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    for row in form.rows:
        for cell, content in zip(table.add_row().cells, row.cells, strict=True):
            _fill(cell, content)
    document.add_paragraph(COMPLETED_BY)
    completed = document.add_table(rows=0, cols=2)
    completed.style = "Table Grid"
    for label, value in form.completed_by:
        cells = completed.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("Signed by:")
    sign_off = document.add_table(rows=1, cols=4)
    sign_off.style = "Table Grid"
    for cell, text in zip(sign_off.rows[0].cells, SIGN_OFF_HEADING, strict=True):
        cell.text = text
    for label, name, position, signed in form.sign_off:
        cells = sign_off.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, name, position
        add_checkbox(cells[3].paragraphs[0], signed)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
