"""Scanned PDF pages (no text layer): rasterised by pdftoppm, read by Tesseract, cut into table rows.

A page is drawn as a grey image (``pdftoppm``, poppler-utils). The form's ruled table is found in the image
itself: a horizontal rule is a thin band of pixel rows that are mostly dark, and between two rules a vertical
rule is a pixel column dark from top to bottom of that band. The rules are painted out (Tesseract reads them
as "|" and "_"), the page is read once by Tesseract (``tesseract … --psm 11 tsv``: every word with its box),
and each word is put in the cell its centre falls in. Sparse-text mode (11), not the default page layout
(3): the cells already give the layout, and the default analysis dropped a whole line it took for a picture
(a signatory's label with a dotted leader, "CCG rep....."); sparse text is also faster here.
So a scanned page gives the same rows as a PDF with a text layer: a row of cells per table row, a one-cell
row per line of text outside the table; the text reader does the rest. Both programs run with a time limit
per page, inside the bounded child (decisions 0105, 0107).

Set ``CONCORDAT_TESSERACT`` to the Tesseract program to use (default: ``tesseract`` on the PATH).
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import limits
from ..model import ReadingError

DPI = 200
_DARK = 160  # a pixel darker than this is ink (a hairline rule scans grey)
_RULE_FILL = 0.3  # a horizontal rule: one run of ink across at least this share of the page's width
_RULE_THICKNESS = 10  # pixels at 200 dpi; a line of text is taller
_COLUMN_FILL = 0.9  # a vertical rule: one run of ink down this share of its band's height
_MARK_PIXELS, _MARK_SIZE = 40, 12  # a tick: at least this much ink, this many pixels high and wide
_MARGIN = 8  # pixels inside a cell's rules that a mark is looked for in
# Shorter than any letter at 200 dpi: a dotted leader ("CCG rep.....") that sparse-text OCR reads as a word.
_MIN_WORD_HEIGHT = 8
MARK = "X"  # what a mark OCR found no word for is read as
# Tesseract reads a ticked "√" as "v" or "V": in a tick column, and before a bracketed name ("√(Name").
_CHECK_LOOKALIKES = frozenset({"v", "V", "\\/", "\\J"})
_INSTALL_HINT = (
    "This PDF is a scan (its pages have no text), so it has to be read by OCR, but the OCR program "
    "(Tesseract) is not installed on this server. Ask the service's administrators to install the "
    "tesseract-ocr package, or upload the Word version of the form instead."
)


@dataclass
class OcrPage:
    rows: list[list[str]]
    seconds: float = 0.0


@dataclass
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


@dataclass
class _Band:
    """The strip of the page between two horizontal rules (or above the first, below the last)."""

    top: int
    bottom: int
    columns: list[int] = field(default_factory=list)  # vertical rules' x; a table row has two or more

    @property
    def is_row(self) -> bool:
        return len(self.columns) >= 2


def tesseract() -> str:
    """The Tesseract program, or a plain-English ReadingError when it is not installed."""
    given = os.environ.get("CONCORDAT_TESSERACT", "").strip()
    exe = shutil.which(given or "tesseract")
    if exe is None:
        raise ReadingError("ocr_unavailable", _INSTALL_HINT)
    return exe


def ocr_pages(data: bytes, pages: list[int]) -> dict[int, OcrPage]:
    """Each scanned page's rows (pages numbered from 1)."""
    exe = tesseract()
    seconds = limits.current().limits.ocr_page_seconds
    out: dict[int, OcrPage] = {}
    with tempfile.TemporaryDirectory(prefix="concordat-ocr-") as tmp:
        pdf = Path(tmp) / "scan.pdf"
        pdf.write_bytes(data)
        for number in pages:
            started = time.perf_counter()
            image = _rasterise(pdf, number, Path(tmp), seconds)
            out[number] = OcrPage(_page_rows(exe, image, seconds), time.perf_counter() - started)
    return out


