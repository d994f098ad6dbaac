"""Bench the return reader: files per second per format, against the bare library load of the same files.

`bench_parse()` generates n varied returns per format from the Harrow seed, then times `read_document` on them
and, as the floor, the plain third-party load (python-docx, openpyxl, pdfplumber, zip + XML parse). The lead
wires this into `concordat bench import`. No Django.

PDF is opt-in (formats=(..., "pdf")): pdfplumber needs about a second per 10-page return, so 152 PDFs take
minutes. Run: python -m concordat.bench.reading 152 docx,xlsx,odt,pdf
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from concordat.imports.reading import (
    DEFAULT_QUESTIONNAIRE,
    Questionnaire,
    Reading,
    load_questionnaire,
    read_document,
)
from concordat.seeds import HARROW_RETURN
from concordat.synthetic.documents import return_html, soffice_convert, varied, write_docx

DEFAULT_SEED = HARROW_RETURN
TARGET_DOCX_RATIO = 3.0  # parsing within 3x the bare python-docx load


def _floor_docx(path: Path) -> object:
    import docx

    return docx.Document(str(path))


def _floor_xlsx(path: Path) -> object:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _floor_pdf(path: Path) -> object:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _floor_odf(path: Path) -> object:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("content.xml"))


FLOORS: dict[str, Callable[[Path], object]] = {
    "docx": _floor_docx,
    "xlsx": _floor_xlsx,
    "pdf": _floor_pdf,
    "odt": _floor_odf,
    "ods": _floor_odf,
}


def generate(
    readings: Sequence[Reading], questionnaire: Questionnaire, formats: Sequence[str], outdir: Path
) -> dict[str, list[Path]]:
    """Write each reading in each format: LibreOffice for odt/pdf/ods/xlsx, and for docx when available."""
    import shutil

    files: dict[str, list[Path]] = {}
    pages = []
    for i, reading in enumerate(readings):
        page = outdir / "html" / f"return_{i:03d}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(return_html(reading, questionnaire), encoding="utf-8")
        pages.append(page)
    has_soffice = shutil.which("soffice") is not None
    writer_formats = [f for f in formats if f in ("docx", "odt", "pdf")]
    if has_soffice and writer_formats:
        odts = soffice_convert(pages, "odt", outdir / "odt", infilter="HTML (StarWriter)")
        for fmt in writer_formats:
            files[fmt] = odts if fmt == "odt" else soffice_convert(odts, fmt, outdir / fmt)
    elif "docx" in formats:
        files["docx"] = [
            write_docx(r, questionnaire, outdir / f"return_{i:03d}.docx", checkboxes=False)
            for i, r in enumerate(readings)
        ]
    calc_formats = [f for f in formats if f in ("ods", "xlsx")]
    if has_soffice and calc_formats:
        odss = soffice_convert(pages, "ods", outdir / "ods", infilter="HTML (StarCalc)")
        for fmt in calc_formats:
            files[fmt] = odss if fmt == "ods" else soffice_convert(odss, fmt, outdir / fmt)
    return files


def _time(fn: Callable[[Path], object], paths: Sequence[Path]) -> float:
    fn(paths[0])  # warm imports and caches
    start = time.perf_counter()
    for path in paths:
        fn(path)
    return time.perf_counter() - start


def bench_parse(
    n: int = 152,
    formats: Sequence[str] = ("docx", "xlsx", "odt"),
    tmpdir: str | Path | None = None,
    seed: str | Path = DEFAULT_SEED,
    questionnaire: Questionnaire | None = None,
) -> dict[str, Any]:
    """Return {"n", "generate_seconds", "formats": {fmt: {parse_seconds, parse_files_per_second,
    floor_seconds, floor_files_per_second, ratio}}, "docx_target_ratio", "docx_within_target"}."""
    q = questionnaire or load_questionnaire(DEFAULT_QUESTIONNAIRE)
    base = read_document(Path(seed), questionnaire=q)
    with tempfile.TemporaryDirectory(prefix="bench_reading_", dir=tmpdir) as tmp:
        start = time.perf_counter()
        files = generate([varied(base, i) for i in range(n)], q, formats, Path(tmp))
        result: dict[str, Any] = {
            "n": n,
            "generate_seconds": round(time.perf_counter() - start, 2),
            "formats": {},
        }
        for fmt, paths in files.items():

            def parse(path: Path) -> object:
                return read_document(path, questionnaire=q)

            parse_s = _time(parse, paths)
            floor_s = _time(FLOORS[fmt], paths)
            result["formats"][fmt] = {
                "files": len(paths),
                "parse_seconds": round(parse_s, 3),
                "parse_files_per_second": round(len(paths) / parse_s, 1),
                "floor_seconds": round(floor_s, 3),
                "floor_files_per_second": round(len(paths) / floor_s, 1),
                "ratio": round(parse_s / floor_s, 2),
            }
    if "docx" in result["formats"]:
        result["docx_target_ratio"] = TARGET_DOCX_RATIO
        result["docx_within_target"] = result["formats"]["docx"]["ratio"] <= TARGET_DOCX_RATIO
    return result


if __name__ == "__main__":
    import json
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 152
    chosen = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("docx", "xlsx", "odt")
    print(json.dumps(bench_parse(count, chosen), indent=2))
