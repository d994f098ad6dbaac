"""Uploads over the size limit are refused from the headers, before the body is read or stored."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concordat.imports.models import DocumentUpload

UPLOAD = reverse("imports:upload", args=["stocktake-2013", "E09000015"])


@pytest.mark.django_db
def test_a_body_claiming_200_mb_is_refused_from_its_headers_with_the_govuk_page(
    login: Callable[[str], Any], stocktake: Any
) -> None:
    # The body is empty: had anything tried to read the 200 MB it claims, the request would fail, not 413.
    response = login("harriet").generic(
        "POST", UPLOAD, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(200 * 1024**2)
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file is too large" in html and "larger than 21 MB" in html
    assert not DocumentUpload.objects.exists()


@pytest.mark.django_db
def test_an_upload_just_over_a_lowered_limit_is_refused_and_nothing_is_kept(
    login: Callable[[str], Any], stocktake: Any, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 4000
    response = login("harriet").post(UPLOAD, {"document": SimpleUploadedFile("big.txt", b"1.1 Yes\n" * 1000)})
    assert response.status_code == 413
    assert not DocumentUpload.objects.exists()


@pytest.mark.django_db
def test_past_the_headers_the_upload_handler_stops_the_body_at_the_limit_as_it_arrives(
    login: Callable[[str], Any], stocktake: Any, settings: Any
) -> None:
    # Without the middleware (or behind a server that passes a longer body on), the handler still counts.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("UploadSizeMiddleware")]
    settings.UPLOAD_MAX_BYTES = 4000
    client = login("harriet")
    big = SimpleUploadedFile("big.txt", b"1.1 Yes\n" * 1000)
    response = client.post(UPLOAD, {"document": big})
    assert response.status_code == 400  # the GOV.UK "problem with your request" page
    assert "Sorry, there is a problem with your request" in response.content.decode()
    assert not DocumentUpload.objects.exists()
