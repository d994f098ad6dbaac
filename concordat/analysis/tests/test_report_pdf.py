"""The national report's PDF: tagged PDF/UA-1 with a title and a language, every page A4 and nothing cut off.

One rendering serves every check: WeasyPrint takes tens of seconds over the 20-odd pages."""

import datetime
import io
from typing import Any

import pytest

from concordat.analysis.report import build_report, render_pdf
from tests.pdf_checks import accessibility_problems, words_by_page

pytestmark = pytest.mark.django_db
A4 = [595.3, 841.9]  # points, the short side first


def test_the_report_pdf_is_tagged_titled_in_english_and_fits_a4_with_nothing_cut_off(synthetic: Any) -> None:
    from pypdf import PdfReader

    report = build_report(synthetic.round, built_at=datetime.datetime(2013, 9, 1, 9, tzinfo=datetime.UTC))
    pdf = render_pdf(report)
    assert accessibility_problems(pdf, title="Stocktake of progress: Synthetic stocktake") == []

    reader = PdfReader(io.BytesIO(pdf))
    pages = words_by_page(pdf)
    assert len(pages) == len(reader.pages) > 5
    annex = []
    for number, (page, words) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(width, 1), round(height, 1))) == A4, f"page {number} is {width} x {height} pt"
        outside = [word for left, right, word in words if left < 0 or right > width]
        assert not outside, f"page {number}: text past the edge of the page: {outside[:5]}"
        if width > height:
            annex.append({word for _, _, word in words})
    # Only the 15-column answers-by-question table is printed across, with its header (to the last column)
    # on each page.
    assert annex and "Answers" in annex[0] and all({"Support", "requests"} <= words for words in annex)
