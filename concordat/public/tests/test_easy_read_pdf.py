"""Easy Read as PDF files: the national report's, each area's and the programme's, linked from their pages;
tagged PDF/UA-1 with a title and a language, every letter 14 pt or larger, a picture beside each idea."""

import io
from typing import Any

import pytest

from tests.pdf_checks import accessibility_problems, figure_alternatives

from .builders import published_round

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
MM = 72 / 25.4  # points


@pytest.mark.parametrize(
    ("page", "title", "ideas"),
    [
        ("/report/{slug}/easy-read/", "Easy Read: Stocktake of progress", 7),
        (f"/areas/{HARROW}/easy-read/", "Easy Read: Harrow", 6),
        ("/easy-read/", "Easy Read: getting people out of hospital", 5),
    ],
)
def test_each_easy_read_page_links_a_tagged_pdf_in_large_print_with_a_picture_beside_each_idea(
    client: Any, stocktake: Any, personas: dict[str, Any], page: str, title: str, ideas: int
) -> None:
    import pdfplumber

    published_round(stocktake, personas)
    url = page.format(slug=stocktake.slug)
    assert 'href="?format=pdf"' in client.get(url).content.decode()
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = response.content
    assert accessibility_problems(pdf, title=title) == []
    pictures = figure_alternatives(pdf)
    assert len(pictures) == ideas and all(len(alt) > 5 for alt in pictures), pictures
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for p in document.pages for c in p.chars if c["text"].strip()]
        # The ideas' words (not the title or the page number; a picture's own "£" is one letter, not a word).
        body = [
            w
            for p in document.pages
            for w in p.extract_words(extra_attrs=["size"])
            if len(w["text"]) > 1 and w["size"] < 20 and w["top"] < p.height - 20 * MM
        ]
    assert chars and min(round(c["size"], 1) for c in chars) >= 14
    # The words stand right of the picture column (18 mm margin, 32 mm picture): none starts under a picture.
    assert body and min(w["x0"] for w in body) > (18 + 32) * MM


def test_a_pdf_of_an_unpublished_reports_easy_read_is_not_given(client: Any, stocktake: Any) -> None:
    response = client.get(f"/report/{stocktake.slug}/easy-read/", {"format": "pdf"})
    assert response["Content-Type"].startswith("text/html") and b"%PDF" not in response.content
