"""Reading documents out of the web process: in a child with a time and a memory limit (decision 0105).

``DocumentReader`` keeps one child (``concordat.sandbox``) for as long as it is open, so a bulk import pays
the child's start once; ``read_bounded`` uses the thread's own long-lived reader (the upload task, one
document at a time). A child that broke a limit is not reused: the next document gets a new one. The
budgets the reader counts as it goes (pages, rows, cells, spans, unpacked bytes) and the time and memory
limits are all ``Limits``; ``settings.DOCUMENT_LIMITS`` overrides any of them.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from types import TracebackType

from django.conf import settings

from concordat import sandbox
from concordat.imports.reading import Limits, Questionnaire, Reading, ReadingError
from concordat.imports.reading.bounded import (
    FUNCTION,
    PRELOAD,
    questionnaire_to_wire,
    reading_from_wire,
)


def limits() -> Limits:
    """The limits in force: the defaults of ``Limits``, overridden by ``settings.DOCUMENT_LIMITS``."""
    return Limits.from_dict(dict(getattr(settings, "DOCUMENT_LIMITS", {})))


def _limit_message(exc: sandbox.LimitExceeded, bounds: Limits) -> ReadingError:
    if exc.limit == "seconds":
        return ReadingError(
            "too_slow",
            f"Reading this document took longer than {bounds.seconds:g} seconds, the limit, so it was "
            "stopped. Save the form again as a normal document, without large pictures or very long "
            "tables, and upload that.",
        )
    if exc.limit == "memory":
        return ReadingError(
            "too_large",
            f"Reading this document needed more than {bounds.memory_mb:,} MB of memory, the limit, so it "
            "was stopped. Save the form again as a normal document and upload that.",
        )
    return ReadingError(
        "corrupt",
        "The file is damaged, so it cannot be read. Open it on your computer, save it again and upload "
        "the new copy.",
    )


_REFUSALS = {
    "too_deep": "The document is nested too deeply (tables or lists inside each other) to be read. "
    "Save the form again as a normal document and upload that.",
}
_DAMAGED = (
    "The file is damaged or not the kind of file its name says, so it cannot be read. Open it on your "
    "computer, save it again and upload the new copy."
)


class DocumentReader:
    """One bounded child reading documents one at a time. Use as a context manager."""

    def __init__(self, bounds: Limits | None = None) -> None:
        self.bounds = bounds or limits()
        self._box = sandbox.Sandbox(
            sandbox.Bounds(seconds=self.bounds.seconds, memory_mb=self.bounds.memory_mb), preload=PRELOAD
        )

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(self, *exc: object | type[BaseException] | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._box.close()

    @property
    def last(self) -> sandbox.Call:
        """The last document's time and the child's peak resident memory while reading it."""
        return self._box.last

    @property
    def children_started(self) -> int:
        return self._box.started

    def read(self, source: Path | bytes, filename: str, questionnaire: Questionnaire) -> Reading:
        """The Reading, as ``read_document`` gives it; raises ReadingError with a plain-English message."""
        if isinstance(source, bytes):
            with tempfile.TemporaryDirectory(prefix="concordat_read_") as tmp:
                path = Path(tmp) / "document"
                path.write_bytes(source)
                return self._read(path, filename, questionnaire)
        return self._read(source, filename, questionnaire)

    def _read(self, path: Path, filename: str, questionnaire: Questionnaire) -> Reading:
        payload = {
            "path": os.fspath(path.resolve()),
            "filename": filename,
            "questionnaire": questionnaire_to_wire(questionnaire),
            "limits": self.bounds.to_dict(),
        }
        try:
            wire = self._box.call(FUNCTION, payload)
        except sandbox.Refused as exc:
            raise ReadingError(exc.code, exc.message or _REFUSALS.get(exc.code, _DAMAGED)) from exc
        except sandbox.LimitExceeded as exc:
            raise _limit_message(exc, self.bounds) from exc
        return reading_from_wire(wire)


_local = threading.local()


def shared_reader() -> DocumentReader:
    """This thread's reader, kept for the life of the process (a worker, a web process in the demo), so the
    child's start is paid once, not per document. It is made again when the limits in settings change."""
    reader: DocumentReader | None = getattr(_local, "reader", None)
    bounds = limits()
    if reader is None or reader.bounds != bounds:
        if reader is not None:
            reader.close()
        reader = _local.reader = DocumentReader(bounds)
    return reader


def read_bounded(source: Path | bytes, filename: str, questionnaire: Questionnaire) -> Reading:
    """Read one document in this thread's bounded child."""
    return shared_reader().read(source, filename, questionnaire)
