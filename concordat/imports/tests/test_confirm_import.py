"""confirm_import: the corrected answers go into the draft with provenance, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.imports import actions
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.returns import actions as returns_actions
from concordat.returns.actions import ActionError
from concordat.returns.models import Answer, Return, ReturnState

from . import helpers

HARROW = "E09000015"


@pytest.fixture
def document(stocktake: Any, personas: dict[str, Any]) -> ImportedDocument:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    upload = SimpleUploadedFile("harrow.txt", helpers.seed_text())
    return actions.read_upload(ret, upload, acting_user=personas["harriet"])


@pytest.mark.django_db
def test_confirm_writes_the_answers_with_provenance(
    document: ImportedDocument, personas: dict[str, Any]
) -> None:
    actions.confirm_import(document, acting_user=personas["harriet"])
    ret = Return.objects.get(pk=document.ret_id)
    answers = {a.question.number: a for a in Answer.objects.filter(ret=ret).select_related("question")}
    assert len(answers) == 60  # 61 questions, one left blank in the document
    first = answers["1.1"]
    assert first.status == "yes" and first.evidence.startswith("Yes; we have developed")
    assert first.source_name == "harrow.txt" and first.source_sha256 == document.sha256
    assert first.confidence == pytest.approx(0.95)
    assert first.confirmed_by == personas["harriet"] and first.confirmed_at is not None
    assert ret.completed_by_name == "Amanda Dade"
    assert ret.completed_by_organisation == "London Borough of Harrow"
    assert ret.state == ReturnState.IN_PROGRESS
    document.refresh_from_db()
    assert document.state == DocumentState.CONFIRMED and document.confirmed_by == personas["harriet"]
    event = AuditEvent.objects.get(verb="import.confirmed")
    assert event.data["corrected"] == [] and event.data["answers"] == 60


@pytest.mark.django_db
def test_corrections_replace_what_was_read(document: ImportedDocument, personas: dict[str, Any]) -> None:
    corrections = {
        "answers": {"1.1": {"status": "partial", "evidence": "Partially; corrected by Harriet."}},
        "completed_by": {"contact": "amanda@example.org"},
    }
    actions.confirm_import(document, corrections, acting_user=personas["harriet"])
    answer = Answer.objects.get(ret_id=document.ret_id, question__number="1.1")
    assert (answer.status, answer.evidence) == ("partial", "Partially; corrected by Harriet.")
    assert answer.source_sha256 == document.sha256
    assert Return.objects.get(pk=document.ret_id).completed_by_contact == "amanda@example.org"
    assert AuditEvent.objects.get(verb="import.confirmed").data["corrected"] == ["1.1"]


@pytest.mark.django_db
def test_a_bad_correction_writes_nothing(document: ImportedDocument, personas: dict[str, Any]) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ActionError):
        actions.confirm_import(
            document, {"answers": {"9.1": {"status": "maybe"}}}, acting_user=personas["harriet"]
        )
    assert not Answer.objects.filter(ret_id=document.ret_id).exists()
    assert ImportedDocument.objects.get(pk=document.pk).state == DocumentState.READ
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_document_cannot_be_confirmed_twice(document: ImportedDocument, personas: dict[str, Any]) -> None:
    actions.confirm_import(document, acting_user=personas["harriet"])
    with pytest.raises(ActionError, match="already been confirmed"):
        actions.confirm_import(document, acting_user=personas["harriet"])


@pytest.mark.django_db
def test_a_closed_round_is_refused(
    document: ImportedDocument, personas: dict[str, Any], stocktake: Any
) -> None:
    returns_actions.close_round(stocktake, acting_user=personas["nadia"])
    with pytest.raises(ActionError, match="not open"):
        actions.confirm_import(document, acting_user=personas["harriet"])
    assert not Answer.objects.filter(ret_id=document.ret_id).exists()
    with pytest.raises(ActionError, match="not open"):
        actions.read_upload(
            document.ret,
            SimpleUploadedFile("other.txt", helpers.with_script()),
            acting_user=personas["harriet"],
        )


@pytest.mark.django_db
def test_an_accepted_return_is_refused(document: ImportedDocument, personas: dict[str, Any]) -> None:
    Return.objects.filter(pk=document.ret_id).update(
        state=ReturnState.ACCEPTED
    )  # as accept_version leaves it
    with pytest.raises(ActionError, match="accepted and is locked"):
        actions.confirm_import(document, acting_user=personas["harriet"])
    assert ImportedDocument.objects.get(pk=document.pk).state == DocumentState.READ


@pytest.mark.django_db
def test_a_partial_reading_imports_only_what_was_found(personas: dict[str, Any], stocktake: Any) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    first_part = helpers.seed_text().decode("utf-8").split("4. Current Review Programme")[0]
    upload = SimpleUploadedFile("harrow-part.txt", first_part.encode("utf-8"))
    document = actions.read_upload(ret, upload, acting_user=personas["harriet"])
    assert document.reading["to_complete"][:2] == ["4.1", "4.2"]
    actions.confirm_import(document, acting_user=personas["harriet"])
    numbers = set(Answer.objects.filter(ret_id=document.ret_id).values_list("question__number", flat=True))
    assert "1.1" in numbers and "3.5" in numbers
    assert not {n for n in numbers if not n.startswith(("1.", "2.", "3."))}