def _run(command: list[str], seconds: float, what: str) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        # A fixed argument list of our own, no shell.
        done = subprocess.run(command, capture_output=True, timeout=seconds, check=False, env=env)  # noqa: S603
    except subprocess.TimeoutExpired as exc:
        raise ReadingError(
            "too_slow",
            f"Reading a scanned page by OCR took longer than {seconds:g} seconds ({what}), the limit for "
            "one page, so it was stopped. Scan the form again at a normal resolution, or upload the Word "
            "version.",
        ) from exc
    except OSError as exc:
        raise ReadingError("ocr_unavailable", _INSTALL_HINT) from exc
    if done.returncode != 0:
        raise ReadingError(
            "corrupt",
            f"A scanned page could not be read by OCR ({what} failed). Scan the form again, or upload the "
            "Word version.",
        )
    return done.stdout


def _rasterise(pdf: Path, number: int, tmp: Path, seconds: float) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ReadingError(
            "ocr_unavailable",
            "This PDF is a scan (its pages have no text), and the program that draws its pages for OCR "
            "(pdftoppm, from poppler-utils) is not installed on this server. Upload the Word version.",
        )
    prefix = tmp / f"page-{number}"
    page = str(number)
    command = [exe, "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", page, "-l", page, str(pdf)]
    _run([*command, str(prefix)], seconds, "drawing the page")
    return prefix.with_suffix(".png")


def _page_rows(exe: str, image_path: Path, seconds: float) -> list[list[str]]:
    import numpy as np
    from PIL import Image

    with Image.open(image_path) as opened:
        pixels = np.asarray(opened.convert("L")).copy()
    ink = pixels < _DARK
    rules = _rules(ink)
    bands = _bands(ink, rules)
    for top, bottom in rules:
        pixels[top : bottom + 1, :] = 255
    for band in bands:
        for x in band.columns:
            pixels[band.top : band.bottom + 1, max(0, x - 3) : x + 4] = 255
    cleaned = image_path.with_name(f"{image_path.stem}-clean.png")
    Image.fromarray(pixels).save(cleaned)
    tsv = _run([exe, str(cleaned), "stdout", "--psm", "11", "-l", "eng", "tsv"], seconds, "OCR")
    return _rows(_words(tsv), bands, lambda box: _has_mark(pixels[box[1] : box[3], box[0] : box[2]] < _DARK))


def _has_mark(ink: Any) -> bool:
    """A blob of ink in a tick cell where OCR found no word: a hand-drawn tick or a cross."""
    import numpy as np

    if ink.size == 0 or int(ink.sum()) < _MARK_PIXELS:
        return False
    rows, columns = np.nonzero(ink)
    return bool(rows.max() - rows.min() >= _MARK_SIZE and columns.max() - columns.min() >= _MARK_SIZE)


def _longest_runs(ink: Any) -> Any:
    """Each row's longest run of ink, gaps of up to three pixels closed (a dotted or broken rule)."""
    import numpy as np

    closed = ink.copy()
    for shift in (1, 2, 3):
        closed[:, shift:] |= ink[:, :-shift]
    width = closed.shape[1]
    positions = np.arange(width)
    last_gap = np.maximum.accumulate(np.where(closed, -1, positions), axis=1)
    return (positions - last_gap).max(axis=1)


def _rules(ink: Any) -> list[tuple[int, int]]:
    """Horizontal rules: thin bands of pixel rows each holding one long run of ink."""
    width = ink.shape[1]
    long_rows = [bool(v) for v in _longest_runs(ink) >= _RULE_FILL * width]
    rules: list[tuple[int, int]] = []
    start: int | None = None
    for y, is_long in enumerate([*long_rows, False]):
        if is_long and start is None:
            start = y
        elif not is_long and start is not None:
            if y - start <= _RULE_THICKNESS:
                rules.append((start, y - 1))
            start = None
    return rules


