"""Checks on evidence files before they are stored: type by content as well as by name, and size."""

import hashlib
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath, PureWindowsPath

from django.core.files.uploadedfile import UploadedFile

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_LABEL = "10 MB"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Extension → (content type, how the content must begin or what it must contain).
ALLOWED = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
ALLOWED_LABEL = (
    "PDF, Word (DOC, DOCX), Excel (XLS, XLSX), OpenDocument (ODT, ODS, ODP) or an image (PNG, JPEG, GIF)"
)


class UploadRejected(ValueError):
    """The file cannot be accepted; the message says what to do."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def clean_filename(name: str) -> str:
    """The last path component, without control characters, at most 255 characters."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "attachment"
    return base[-255:]


def _zip_members(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return set(zf.namelist())
    except zipfile.BadZipFile:
        return set()


def _content_matches(ext: str, data: bytes) -> bool:
    if ext == ".pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    if ext in (".doc", ".xls"):
        return data.startswith(OLE_MAGIC)
    if ext in (".docx", ".xlsx"):
        members = _zip_members(data) if data.startswith(b"PK") else set()
        return "[Content_Types].xml" in members and any(
            m.startswith("word/" if ext == ".docx" else "xl/") for m in members
        )
    if ext in (".odt", ".ods", ".odp"):
        members = _zip_members(data) if data.startswith(b"PK") else set()
        return "mimetype" in members and data[30:38] == b"mimetype" and ALLOWED[ext].encode() in data[38:120]
    if ext == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if ext == ".gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    return False


def check_upload(upload: "UploadedFile[bytes]") -> CheckedUpload:
    name = clean_filename(upload.name or "")
    ext = PurePosixPath(name.lower()).suffix
    if ext not in ALLOWED:
        raise UploadRejected(f"The selected file must be a {ALLOWED_LABEL}.")
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise UploadRejected(f"The selected file must be smaller than {MAX_ATTACHMENT_LABEL}.")
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise UploadRejected(f"The selected file must be smaller than {MAX_ATTACHMENT_LABEL}.")
    if not data:
        raise UploadRejected("The selected file is empty.")
    if not _content_matches(ext, data):
        raise UploadRejected(
            f"The selected file is not a real {ext[1:].upper()} file. Check it opens, then save it again "
            "in the right format."
        )
    return CheckedUpload(name, ALLOWED[ext], len(data), hashlib.sha256(data).hexdigest(), data)
