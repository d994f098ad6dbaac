"""Bench the return reader: files per second per format, against the bare library load of the same files.

`corpus_accuracy()` / `run()` read the reader's corpus (imports/tests/corpus: other councils' house styles)
and score each document against its hand-labelled expected reading: ``python -m concordat.bench.reading
accuracy [-v]`` prints status / alignment / ticks / sign-off accuracy per document.

`ocr_per_page()` times OCR on a scan of the filled synthetic return: ``python -m concordat.bench.reading ocr
[PAGES]`` prints the seconds per page (``concordat bench reading`` prints it after the accuracy table).

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


def _norm(text: str) -> str:
    return " ".join(text.split())


def _aligned(got: Any, want: dict[str, Any]) -> bool:
    evidence = _norm(got.evidence)
    if "starts" not in want:
        return got.found and not evidence
    return bool(
        got.found and evidence.startswith(_norm(want["starts"])) and evidence.endswith(_norm(want["ends"]))
    )


def score(reading: Reading, expected: dict[str, Any]) -> dict[str, Any]:
    """Accuracy of one reading against its hand-labelled expected reading (the Harrow fixture's format).

    status: the status is one of the accepted labels; aligned: found, with the labelled first and last words;
    ticks: each good-practice and support flag the labels state; sign_off: each signatory's name and signed
    flag, and the completed-by name and organisation."""
    counts = {"status": [0, 0], "aligned": [0, 0], "ticks": [0, 0], "sign_off": [0, 0]}
    wrong: list[str] = []

    def check(kind: str, ok: bool, what: str) -> None:
        counts[kind][0] += int(ok)
        counts[kind][1] += 1
        if not ok:
            wrong.append(what)

    for number, want in expected["answers"].items():
        got = reading.questions[number]
        check("status", got.status in want["status"], f"{number} status {got.status} not in {want['status']}")
        check("aligned", _aligned(got, want), f"{number} not aligned: {got.evidence[:50]!r}")
        for flag in ("good_practice", "support_required"):
            if want.get(flag) is not None:
                check("ticks", getattr(got, flag) is want[flag], f"{number} {flag} {getattr(got, flag)}")
    for key in ("name", "organisation"):
        got_value = reading.completed_by.get(key, "")
        check("sign_off", got_value == expected["completed_by"][key], f"completed_by {key} {got_value!r}")
    for role, want_sig in expected["signatures"].items():
        sig = reading.signatures.get(role)
        check(
            "sign_off", sig is not None and sig.name == want_sig["name"], f"{role} name {sig and sig.name!r}"
        )
        if want_sig.get("signed") is not None:
            check("sign_off", sig is not None and sig.signed is want_sig["signed"], f"{role} signed")
    return {"counts": {k: tuple(v) for k, v in counts.items()}, "wrong": wrong}


def corpus_accuracy(outdir: Path | None = None) -> dict[str, Any]:
    """Read every document of the reader's corpus (imports/tests/corpus) and score it against its expected
    reading: {"documents": {name: {kind: [right, total], "refused": str|None, "wrong": [...]}}, "overall"}."""
    import json

    from concordat.imports.reading import ReadingError
    from concordat.imports.tests.corpus.build import EXPECTED, build

    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    with tempfile.TemporaryDirectory(prefix="corpus_") as tmp:
        files = build(outdir or Path(tmp), q)
        documents: dict[str, Any] = {}
        for name, path in files.items():
            expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
            try:
                documents[name] = score(read_document(path, questionnaire=q), expected)
            except ReadingError as exc:
                documents[name] = {"refused": exc.message, "counts": {}, "wrong": []}
    overall: dict[str, list[int]] = {}
    for result in documents.values():
        for kind, (right, total) in result["counts"].items():
            overall.setdefault(kind, [0, 0])
            overall[kind][0] += right
            overall[kind][1] += total
    return {
        "documents": documents,
        "overall": overall,
        "refused": [n for n, r in documents.items() if "refused" in r],
    }


def report(result: dict[str, Any]) -> str:
    kinds = ("status", "aligned", "ticks", "sign_off")
    lines = [f"{'document':32}" + "".join(f"{k:>16}" for k in kinds)]

    def cells(counts: dict[str, Any]) -> str:
        return "".join(
            f"{f'{c[0]}/{c[1]} {100 * c[0] / c[1]:.0f}%':>16}" if (c := counts.get(k)) else f"{'-':>16}"
            for k in kinds
        )

    for name, doc in result["documents"].items():
        lines.append(
            f"{name:32}" + ("  REFUSED: " + doc["refused"][:70] if "refused" in doc else cells(doc["counts"]))
        )
    lines.append(f"{'overall':32}" + cells(result["overall"]))
    return "\n".join(lines)


def ocr_per_page(pages: int = 2) -> dict[str, Any]:
    """OCR's time for a scanned return: the filled synthetic return printed by LibreOffice, scanned at 150
    dpi (``synthetic.documents.scanned_pdf``), its first ``pages`` pages drawn and read by Tesseract one by
    one as an upload's are. {"pages", "seconds_per_page", "slowest_page_seconds"}, or {"skipped": reason}."""
    import shutil

    from concordat.imports.reading.formats.pdf_ocr import ocr_pages
    from concordat.imports.tests.filled_return import filled_reading
    from concordat.synthetic.documents import scanned_pdf

    missing = [t for t in ("soffice", "pdftoppm", "tesseract") if shutil.which(t) is None]
    if missing:
        return {"skipped": f"not installed: {', '.join(missing)}"}
    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        out = Path(tmp)
        page = out / "filled.html"
        page.write_text(return_html(filled_reading(q), q), encoding="utf-8")
        (odt,) = soffice_convert([page], "odt", out, infilter="HTML (StarWriter)")
        (pdf,) = soffice_convert([odt], "pdf", out)
        data = scanned_pdf(pdf, out / "scanned.pdf").read_bytes()
    read = ocr_pages(data, list(range(1, pages + 1)))
    times = [p.seconds for p in read.values()]
    return {
        "pages": len(times),
        "seconds_per_page": round(sum(times) / len(times), 2),
        "slowest_page_seconds": round(max(times), 2),
    }


def ocr_report(ocr: dict[str, Any]) -> str:
    if "skipped" in ocr:
        return f"OCR of a scanned page: skipped ({ocr['skipped']})"
    return (
        f"OCR of a scanned page (pdftoppm + Tesseract, one at a time): {ocr['seconds_per_page']:.2f} s "
        f"a page over {ocr['pages']} page{'s' if ocr['pages'] != 1 else ''}, slowest "
        f"{ocr['slowest_page_seconds']:.2f} s"
    )


def run(*, quick: bool, stdout: Any) -> dict[str, Any]:
    """``concordat bench reading``: the corpus accuracy table (quick or not: the corpus is small) and OCR's
    seconds per scanned page (one page when quick)."""
    measured = corpus_accuracy()
    stdout.write(report(measured) + "\n")
    ocr = ocr_per_page(1 if quick else 2)
    stdout.write(ocr_report(ocr) + "\n")
    return {
        "overall": measured["overall"],
        "refused": measured["refused"],
        "documents": {name: doc.get("counts", {}) for name, doc in measured["documents"].items()},
        "ocr": ocr,
    }


if __name__ == "__main__":
    import json
    import sys

    if sys.argv[1:2] == ["ocr"]:
        print(ocr_report(ocr_per_page(int(sys.argv[2]) if len(sys.argv) > 2 else 2)))
        sys.exit(0)
    if sys.argv[1:2] == ["accuracy"]:
        measured = corpus_accuracy()
        print(report(measured))
        if "-v" in sys.argv:
            for doc_name, doc in measured["documents"].items():
                for problem in doc["wrong"]:
                    print(f"  {doc_name}: {problem}")
        sys.exit(0)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 152
    chosen = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("docx", "xlsx", "odt")
    print(json.dumps(bench_parse(count, chosen), indent=2))
