"""read_upload: a document is checked, read and kept once per return; bad files change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.imports import actions
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.imports.reading import ReadingError, safety
from concordat.returns.models import Return

from . import helpers

HARROW = "E09000015"


def _harrow(stocktake: Any) -> Return:
    return Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))


@pytest.mark.django_db
def test_read_upload_keeps_the_document_and_its_reading(stocktake: Any, personas: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("harrow.txt", helpers.seed_text())
    document = actions.read_upload(_harrow(stocktake), upload, acting_user=personas["harriet"])
    assert document.state == DocumentState.READ
    assert document.format == "text" and document.size == len(helpers.seed_text())
    assert len(document.questions) == 61 and document.reading["completed_by"]["name"] == "Amanda Dade"
    assert "Task & Finish Group" in document.source_text
    assert document.file.read() == helpers.seed_text()
    assert AuditEvent.objects.filter(verb="import.document_read", data__document=document.pk).exists()
    assert not document.ret.answers.exists()  # nothing in the draft until someone confirms


@pytest.mark.django_db
def test_the_same_file_twice_is_recognised_by_its_hash(stocktake: Any, personas: dict[str, Any]) -> None:
    first = actions.read_upload(
        _harrow(stocktake),
        SimpleUploadedFile("harrow.txt", helpers.seed_text()),
        acting_user=personas["harriet"],
    )
    again = actions.read_upload(
        _harrow(stocktake), SimpleUploadedFile("copy.txt", helpers.seed_text()), acting_user=personas["hamid"]
    )
    assert again.pk == first.pk
    assert ImportedDocument.objects.count() == 1
    assert AuditEvent.objects.filter(verb="import.document_read").count() == 1


@pytest.mark.django_db
def test_a_discarded_document_uploaded_again_is_restored_not_duplicated(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    upload = SimpleUploadedFile("harrow.txt", helpers.seed_text())
    document = actions.read_upload(_harrow(stocktake), upload, acting_user=personas["harriet"])
    actions.discard_document(document, acting_user=personas["harriet"])
    again = actions.read_upload(
        _harrow(stocktake),
        SimpleUploadedFile("harrow.txt", helpers.seed_text()),
        acting_user=personas["harriet"],
    )
    assert again.pk == document.pk and again.state == DocumentState.READ


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: b"", "empty"),
        (helpers.corrupt_docx, "corrupt"),
        (helpers.password_protected_docx, "encrypted"),
        (helpers.wrong_questionnaire, "wrong_questionnaire"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    stocktake: Any, personas: dict[str, Any], make: Any, code: str
) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ReadingError) as refused:
        actions.read_upload(
            _harrow(stocktake), SimpleUploadedFile("bad.docx", make()), acting_user=personas["harriet"]
        )
    assert refused.value.code == code
    assert ImportedDocument.objects.count() == 0
    assert not Return.objects.filter(area__ons_code=HARROW).exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_an_oversized_file_is_refused_before_it_is_read(
    stocktake: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety, "MAX_BYTES", 1000)
    with pytest.raises(ReadingError) as refused:
        actions.read_upload(
            _harrow(stocktake),
            SimpleUploadedFile("big.txt", helpers.seed_text()),
            acting_user=personas["harriet"],
        )
    assert refused.value.code == "too_large"
    assert ImportedDocument.objects.count() == 0
