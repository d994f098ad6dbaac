"""A scanned return uploaded on the web: read by OCR in the bounded child, shown as OCR on the review page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from concordat.imports.models import DocumentUpload, ImportedDocument

from .scan import needs_tools

HARROW = "E09000015"


@needs_tools
@pytest.mark.django_db
def test_an_uploaded_scan_is_read_in_the_bounded_child_and_shown_as_ocr(
    login: Callable[[str], Any], stocktake: Any, printed_and_scanned: tuple[Path, Path]
) -> None:
    client = login("harriet")
    with printed_and_scanned[1].open("rb") as fh:
        response = client.post(reverse("imports:upload", args=["stocktake-2013", HARROW]), {"document": fh})
    assert list(DocumentUpload.objects.exclude(message="").values_list("message", flat=True)) == []
    document = ImportedDocument.objects.get()
    review = reverse("imports:review", args=["stocktake-2013", HARROW, document.pk])
    assert response.status_code == 302 and response["Location"] == review
    assert document.questions["1.1"]["ocr"] is True and document.questions["1.1"]["confidence"] == 0.85
    html = client.get(review).content.decode()
    assert html.count(">Read by OCR</strong>") == 61
    said = "confidence 0.85, decided by “Yes”; read by OCR from a scanned page, so the confidence is lower"
    assert said in html
    assert "This PDF is scanned: pages 1 to " in html