def _bands(ink: Any, rules: list[tuple[int, int]]) -> list[_Band]:
    height = ink.shape[0]
    edges = [(-1, -1), *rules, (height, height)]
    bands: list[_Band] = []
    for (_, above), (below, _) in itertools.pairwise(edges):
        top, bottom = above + 1, below - 1
        if bottom - top < 4:
            continue
        band = _Band(top, bottom)
        if above > 0 and below < height:  # between two rules: perhaps a table row
            strip = ink[top : bottom + 1, :]
            runs = _longest_runs(strip.T)
            columns = [x for x, run in enumerate(runs) if run >= _COLUMN_FILL * strip.shape[0]]
            band.columns = _centres(columns)
        bands.append(band)
    return bands


def _centres(xs: list[int]) -> list[int]:
    """Neighbouring pixel columns of one rule as its centre."""
    centres: list[int] = []
    group: list[int] = []
    for x in [*xs, (xs[-1] + 10) if xs else 0]:
        if group and x - group[-1] > 2:
            centres.append((group[0] + group[-1]) // 2)
            group = []
        group.append(x)
    return centres


def _words(tsv: bytes) -> list[_Word]:
    words: list[_Word] = []
    reader = csv.DictReader(
        io.StringIO(tsv.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or int(row["height"]) < _MIN_WORD_HEIGHT:
            continue
        left, top = int(row["left"]), int(row["top"])
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        words.append(_Word(text, left, top, left + int(row["width"]), top + int(row["height"]), key))
    limits.spend("glyphs", sum(len(w.text) for w in words))
    return words


def _lines(words: list[_Word]) -> list[str]:
    """Words in reading order: Tesseract's lines, top to bottom, each left to right."""
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    ordered = sorted(by_line.values(), key=lambda ws: (min(w.top for w in ws), min(w.left for w in ws)))
    return [" ".join(w.text for w in sorted(ws, key=lambda w: w.left)) for ws in ordered]


def _rows(
    words: list[_Word], bands: list[_Band], marked: Callable[[tuple[int, int, int, int]], bool]
) -> list[list[str]]:
    """Each table band a row of cells; the words of other bands as lines of text, in page order.
    ``marked(box)`` says whether a cell box with no word holds a mark (a tick OCR read as no word)."""
    for word in words:
        if word.text[:1] in _CHECK_LOOKALIKES and word.text[1:2] == "(":
            word.text = f"√{word.text[1:]}"
    placed = _place(words, bands)
    rows: list[list[str]] = []
    for i, band in enumerate(bands):
        words_here = placed.get(i, [])
        if not band.is_row:
            rows.extend([line] for line in _lines(words_here))
        elif any(texts := _cells(band, words_here, marked)):
            rows.append(texts)
    return rows


def _place(words: list[_Word], bands: list[_Band]) -> dict[int, list[_Word]]:
    """Each band's words (by index): the band a word's centre falls in, or the nearest one (on a rule)."""
    placed: dict[int, list[_Word]] = {}
    for word in words:
        _, y = word.centre
        index = next((i for i, b in enumerate(bands) if b.top <= y <= b.bottom), None)
        if index is None:
            index = min(range(len(bands)), key=lambda i: abs((bands[i].top + bands[i].bottom) / 2 - y))
        placed.setdefault(index, []).append(word)
    return placed


def _cells(band: _Band, words: list[_Word], marked: Callable[[tuple[int, int, int, int]], bool]) -> list[str]:
    """A table band's cell texts, left to right; an empty tick cell holding ink is read as a mark."""
    cells: list[list[_Word]] = [[] for _ in band.columns[1:]]
    for word in words:
        x, _ = word.centre
        cells[sum(1 for c in band.columns[1:-1] if x > c)].append(word)
    texts = [_cell_text(i, cell) for i, cell in enumerate(cells)]
    for i, (left, right) in enumerate(itertools.pairwise(band.columns)):
        box = (left + _MARGIN, band.top + _MARGIN, right - _MARGIN, band.bottom - _MARGIN)
        if i >= 2 and not texts[i] and marked(box):
            texts[i] = MARK
    return texts


def _cell_text(column: int, words: list[_Word]) -> str:
    """As for a PDF table: line breaks are kept in the question and evidence cells only."""
    text = ("\n" if column < 2 else " ").join(_lines(words))
    return "√" if column >= 2 and text in _CHECK_LOOKALIKES else text
