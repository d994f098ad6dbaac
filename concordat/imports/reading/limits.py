"""Budgets a document must stay within while it is read, counted as the reader goes (decision 0105).

No Django here. The defaults below are the one list of limits; ``settings.DOCUMENT_LIMITS`` overrides any of
them (``concordat.imports.sandbox.limits()``). ``budget(limits)`` opens a budget for one document; the format
readers spend from it (``spend("cells", n)``) and read numeric attributes through ``count(...)``, so a
document that claims 300,000,000 columns stops at the first cell past the limit, with a message naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, fields
from typing import Any

from .model import ReadingError


@dataclass(frozen=True)
class Limits:
    seconds: float = 120.0  # wall-clock time to read one document, a .doc's conversion included
    memory_mb: int = 1024  # the reading process's address space, its ~200 MB of libraries included
    pages: int = 60
    rows: int = 20_000  # paragraphs, table rows or lines
    cells: int = 50_000  # table cells, spans and repeats counted
    span: int = 64  # columns one cell may span, or a filled cell may repeat across
    repeat: int = 1_000  # times one filled table row may repeat
    characters: int = 5_000_000  # of text in the whole document
    unzipped_mb: int = 100  # unpacked size of every part of a zip-based document
    inflated_mb: int = 100  # unpacked size of every compressed stream of a PDF
    glyphs: int = 300_000  # characters drawn on the pages of a PDF
    glyphs_per_page: int = 30_000
    drawings_per_page: int = 20_000  # lines, rectangles and curves on one PDF page
    ocr_page_seconds: float = 30.0  # drawing one scanned page and reading it by OCR, each

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Limits:
        known = {f.name for f in fields(cls)}
        given: dict[str, Any] = {
            k: float(v) if k in _SECONDS else int(v) for k, v in values.items() if k in known
        }
        return cls(**given)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_SECONDS = frozenset({"seconds", "ocr_page_seconds"})

# How each limit is named in a message: "This document has more than 20,000 table cells; the limit is ...".
_WHAT = {
    "pages": "pages",
    "rows": "rows, paragraphs or lines",
    "cells": "table cells",
    "characters": "characters of text",
    "unzipped_mb": "MB of content once unpacked",
    "inflated_mb": "MB of compressed content once unpacked",
    "glyphs": "characters drawn on its pages",
    "glyphs_per_page": "characters drawn on one page",
    "drawings_per_page": "lines and shapes drawn on one page",
}
_UNITS = {"unzipped_mb": 1024 * 1024, "inflated_mb": 1024 * 1024}


def over(name: str, limit: int) -> ReadingError:
    what = _WHAT.get(name, name)
    return ReadingError(
        "too_long" if name in ("pages", "rows") else "too_large",
        f"This document has more than {limit:,} {what}; the limit is {limit:,}. "
        "Upload only the completed stocktake form, saved again as a normal document.",
    )


class Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.spent: dict[str, int] = {}

    def spend(self, name: str, amount: int = 1) -> None:
        total = self.spent.get(name, 0) + amount
        self.spent[name] = total
        limit = int(getattr(self.limits, name)) * _UNITS.get(name, 1)
        if total > limit:
            raise over(name, int(getattr(self.limits, name)))


_CURRENT: ContextVar[Budget | None] = ContextVar("reading_budget", default=None)


@contextmanager
def budget(limits: Limits | None = None) -> Iterator[Budget]:
    """A fresh budget for one document, for the readers called inside the block."""
    opened = Budget(limits or Limits())
    token = _CURRENT.set(opened)
    try:
        yield opened
    finally:
        _CURRENT.reset(token)


def current() -> Budget:
    """The open budget; a format reader called on its own (outside ``read_document``) gets a fresh one with
    the default limits at each call, so nothing it spends is carried over to another document."""
    return _CURRENT.get() or Budget(Limits())


def spend(name: str, amount: int = 1) -> None:
    current().spend(name, amount)


def limit(name: str) -> int:
    return int(getattr(current().limits, name))


_WHOLE_NUMBER = re.compile(r"\s*\d{1,9}\s*")


def count(value: str | None, attribute: str, *, default: int, most: int | None = None) -> int:
    """A count from an attribute (a span, a repeat): a whole number, at most ``most``.

    "two", "-1", "1e9" and a hundred-digit number are reading errors naming the attribute, never exceptions.
    """
    if value is None or value == "":
        return default
    if not _WHOLE_NUMBER.fullmatch(value):
        raise ReadingError(
            "corrupt",
            f"The document is damaged: a table says it has {value[:40]!r} as its {attribute}, which is not "
            "a number. Open it, save it again and upload the new copy.",
        )
    number = int(value)
    if most is not None and number > most:
        raise ReadingError(
            "too_large",
            f"This document has a table whose {attribute} is {number:,}; the limit is {most:,}. "
            "Save the form again as a normal document and upload that.",
        )
    return number
