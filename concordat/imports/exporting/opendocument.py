"""The form as an OpenDocument .odt: the 2013 table, ticks as form checkboxes (form:checkbox) in the cells.

Written as XML directly: each checkbox is a control in office:forms with its state (form:current-state), shown
in its cell by a draw:control, which is how LibreOffice saves one and what the reader reads.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from .layout import COMPLETED_BY, SIGN_OFF_HEADING, Cell, Form

MIMETYPE = "application/vnd.oasis.opendocument.text"
_NS = " ".join(
    f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{u}"'
    for p, u in (
        ("office", "office:1.0"),
        ("style", "style:1.0"),
        ("text", "text:1.0"),
        ("table", "table:1.0"),
        ("form", "form:1.0"),
        ("draw", "drawing:1.0"),
        ("fo", "xsl-fo-compatible:1.0"),
        ("svg", "svg-compatible:1.0"),
    )
)
# form:control-implementation names its component with the "ooo" prefix, so the prefix must be declared.
_NS += ' xmlns:ooo="http://openoffice.org/2004/office"'
_STYLES = (
    '<office:automatic-styles><style:style style:name="cell" style:family="table-cell">'
    '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>'
    '<style:style style:name="box" style:family="graphic"><style:graphic-properties '
    'style:vertical-pos="middle" style:vertical-rel="text"/></style:style></office:automatic-styles>'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


class _Writer:
    def __init__(self) -> None:
        self.controls: list[str] = []

    def checkbox(self, ticked: bool) -> str:
        """A form checkbox; returns the draw:control that shows it."""
        ident = f"box{len(self.controls) + 1}"
        state = "checked" if ticked else "unchecked"
        self.controls.append(
            f'<form:checkbox form:name="{ident}" form:id="{ident}" xml:id="{ident}" '
            f'form:control-implementation="ooo:com.sun.star.form.component.CheckBox" '
            f'form:current-state="{state}" form:state="{state}" form:image-position="center">'
            '<form:properties><form:property form:property-name="DefaultControl" office:value-type="string" '
            'office:string-value="com.sun.star.form.control.CheckBox"/></form:properties></form:checkbox>'
        )
        return (
            f'<draw:control draw:style-name="box" text:anchor-type="as-char" svg:width="0.45cm" '
            f'svg:height="0.45cm" draw:control="{ident}"/>'
        )

    def cell(self, content: Cell) -> str:
        texts = [escape(t) for t in content.paragraphs]
        if content.checkbox is not None:
            texts.insert(0, self.checkbox(content.checkbox))
        body = "".join(f"<text:p>{t}</text:p>" for t in texts) or "<text:p/>"
        return (
            f'<table:table-cell table:style-name="cell" office:value-type="string">{body}</table:table-cell>'
        )

    def table(self, name: str, columns: int, rows: list[list[Cell]]) -> str:
        out = [f"<table:table table:name={quoteattr(name)}>"]
        out.append(f'<table:table-column table:number-columns-repeated="{columns}"/>')
        for row in rows:
            out.append("<table:table-row>" + "".join(self.cell(c) for c in row) + "</table:table-row>")
        out.append("</table:table>")
        return "".join(out)


def _p(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def write_odt(form: Form) -> bytes:
    writer = _Writer()
    body = [_p(form.title)]
    if form.heading:
        body.append(_p(form.heading))
    body.append(writer.table("Questions", 5, [row.cells for row in form.rows]))
    body.append(_p(COMPLETED_BY))
    completed = [[Cell([label]), Cell([value] if value else [])] for label, value in form.completed_by]
    body.append(writer.table("Completed by", 2, completed))
    body.append(_p("Signed by:"))
    sign_off = [[Cell([h]) for h in SIGN_OFF_HEADING]]
    for label, name, position, signed in form.sign_off:
        sign_off.append([Cell([label]), Cell([name] if name else []), Cell([position] if position else [])])
        sign_off[-1].append(Cell(checkbox=signed))
    body.append(writer.table("Sign-off", 4, sign_off))
    forms = (
        '<office:forms form:automatic-focus="false" form:apply-design-mode="false"><form:form '
        'form:name="Standard" form:control-implementation="ooo:com.sun.star.form.component.Form">'
        f"{''.join(writer.controls)}</form:form></office:forms>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
        f"{_STYLES}<office:body><office:text>{forms}{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", MIMETYPE, compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", _MANIFEST)
    return out.getvalue()
