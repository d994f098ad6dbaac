"""Old formats (.doc, .xls, .rtf): converted with LibreOffice, in its own profile, with a time limit."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import ReadingError

TIMEOUT_SECONDS = 120
_TARGET = {"doc": "docx", "rtf": "docx", "xls": "xlsx"}
_NAMES = {
    "doc": "an old-style Word file (.doc)",
    "rtf": "a Rich Text file (.rtf)",
    "xls": "an old-style Excel file (.xls)",
}


def convert_legacy(data: bytes, kind: str) -> tuple[bytes, str]:
    """Return the bytes of the converted file and its kind ('docx' or 'xlsx')."""
    target = _TARGET[kind]
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ReadingError(
            "legacy_format",
            f"This is {_NAMES[kind]}, which we can only read after conversion. "
            f"Open it in Word, Excel or LibreOffice, choose File > Save As, pick .{target} and "
            "upload that copy.",
        )
    with tempfile.TemporaryDirectory(prefix="concordat-convert-") as tmp:
        source = Path(tmp) / f"return.{kind}"
        source.write_bytes(data)
        command = [
            exe,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            # Fixed argument list, no shell; LibreOffice does not run document macros when converting.
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise ReadingError(
                "corrupt",
                f"Converting {_NAMES[kind]} took too long. Save it as .{target} and upload that copy.",
            ) from exc
        result = Path(tmp) / f"return.{target}"
        if not result.exists() or result.stat().st_size == 0:
            raise ReadingError(
                "corrupt",
                f"This looks like {_NAMES[kind]} but it could not be converted: it may "
                f"be damaged or password-protected. Save it as .{target} and upload that copy.",
            )
        return result.read_bytes(), target
