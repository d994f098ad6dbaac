"""The bench runs end to end on a couple of files and returns plain numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordat.bench.reading import bench_parse, ocr_report
from concordat.imports.reading import Questionnaire
from concordat.seeds import HARROW_RETURN as SEED
from tests.seeds import require


@pytest.mark.slow
def test_bench_parse_returns_plain_numbers(tmp_path: Path, questionnaire: Questionnaire) -> None:
    require(SEED)
    result = bench_parse(2, ("docx",), tmp_path, seed=SEED, questionnaire=questionnaire)
    docx = result["formats"]["docx"]
    assert docx["files"] == 2
    assert docx["parse_seconds"] > 0 and docx["floor_seconds"] > 0
    assert docx["ratio"] > 0
    assert isinstance(result["docx_within_target"], bool)


def test_the_ocr_figure_is_printed_as_seconds_a_page() -> None:
    measured = {"pages": 2, "seconds_per_page": 4.2, "slowest_page_seconds": 5.01}
    assert ocr_report(measured) == (
        "OCR of a scanned page (pdftoppm + Tesseract, one at a time): "
        "4.20 s a page over 2 pages, slowest 5.01 s"
    )
    assert ocr_report({"skipped": "not installed: tesseract"}) == (
        "OCR of a scanned page: skipped (not installed: tesseract)"
    )
