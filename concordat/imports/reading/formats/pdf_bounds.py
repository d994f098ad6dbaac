"""Budgets inside pdfminer, which has none of its own: streams inflate, glyphs and shapes are drawn, counted.

pdfminer inflates a Flate stream whole (``zlib.decompress``), so a 600 KB file can ask for 400 MB. Here its
``zlib`` and ``lzwdecode`` are replaced by versions that unpack in pieces and spend each piece from the
document's ``inflated_mb`` budget, and its layout device counts every character (``glyphs``, and per page
``glyphs_per_page``) and every line or shape (``drawings_per_page``) as it is drawn. ``install()`` is
idempotent; with no budget open the default limits apply.
"""

from __future__ import annotations

import io
import zlib
from typing import Any

from .. import limits

_CHUNK = 1 << 20


class _BoundedInflater:
    """A zlib decompress object whose output is spent from the budget as it grows."""

    def __init__(self, *args: Any) -> None:
        self._inner = zlib.decompressobj(*args)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = [self._inner.decompress(data, _CHUNK)]
        limits.spend("inflated_mb", len(out[0]))
        while self._inner.unconsumed_tail:
            piece = self._inner.decompress(self._inner.unconsumed_tail, _CHUNK)
            limits.spend("inflated_mb", len(piece))
            out.append(piece)
        return b"".join(out)

    def flush(self, *args: Any) -> bytes:
        rest = self._inner.flush(*args)
        limits.spend("inflated_mb", len(rest))
        return rest

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args: Any) -> _BoundedInflater:
        return _BoundedInflater(*args)

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        inflater = _BoundedInflater(*args[:1])
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        return out + inflater.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        limits.spend("inflated_mb", len(piece))
        out.append(piece)
    return b"".join(out)


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer

    setattr(pdftypes, "zlib", _BoundedZlib())  # noqa: B010  # the module's own name for zlib
    setattr(pdftypes, "lzwdecode", _lzwdecode)  # noqa: B010
    begin_page, render_char, paint_path = (
        PDFLayoutAnalyzer.begin_page,
        PDFLayoutAnalyzer.render_char,
        PDFLayoutAnalyzer.paint_path,
    )

    def counted_begin_page(self: Any, *args: Any) -> None:
        self.concordat_drawn = {"glyphs_per_page": 0, "drawings_per_page": 0}
        begin_page(self, *args)

    def counted_render_char(self: Any, *args: Any) -> float:
        _draw(self, "glyphs_per_page")
        limits.spend("glyphs")
        result: float = render_char(self, *args)
        return result

    def counted_paint_path(self: Any, *args: Any) -> None:
        _draw(self, "drawings_per_page")
        paint_path(self, *args)

    setattr(PDFLayoutAnalyzer, "begin_page", counted_begin_page)  # noqa: B010
    setattr(PDFLayoutAnalyzer, "render_char", counted_render_char)  # noqa: B010
    setattr(PDFLayoutAnalyzer, "paint_path", counted_paint_path)  # noqa: B010
    _installed = True


def _draw(device: Any, name: str) -> None:
    drawn: dict[str, int] = getattr(device, "concordat_drawn", None) or {}
    drawn[name] = drawn.get(name, 0) + 1
    device.concordat_drawn = drawn
    if drawn[name] > limits.limit(name):
        raise limits.over(name, limits.limit(name))
