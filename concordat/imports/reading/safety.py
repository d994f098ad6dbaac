"""Limits and sniffing: what kind of file this is, and refusing the ones we must not open.

Everything here runs before a third-party parser sees the bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

from . import limits
from .limits import Limits
from .model import ReadingError

MAX_BYTES = 20 * 1024 * 1024  # 20 MB upload
# The budgets a document is read within are in limits.py (settings.DOCUMENT_LIMITS overrides them).
MAX_PDF_PAGES = Limits().pages
MAX_ZIP_MEMBERS = 1000
MAX_COMPRESSION_RATIO = 200  # for members over 1 MB; real Word/Excel XML compresses 5-30 times
MAX_ROWS = Limits().rows
MIN_MATCHED_FRACTION = 0.1  # fewer questions than this found: not this form at all (else a partial reading)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
SAVE_AS = (
    "Save it as a Word document (.docx), an Excel workbook (.xlsx), "
    "an OpenDocument file (.odt or .ods) or a PDF"
)


def check_size(size: int) -> None:
    if size == 0:
        raise ReadingError("empty", "The file is empty. Upload the completed stocktake form again.")
    if size > MAX_BYTES:
        raise ReadingError(
            "too_large",
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB. Remove large pictures or attach evidence separately.",
        )


def sniff(data: bytes, filename: str = "") -> tuple[str, zipfile.ZipFile | None]:
    """Return the kind from the content itself ('docx', 'xlsx', 'odt', 'ods', 'pdf', 'doc', 'xls', 'rtf' or
    'text') and, for zip-based formats, the already size-checked zip."""
    check_size(len(data))
    name = filename.lower()
    if name.endswith((".docm", ".xlsm", ".dotm", ".xltm")):
        raise _macros()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf", None
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        zf = open_zip(data)
        return _sniff_zip(zf), zf
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise _encrypted()
        if _WORD_STREAM in data or name.endswith(".doc"):
            return "doc", None
        if any(s in data for s in _EXCEL_STREAMS) or name.endswith(".xls"):
            return "xls", None
        raise ReadingError("unsupported", f"This is an old Microsoft Office file we cannot read. {SAVE_AS}.")
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf", None
    if data.startswith(b"PK"):
        raise _corrupt()
    return "text", None


def _sniff_zip(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _macros()
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise _encrypted()
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        kind = _MIMETYPES.get(zf.read("mimetype").decode("ascii", "replace").strip())
        if kind:
            return kind
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "odt"
    raise ReadingError("unsupported", f"This is a zip file but not a document we can read. {SAVE_AS}.")


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open a zip-based document only after checking its declared and actual sizes (zip bombs)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise _corrupt() from exc
    _check_declared(infos)
    try:
        _check_actual(zf, infos)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise _corrupt() from exc
    return zf


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse on what the zip's directory says: no parts, too many, encrypted, too big or too compressed."""
    if not infos:
        raise _corrupt()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _bomb(f"it holds {len(infos)} parts")
    if any(i.flag_bits & 0x1 for i in infos):
        raise _encrypted()
    declared = sum(i.file_size for i in infos)
    if declared > limits.limit("unzipped_mb") * 1024 * 1024:
        raise limits.over("unzipped_mb", limits.limit("unzipped_mb"))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb("one part is compressed suspiciously tightly")


def _check_actual(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Unpack every part without keeping it, counting the bytes: declared sizes can lie."""
    for info in infos:
        with zf.open(info) as member:
            while chunk := member.read(1 << 16):
                limits.spend("unzipped_mb", len(chunk))


def check_pdf(data: bytes) -> int:
    """Refuse encrypted, truncated or very long PDFs; return the page count."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%%EOF" not in data[-4096:]:
        raise _corrupt()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _encrypted()
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise _corrupt() from exc
    if pages == 0:
        raise ReadingError("empty", "The PDF has no pages. Upload the completed stocktake form again.")
    if pages > limits.limit("pages"):
        raise ReadingError(
            "too_long",
            f"The PDF has {pages} pages; the limit is {limits.limit('pages')}. "
            "Upload only the completed stocktake form.",
        )
    return pages


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, bool]:
    """Decode text: BOMs first, then UTF-8, falling back line by line to Windows-1252.

    Returns the text and whether any line needed the fallback (mixed encodings).
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(codec, errors="replace")), False
    sample = data[:2000]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 3:
        codec = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _checked(data.decode(codec, errors="replace")), False
    try:
        return _checked(data.decode("utf-8")), False
    except UnicodeDecodeError:
        pass
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return _checked("\n".join(lines)), True


def _checked(text: str) -> str:
    if not text.strip():
        raise ReadingError("empty", "The file has no text in it. Upload the completed stocktake form again.")
    if len(_CONTROL.findall(text[:20000])) > max(20, len(text[:20000]) // 100):
        raise ReadingError("unsupported", f"This file is neither text nor a document we can read. {SAVE_AS}.")
    return text


def _corrupt() -> ReadingError:
    return ReadingError(
        "corrupt",
        "The file is damaged or incomplete, so it cannot be read. Open it on your computer "
        "to check it, save it again and upload the new copy.",
    )


def _encrypted() -> ReadingError:
    return ReadingError(
        "encrypted",
        "The file is password-protected. Remove the password (in Word: File > Info > "
        "Protect Document > Encrypt with Password, clear it), save, and upload it again.",
    )


def _macros() -> ReadingError:
    return ReadingError(
        "macros",
        "Files with macros (.docm, .xlsm) are not accepted. "
        "Save it as a plain .docx or .xlsx without macros and upload that.",
    )


def _bomb(why: str) -> ReadingError:
    return ReadingError(
        "too_large",
        f"The file cannot be opened safely: {why}. Save the form again as a normal document and upload that.",
    )
