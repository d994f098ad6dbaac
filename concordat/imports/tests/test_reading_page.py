"""With a real worker (the database task backend) the upload returns at once and "Reading your document…"
waits, asking again every few seconds, until the worker has read it: then the review page, or the reason."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from concordat.imports import actions
from concordat.imports.models import DocumentUpload, ImportedDocument, UploadState
from concordat.imports.tests.conftest import _forget_task_backends
from concordat.imports.tests.hostile.make_corpus import HOSTILE_LIMITS, span_docx
from concordat.returns.models import Return

HARROW = "E09000015"
UPLOAD = reverse("imports:upload", args=["stocktake-2013", HARROW])


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _forget_task_backends()
    yield
    _forget_task_backends()


def _reading_url(upload: DocumentUpload) -> str:
    return reverse("imports:reading", args=["stocktake-2013", HARROW, upload.pk])


@pytest.mark.django_db
def test_the_upload_returns_at_once_and_the_review_appears_when_the_worker_has_read_it(
    login: Callable[[str], Any], stocktake: Any, plain_docx: Path, database_tasks: None
) -> None:
    client = login("harriet")
    with plain_docx.open("rb") as fh:
        response = client.post(UPLOAD, {"document": fh})
    upload = DocumentUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == _reading_url(upload)
    assert upload.state == UploadState.QUEUED and not ImportedDocument.objects.exists()
    assert DBTaskResult.objects.filter(task_path="concordat.imports.tasks.read_document_upload").count() == 1
    waiting = client.get(_reading_url(upload))
    html = waiting.content.decode()
    assert waiting.status_code == 200 and "Reading your document…" in html
    # It asks again by script every 2 s (no meta refresh, which would reload the page under its reader).
    assert 'data-reading-poll="2"' in html and "imports/reading.js" in html and "http-equiv" not in html
    actions.read_pending(upload.pk)  # what the worker's task runs
    ready = client.get(_reading_url(upload))
    document = ImportedDocument.objects.get()
    assert ready["Location"] == reverse("imports:review", args=["stocktake-2013", HARROW, document.pk])
    assert actions.read_pending(upload.pk).document == document  # a retried task changes nothing
    assert ImportedDocument.objects.count() == 1


@pytest.mark.django_db
def test_a_document_the_worker_cannot_read_shows_why_and_writes_nothing(
    login: Callable[[str], Any], stocktake: Any, database_tasks: None, settings: Any
) -> None:
    settings.DOCUMENT_LIMITS = HOSTILE_LIMITS
    client = login("harriet")
    client.post(UPLOAD, {"document": SimpleUploadedFile("two.docx", span_docx("two"))})
    upload = DocumentUpload.objects.get()
    actions.read_pending(upload.pk)
    page = client.get(_reading_url(upload))
    html = page.content.decode()
    assert page.status_code == 200 and "Your document could not be read" in html
    assert "&#x27;two&#x27; as its column span (gridSpan), which is not a number" in html
    assert "http-equiv" not in html
    assert not ImportedDocument.objects.exists() and not Return.objects.filter(area__ons_code=HARROW).exists()
