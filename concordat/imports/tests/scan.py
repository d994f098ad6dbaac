"""The filled synthetic return printed and scanned, for the OCR tests (conftest: ``printed_and_scanned``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from concordat.imports.reading import Questionnaire
from concordat.synthetic.documents import return_html, scanned_pdf, soffice_convert

from .filled_return import filled_reading

needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdftoppm", "tesseract")),
    reason="LibreOffice, pdftoppm and Tesseract are needed to make and read a scan",
)


def print_and_scan(out: Path, questionnaire: Questionnaire) -> tuple[Path, Path]:
    """The filled return printed to PDF by LibreOffice, and that PDF scanned at 150 dpi in black and white."""
    page = out / "filled.html"
    page.write_text(return_html(filled_reading(questionnaire), questionnaire), encoding="utf-8")
    (odt,) = soffice_convert([page], "odt", out, infilter="HTML (StarWriter)")
    (pdf,) = soffice_convert([odt], "pdf", out)
    return pdf, scanned_pdf(pdf, out / "scanned.pdf")
