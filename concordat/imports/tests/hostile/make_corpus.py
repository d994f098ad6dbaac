"""The hostile-document corpus: small files built to exhaust or crash a document reader (issue 11).

Run ``python -m concordat.imports.tests.hostile.make_corpus FOLDER`` to write them; the tests call
``build(folder)``. Every file is generated here, none is committed: span and repeat bombs, zip and stream
inflation bombs, glyph and drawing floods, deep nesting, malformed and huge numbers, page-tree loops, XXE
and entity expansion, huge attributes, truncated files and wrong extensions. Sizes are chosen to break the
low limits the tests set (``HOSTILE_LIMITS``) and, for the bombs, the default limits as well.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
# The limits the corpus tests read with: low, so that every file trips one quickly.
HOSTILE_LIMITS = {
    "seconds": 20,
    "memory_mb": 700,
    "pages": 20,
    "rows": 2_000,
    "cells": 5_000,
    "span": 64,
    "repeat": 200,
    "characters": 1_000_000,
    "unzipped_mb": 20,
    "inflated_mb": 20,
    "glyphs": 15_000,
    "glyphs_per_page": 10_000,
    "drawings_per_page": 5_000,
}


def _zip(members: dict[str, bytes | str], *, level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def docx(body: str, prolog: str = "") -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document})


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def span_docx(value: str) -> bytes:
    cell = _cell("1.1 Is there a register?", f'<w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>')
    return docx(f"<w:tbl><w:tr>{cell}{_cell('Yes')}</w:tr></w:tbl>")


def _grid_before(value: str) -> bytes:
    return docx(f'<w:tbl><w:tr><w:trPr><w:gridBefore w:val="{value}"/></w:trPr>{_cell("1.1")}</w:tr></w:tbl>')


ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def odf(body: str, kind: str = "spreadsheet", prolog: str = "") -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODF_NS}>'
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    )
    return _zip({"mimetype": mimetype, "content.xml": content, "META-INF/manifest.xml": manifest})


def _ods_row(cells: str, row_attrs: str = "") -> bytes:
    return odf(f"<table:table><table:table-row {row_attrs}>{cells}</table:table-row></table:table>")


def _ods_cell(text: str, attrs: str = "") -> str:
    return f"<table:table-cell {attrs}><text:p>{text}</text:p></table:table-cell>"


def xlsx(sheet_xml: str, shared: str | None = None) -> bytes:
    """A workbook openpyxl opens, with ``sheet_xml`` as the first sheet's XML."""
    import openpyxl

    book = openpyxl.Workbook()
    book.worksheets[0]["A1"] = "1.1"
    raw = io.BytesIO()
    book.save(raw)
    members = {}
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        for info in zf.infolist():
            members[info.filename] = zf.read(info)
    members["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared.encode()
    return _zip(members)  # type: ignore[arg-type]


SHEET = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{rows}</sheetData></worksheet>'


class Pdf:
    """A minimal PDF writer: numbered objects, a correct cross-reference table, optional streams."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: bytes, *, compress: bool = True, extra: bytes = b"") -> int:
        if compress:
            data = zlib.compress(data, 9)
            extra += b" /Filter /FlateDecode"
        return self.add(b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def render(self, root: int, trailer: bytes = b"") -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(self.objects) + 1, root, trailer))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
        return out.getvalue()


def pdf_pages(contents: list[bytes], *, compress: bool = True, trailer: bytes = b"") -> bytes:
    """A PDF of one page per content stream, Helvetica as /F1. Objects: 1 catalog, 2 pages, 3 font."""
    doc = Pdf()
    doc.add(b"<< /Type /Catalog /Pages 2 0 R >>")
    doc.add(b"")  # the page tree, filled in below
    doc.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for content in contents:
        stream = doc.stream(content, compress=compress)
        kids.append(
            doc.add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                b" /Contents %d 0 R >>" % stream
            )
        )
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    doc.objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    return doc.render(1, trailer)


def _text_page(text: bytes) -> bytes:
    return b"BT /F1 1 Tf 10 700 Td (" + text + b") Tj ET"


def _stream_bomb(megabytes: int) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB of spaces (compressed in pieces)."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    doc = Pdf()
    doc.add(b"<< /Type /Catalog /Pages 2 0 R >>")
    doc.add(b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
    doc.add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    doc.add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>")
    return doc.render(1)


def _page_tree_loop() -> bytes:
    doc = Pdf()
    doc.add(b"<< /Type /Catalog /Pages 2 0 R >>")
    doc.add(b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>")  # the tree holds itself
    doc.add(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>")
    return doc.render(1)


def _deep(open_tag: str, close_tag: str, depth: int, inner: str = "") -> str:
    return open_tag * depth + inner + close_tag * depth


def _many_members() -> bytes:
    members: dict[str, bytes | str] = {
        "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    }
    members.update({f"word/media/{n}.bin": b"" for n in range(1500)})
    return _zip(members)


def _zip_bomb(name: str, megabytes: int) -> bytes:
    """A zip-based document with one member that inflates to ``megabytes`` MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
        with zf.open(name, "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


def _encrypted_flag(data: bytes) -> bytes:
    """The zip's "encrypted" flag bit set on every entry (local headers and central directory)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := raw.find(signature, start)) != -1:
            raw[found + offset] |= 0x1
            start = found + 4
    return bytes(raw)


XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)
HARMLESS = docx(_cell("1.1 harmless"))
# A filled cell repeated across 64 columns, the row 16 times: within every span, over the cell budget.
FLOOD_ROW = (
    '<table:table-row table:number-rows-repeated="16">'
    + _ods_cell("x", 'table:number-columns-repeated="64"')
    + "</table:table-row>"
)


def _cases() -> dict[str, Callable[[], bytes]]:
    rows = "".join(
        "<w:tr>" + "".join(_cell(str(r * 10 + c)) for c in range(10)) + "</w:tr>" for r in range(3000)
    )
    return {
        # Word: spans, malformed numbers, floods, nesting, XML attacks, zips
        "span-bomb.docx": lambda: span_docx("300000000"),
        "span-two.docx": lambda: span_docx("two"),
        "span-negative.docx": lambda: span_docx("-1"),
        "span-hundred-digits.docx": lambda: span_docx("9" * 100),
        "span-float.docx": lambda: span_docx("2.5"),
        "grid-before-bomb.docx": lambda: _grid_before("999999999"),
        "grid-before-many.docx": lambda: _grid_before("many"),
        "cell-flood.docx": lambda: docx(f"<w:tbl>{rows}</w:tbl>"),
        "paragraph-flood.docx": lambda: docx(
            "".join(f"<w:p><w:r><w:t>{n}</w:t></w:r></w:p>" for n in range(60_000))
        ),
        "nested-tables.docx": lambda: docx(
            _deep("<w:tbl><w:tr><w:tc>", "<w:p/></w:tc></w:tr></w:tbl>", 3000)
        ),
        "xxe.docx": lambda: docx("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", XXE),
        "billion-laughs.docx": lambda: docx("<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", LAUGHS),
        "huge-attribute.docx": lambda: docx(f'<w:p w:rsidR="{"A" * 12_000_000}"/>'),
        "huge-text-node.docx": lambda: docx(f"<w:p><w:r><w:t>{'a' * 12_000_000}</w:t></w:r></w:p>"),
        "zip-bomb.docx": lambda: _zip_bomb("word/media/image1.png", 120),
        "too-many-parts.docx": _many_members,
        "truncated.docx": lambda: span_docx("2")[:300],
        "no-body.docx": lambda: _zip({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'}),
        "not-xml.docx": lambda: _zip({"word/document.xml": "<<<this is not xml"}),
        "encrypted-flag.docx": lambda: _encrypted_flag(HARMLESS),
        "macros.docm": lambda: HARMLESS,
        # OpenDocument: repeat counts, spaces, nesting, XXE
        "columns-repeated-many.ods": lambda: _ods_row(
            _ods_cell("1.1", 'table:number-columns-repeated="many"')
        ),
        "columns-repeated-bomb.ods": lambda: _ods_row(
            _ods_cell("Yes", 'table:number-columns-repeated="300000000"')
        ),
        "rows-repeated-bomb.ods": lambda: _ods_row(
            _ods_cell("Yes"), 'table:number-rows-repeated="100000000"'
        ),
        "rows-repeated-lots.ods": lambda: _ods_row(_ods_cell("Yes"), 'table:number-rows-repeated="lots"'),
        "repeat-cell-flood.ods": lambda: odf(f"<table:table>{FLOOD_ROW * 400}</table:table>"),
        "spaces-ten.odt": lambda: odf('<text:p>1.1<text:s text:c="ten"/>Yes</text:p>', "text"),
        "nested-lists.odt": lambda: odf(
            _deep("<text:list><text:list-item>", "</text:list-item></text:list>", 3000, "<text:p>x</text:p>"),
            "text",
        ),
        "xxe.odt": lambda: odf(
            "<text:p>&xxe;</text:p>", "text", XXE.replace("w:document", "office:document-content")
        ),
        "truncated.odt": lambda: odf("<text:p>1.1</text:p>", "text")[:-60],
        # Excel: a sheet claiming the whole grid, floods, inflation, damage
        "whole-grid.xlsx": lambda: xlsx(
            SHEET.format(
                dim='<dimension ref="A1:XFD1048576"/>',
                rows='<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            )
        ),
        "cell-flood.xlsx": lambda: xlsx(
            SHEET.format(
                dim="",
                rows="".join(
                    f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
                    for r in range(1, 1200)
                ),
            )
        ),
        "shared-strings-bomb.xlsx": lambda: xlsx(
            SHEET.format(dim="", rows=""), shared=f'<sst xmlns="x"><si><t>{" " * 30_000_000}</t></si></sst>'
        ),
        "broken-sheet.xlsx": lambda: xlsx("<worksheet><sheetData><row r='x'><c r='??'>"),
        # PDF: inflation, glyph and drawing floods, page trees, damage
        "stream-bomb.pdf": lambda: _stream_bomb(150),
        "glyph-flood.pdf": lambda: pdf_pages([_text_page(b"a" * 100_000)]),
        "glyph-flood-pages.pdf": lambda: pdf_pages([_text_page(b"b" * 6_000)] * 8),
        "drawing-flood.pdf": lambda: pdf_pages([b"0 0 1 1 re S\n" * 60_000]),
        "page-tree-loop.pdf": _page_tree_loop,
        "too-many-pages.pdf": lambda: pdf_pages([_text_page(b"page")] * 200),
        "truncated.pdf": lambda: pdf_pages([_text_page(b"1.1 Yes")])[:-200],
        "bad-xref.pdf": lambda: (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nxref\ngarbage\n"
            b"trailer << /Root 9 0 R >>\nstartxref\n99999\n%%EOF\n"
        ),
        "encrypted.pdf": lambda: pdf_pages(
            [_text_page(b"1.1")], trailer=b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>"
        ),
        "deep-arrays.pdf": lambda: pdf_pages([b"[" * 20_000 + b"]" * 20_000], compress=True),
        # Text and the rest
        "line-flood.txt": lambda: b"x\n" * 100_000,
        "one-huge-line.txt": lambda: b"1.1 " + b"y" * 3_000_000,
        "binary.txt": lambda: bytes(range(256)) * 400,
        "picture-named.docx": lambda: b"\x89PNG\r\n\x1a\n" + b"\0\x01\x02\x03" * 500,
        "empty.docx": lambda: b"",
        "zip-of-nothing.docx": lambda: _zip({"readme.txt": "not a document"}),
    }


def build(folder: Path) -> dict[str, Path]:
    """Write every hostile file into ``folder``; returns name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, make in _cases().items():
        path = folder / name
        path.write_bytes(make())
        written[name] = path
    return written


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{path.stat().st_size:>10,}  {name}")
