"""A corpus of bad files, generated here: each fails with one ReadingError saying what to fix,
or (for odd but harmless input) reads safely."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter

from concordat.imports.reading import Questionnaire, ReadingError, read_document, safety
from concordat.synthetic.documents import write_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(members: dict[str, bytes], *, encrypted_flag: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    data = bytearray(buffer.getvalue())
    if encrypted_flag:  # zipfile cannot write encrypted members: set the 'encrypted' flag bit by hand
        data[6] |= 1
        central = data.rfind(b"PK\x01\x02")
        data[central + 8] |= 1
    return bytes(data)


def _pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _wrong_docx(tmp: Path) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate(table.rows):
        row.cells[0].text = f"{i + 1}.1 How many staff attended the annual fire drill?"
        row.cells[1].text = "Twelve."
    document.save(str(tmp / "wrong.docx"))
    return (tmp / "wrong.docx").read_bytes()


def _real_docx(tmp: Path, reading: object, questionnaire: Questionnaire) -> bytes:
    path = write_docx(reading, questionnaire, tmp / "real.docx")  # type: ignore[arg-type]  # the fixture's reading, typed object here
    return path.read_bytes()


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololololololol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">'.encode() for i in range(1, 10)
    )
    + b']><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    b"<text:p>&lol9;</text:p></office:text></office:body></office:document-content>"
)

Builder = Callable[[Path, object, Questionnaire], tuple[bytes, str]]

# (id, builder -> (bytes, filename), expected code, words the message must contain)
BAD_FILES: list[tuple[str, Builder, str, str]] = [
    ("empty file", lambda t, r, q: (b"", "return.docx"), "empty", "empty"),
    ("only whitespace", lambda t, r, q: (b"  \r\n\t \n", "return.txt"), "empty", "no text"),
    (
        "too large",
        lambda t, r, q: (b"a" * (safety.MAX_BYTES + 1), "return.txt"),
        "too_large",
        "limit is 20 MB",
    ),
    ("corrupt zip", lambda t, r, q: (b"PK\x03\x04" + os.urandom(4000), "return.docx"), "corrupt", "damaged"),
    ("truncated docx", lambda t, r, q: (_real_docx(t, r, q)[:9000], "return.docx"), "corrupt", "damaged"),
    (
        "zip bomb (ratio)",
        lambda t, r, q: (_zip({"word/document.xml": b"\0" * (60 << 20)}), "bomb.docx"),
        "too_large",
        "cannot be opened safely",
    ),
    (
        "zip bomb (parts)",
        lambda t, r, q: (_zip({f"p/{i}.xml": b"" for i in range(1500)}), "many.xlsx"),
        "too_large",
        "1500 parts",
    ),
    (
        "encrypted docx (OLE container)",
        lambda t, r, q: (
            OLE + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500,
            "secret.docx",
        ),
        "encrypted",
        "password-protected",
    ),
    (
        "encrypted zip member",
        lambda t, r, q: (_zip({"word/document.xml": b"<x/>"}, encrypted_flag=True), "e.docx"),
        "encrypted",
        "password",
    ),
    ("encrypted pdf", lambda t, r, q: (_pdf(password="s3cret"), "secret.pdf"), "encrypted", "password"),
    ("truncated pdf", lambda t, r, q: (_pdf(3)[:-300], "cut.pdf"), "corrupt", "incomplete"),
    ("too many pdf pages", lambda t, r, q: (_pdf(safety.MAX_PDF_PAGES + 1), "long.pdf"), "too_long", "pages"),
    ("blank pdf", lambda t, r, q: (_pdf(1), "blank.pdf"), "wrong_questionnaire", "0 of the 61"),
    (
        "wrong template docx",
        lambda t, r, q: (_wrong_docx(t), "other.docx"),
        "wrong_questionnaire",
        "questions",
    ),
    (
        "wrong template text",
        lambda t, r, q: (b"Minutes of the meeting\tApologies\n1. Welcome\n", "m.txt"),
        "wrong_questionnaire",
        "61 questions",
    ),
    ("macro-enabled name", lambda t, r, q: (_real_docx(t, r, q), "return.docm"), "macros", "macros"),
    (
        "macro-enabled content",
        lambda t, r, q: (_zip({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"\0" * 64}), "return.xlsx"),
        "macros",
        "macros",
    ),
    (
        "zip but not a document",
        lambda t, r, q: (_zip({"notes.txt": b"hello"}), "return.docx"),
        "unsupported",
        "not a document",
    ),
    ("binary garbage", lambda t, r, q: (bytes(range(256)) * 40, "return.txt"), "unsupported", "neither text"),
    ("unknown OLE file", lambda t, r, q: (OLE + b"\0" * 1024, "return.bin"), "unsupported", "old Microsoft"),
    (
        "corrupt xlsx parts",
        lambda t, r, q: (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"not xml"}), "r.xlsx"),
        "corrupt",
        "damaged",
    ),
    (
        "odt with entity bomb",
        lambda t, r, q: (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": _LAUGHS}),
            "lol.odt",
        ),
        "corrupt",
        "damaged",
    ),
    (
        "odt without content",
        lambda t, r, q: (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "styles.xml": b"<x/>"}),
            "r.odt",
        ),
        "corrupt",
        "damaged",
    ),
]


@pytest.mark.parametrize(
    ("builder", "code", "words"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_bad_file_gets_one_clear_error(
    tmp_path: Path,
    text_reading: object,
    questionnaire: Questionnaire,
    builder: Builder,
    code: str,
    words: str,
) -> None:
    data, filename = builder(tmp_path, text_reading, questionnaire)
    with pytest.raises(ReadingError) as err:
        read_document(data, filename, questionnaire)
    assert err.value.code == code
    assert words in err.value.message
    assert err.value.message.endswith((".", ")")) and len(err.value.message) > 40


def test_corpus_has_at_least_twenty_bad_files() -> None:
    assert len(BAD_FILES) >= 20


def test_too_large_file_on_disk_is_refused_before_reading(
    tmp_path: Path, questionnaire: Questionnaire
) -> None:
    path = tmp_path / "huge.docx"
    with open(path, "wb") as fh:
        fh.truncate(safety.MAX_BYTES + 1)
    with pytest.raises(ReadingError) as err:
        read_document(path, questionnaire=questionnaire)
    assert err.value.code == "too_large"


def test_missing_file_is_a_reading_error(tmp_path: Path, questionnaire: Questionnaire) -> None:
    with pytest.raises(ReadingError) as err:
        read_document(tmp_path / "nope.docx", questionnaire=questionnaire)
    assert err.value.code == "unreadable"


# Inputs that are odd but readable: the reading is safe and complete.


def test_mixed_encodings_read_with_a_warning(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    data = seed_bytes.replace(
        b"Yes; we are keeping them informed", "Yes; we are keeping them informed (£0 cost)".encode("cp1252")
    )
    reading = read_document(data, "return.txt", questionnaire)
    assert reading.found_count == 61
    assert "(£0 cost)" in reading.questions["1.5"].evidence
    assert "Yes \u2013 all reviews" in reading.questions["4.9"].evidence  # the UTF-8 lines stay UTF-8
    assert any(w.code == "mixed_encoding" for w in reading.warnings)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "cp1252"])
def test_text_encodings(seed_bytes: bytes, questionnaire: Questionnaire, encoding: str) -> None:
    text = seed_bytes.decode("utf-8")
    if encoding == "cp1252":
        text = text.encode("cp1252", errors="replace").decode("cp1252")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    reading = read_document(data, "return.txt", questionnaire)
    assert reading.found_count == 61
    assert reading.completed_by["name"] == "Amanda Dade"


def test_scripts_and_html_in_text_are_kept_as_plain_text(
    seed_bytes: bytes, questionnaire: Questionnaire
) -> None:
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)> {{ 7*7 }} ${7*7}"
    data = seed_bytes.replace(
        b"Yes; we have key partners on board", f"Yes; {payload} we have key partners on board".encode()
    )
    reading = read_document(data, "return.txt", questionnaire)
    q = reading.questions["1.2"]
    assert payload in q.evidence
    assert q.status == "yes"
    for value in reading.to_json_dict()["questions"]["1.2"].values():
        assert isinstance(value, str | bool | float | list)


def test_control_characters_are_dropped(seed_bytes: bytes, questionnaire: Questionnaire) -> None:
    data = seed_bytes.replace(b"Yes; we are keeping", b"Yes;\x07\x1b[31m we are keeping")
    reading = read_document(data, "return.txt", questionnaire)
    assert "\x07" not in reading.questions["1.5"].evidence and "\x1b" not in reading.questions["1.5"].evidence


def test_document_named_with_the_wrong_extension_is_read_by_content(
    tmp_path: Path, text_reading: object, questionnaire: Questionnaire
) -> None:
    reading = read_document(_real_docx(tmp_path, text_reading, questionnaire), "return.pdf", questionnaire)
    assert reading.source_format == "docx" and reading.found_count == 61
