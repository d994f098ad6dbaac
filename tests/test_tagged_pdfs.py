"""The commitments' published-update document as a PDF is tagged PDF/UA-1, titled, in English (the national
report's and the Easy Read PDFs are checked beside their own code)."""

import datetime

import pytest

from concordat.commitments.document import render_pdf
from concordat.commitments.loader import load_commitments
from tests.pdf_checks import accessibility_problems


@pytest.mark.django_db
def test_the_commitments_update_document_pdf_is_tagged_titled_and_in_english() -> None:
    load_commitments()
    pdf = render_pdf(datetime.date(2013, 6, 1))
    title = "Winterbourne View Concordat: progress on commitments as at 1 June 2013"
    assert accessibility_problems(pdf, title=title) == []
