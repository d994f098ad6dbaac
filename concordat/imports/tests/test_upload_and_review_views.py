"""The web journey: upload a document, check it beside its text, confirm it into the draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concordat.audit.models import AuditEvent
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.imports.reading import safety
from concordat.returns import actions as returns_actions
from concordat.returns.models import Answer, Return

from . import helpers

HARROW, LEEDS = "E09000015", "E08000035"
UPLOAD = reverse("imports:upload", args=["stocktake-2013", HARROW])


def _review_url(document: ImportedDocument) -> str:
    return reverse("imports:review", args=["stocktake-2013", HARROW, document.pk])


def _review_post(page_context: Any, **changes: str) -> dict[str, Any]:
    """The review form as the browser would send it, unchanged except for ``changes``."""
    data: dict[str, Any] = {}
    for _, form, _, _ in page_context["rows"]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = value or ""
    details = page_context["details"]
    for name in details.fields:
        data[details.add_prefix(name)] = details.initial.get(name, "")
    data.update(changes)
    return data


@pytest.mark.django_db
def test_harriet_uploads_checks_corrects_and_confirms(
    login: Callable[[str], Any], stocktake: Any, personas: dict[str, Any], harrow_docx: Path
) -> None:
    client = login("harriet")
    assert client.get(UPLOAD).status_code == 200
    with harrow_docx.open("rb") as fh:
        response = client.post(UPLOAD, {"document": fh})
    document = ImportedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == _review_url(document)
    page = client.get(_review_url(document))
    html = page.content.decode()
    assert "Check this answer" in html and "(descriptive answer, no hedge found)" in html
    assert 'class="imports-source"' in html and "Task &amp; Finish Group" in html
    assert not Answer.objects.exists()
    data = _review_post(
        page.context, **{"q2-3-status": "partial", "q2-3-evidence": "Partially; see the minutes."}
    )
    done = client.post(_review_url(document), data)
    assert done.status_code == 302
    assert done["Location"] == reverse("returns:task_list", args=["stocktake-2013", HARROW])
    answer = Answer.objects.get(question__number="2.3")
    assert (answer.status, answer.evidence) == ("partial", "Partially; see the minutes.")
    assert answer.source_name == "harrow-stocktake.docx" and answer.source_sha256 == document.sha256
    assert answer.confidence == pytest.approx(0.52) and answer.confirmed_by == personas["harriet"]
    assert Answer.objects.get(question__number="1.1").source_sha256 == document.sha256
    document.refresh_from_db()
    assert document.state == DocumentState.CONFIRMED
    assert AuditEvent.objects.get(verb="import.confirmed").data["corrected"] == ["2.3"]
    confirmed_page = client.get(_review_url(document))
    assert "Confirm and save" not in confirmed_page.content.decode()


@pytest.mark.django_db
def test_uploading_the_same_file_again_leads_to_the_same_document(
    login: Callable[[str], Any], stocktake: Any
) -> None:
    client = login("harriet")
    for _ in range(2):
        response = client.post(UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.seed_text())})
        assert response.status_code == 302
    assert ImportedDocument.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.docx", lambda: b"", "The file is empty"),
        ("broken.docx", helpers.corrupt_docx, "The file is damaged or incomplete"),
        ("locked.docx", helpers.password_protected_docx, "The file is password-protected"),
        ("fire-drill.txt", helpers.wrong_questionnaire, "Only 0 of the 61 questions"),
    ],
)
def test_a_bad_upload_shows_the_reason_in_an_error_summary(
    login: Callable[[str], Any], stocktake: Any, name: str, make: Any, message: str
) -> None:
    response = login("harriet").post(UPLOAD, {"document": SimpleUploadedFile(name, make())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and message in html
    assert html.count(message) == 2  # in the summary and beside the field
    assert ImportedDocument.objects.count() == 0 and not Return.objects.exists()


@pytest.mark.django_db
def test_an_oversized_upload_shows_the_limit(
    login: Callable[[str], Any], stocktake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety, "MAX_BYTES", 1000)
    response = login("harriet").post(UPLOAD, {"document": SimpleUploadedFile("big.txt", helpers.seed_text())})
    assert "the limit is 0 MB. Remove large pictures" in response.content.decode()
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_no_file_chosen_is_an_error(login: Callable[[str], Any], stocktake: Any) -> None:
    response = login("harriet").post(UPLOAD, {})
    assert "Select the completed return to upload" in response.content.decode()


@pytest.mark.django_db
def test_script_in_the_document_is_shown_escaped(login: Callable[[str], Any], stocktake: Any) -> None:
    client = login("harriet")
    client.post(UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.with_script())})
    html = client.get(_review_url(ImportedDocument.objects.get())).content.decode()
    assert "<script>alert" not in html and "<b>developed" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_a_closed_round_refuses_uploads(
    login: Callable[[str], Any], stocktake: Any, personas: dict[str, Any]
) -> None:
    returns_actions.close_round(stocktake, acting_user=personas["nadia"])
    client = login("harriet")
    assert "This return cannot be changed now" in client.get(UPLOAD).content.decode()
    client.post(UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.seed_text())})
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_discarding_keeps_the_draft_unchanged(login: Callable[[str], Any], stocktake: Any) -> None:
    client = login("harriet")
    client.post(UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.seed_text())})
    document = ImportedDocument.objects.get()
    response = client.post(reverse("imports:discard", args=["stocktake-2013", HARROW, document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == DocumentState.DISCARDED and not Answer.objects.exists()


@pytest.mark.django_db
def test_the_leeds_editor_cannot_upload_to_harrow_or_see_its_documents(
    login: Callable[[str], Any], stocktake: Any, personas: dict[str, Any]
) -> None:
    login("harriet").post(UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.seed_text())})
    document = ImportedDocument.objects.get()
    leo = login("leo")
    assert leo.get(UPLOAD).status_code == 404
    assert leo.post(UPLOAD, {"document": SimpleUploadedFile("x.txt", helpers.seed_text())}).status_code == 404
    assert leo.get(_review_url(document)).status_code == 404
    # A Harrow document cannot be reached through Leeds's URL either.
    assert leo.get(reverse("imports:review", args=["stocktake-2013", LEEDS, document.pk])).status_code == 404
    assert ImportedDocument.objects.count() == 1


@pytest.mark.django_db
def test_the_national_team_cannot_upload_into_an_areas_draft(
    login: Callable[[str], Any], stocktake: Any, personas: dict[str, Any]
) -> None:
    # Separation of duties: national users review returns; they do not write them (accounts.access.can).
    response = login("nadia").post(
        UPLOAD, {"document": SimpleUploadedFile("harrow.txt", helpers.seed_text())}
    )
    assert response.status_code == 403
    assert not ImportedDocument.objects.exists()
