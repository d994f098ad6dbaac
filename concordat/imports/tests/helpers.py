"""Bad and awkward documents for the safety tests, made on the fly."""

from __future__ import annotations

import io
import zipfile

from tests.seeds import require

from .conftest import SEED

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def seed_text() -> bytes:
    return require(SEED).read_bytes()


def with_script() -> bytes:
    """The seed with markup in an answer and in the text a reader might see."""
    return seed_text().replace(
        b"Yes; we have developed", b"Yes; <script>alert('owned')</script> we have <b>developed</b>", 1
    )


def password_protected_docx() -> bytes:
    return OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512


def corrupt_docx() -> bytes:
    return b"PK\x03\x04" + b"\x13\x37" * 200


def wrong_questionnaire() -> bytes:
    lines = [f"{i}.1 How many staff attended the annual fire drill?\tTwelve." for i in range(1, 12)]
    return "\n".join(lines).encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()
