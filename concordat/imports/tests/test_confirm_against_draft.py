"""Confirming a document into a draft that already has typed answers: the typed text is kept unless the editor
chooses the document's, a draft changed meanwhile refuses the whole confirmation, and every import event is in
the return's audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.imports import actions
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.questionnaires.models import Question
from concordat.returns import access as returns_access
from concordat.returns import actions as returns_actions
from concordat.returns.models import Answer, Return

from . import helpers

HARROW = "E09000015"
TYPED = "Typed by Harriet before the Word return arrived."


@pytest.fixture
def ret(stocktake: Any, personas: dict[str, Any]) -> Return:
    """Harrow's draft with 1.1 and 1.2 typed by hand, different from what the document says."""
    ret = Return.objects.create(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    questions = Question.objects.filter(questionnaire=stocktake.questionnaire, number__in=["1.1", "1.2"])
    typed = {q: {"status": "partial", "evidence": f"{TYPED} ({q.number})"} for q in questions}
    return returns_actions.save_answers(ret, typed, revisions={}, acting_user=personas["harriet"])


@pytest.fixture
def document(ret: Return, personas: dict[str, Any]) -> ImportedDocument:
    upload = SimpleUploadedFile("harrow.txt", helpers.seed_text())
    return actions.read_upload(ret, upload, acting_user=personas["harriet"])


def _answer(ret: Return, number: str) -> Answer:
    return Answer.objects.get(ret=ret, question__number=number)


@pytest.mark.django_db
def test_typed_answers_are_kept_unless_the_editor_chooses_the_documents(
    ret: Return, document: ImportedDocument, personas: dict[str, Any]
) -> None:
    actions.confirm_import(document, {"choices": {"1.2": "import"}}, acting_user=personas["harriet"])
    kept, taken = _answer(ret, "1.1"), _answer(ret, "1.2")
    assert (kept.status, kept.evidence) == ("partial", f"{TYPED} (1.1)")
    assert kept.source_sha256 == ""  # still the typed answer, not the document's
    assert taken.evidence != f"{TYPED} (1.2)" and taken.source_sha256 == document.sha256
    assert _answer(ret, "2.1").source_sha256 == document.sha256  # new answers go in
    event = AuditEvent.objects.get(verb="import.confirmed")
    assert (event.data["kept"], event.data["replaced"]) == (["1.1"], ["1.2"])
    assert len(event.data["new"]) == 58  # 61 questions: two typed, one blank in the document


@pytest.mark.django_db
def test_an_explicit_keep_leaves_the_draft_answer_alone(
    ret: Return, document: ImportedDocument, personas: dict[str, Any]
) -> None:
    before = _answer(ret, "1.1").revision
    actions.confirm_import(
        document, {"choices": {"1.1": "draft", "1.2": "draft"}}, acting_user=personas["harriet"]
    )
    assert _answer(ret, "1.1").revision == before
    assert _answer(ret, "1.2").evidence == f"{TYPED} (1.2)"


@pytest.mark.django_db
def test_a_draft_changed_after_the_comparison_refuses_the_whole_confirmation(
    ret: Return, document: ImportedDocument, personas: dict[str, Any]
) -> None:
    seen = {"1.1": _answer(ret, "1.1").revision, "1.2": _answer(ret, "1.2").revision, "2.1": 0}
    question = Question.objects.get(questionnaire=ret.round.questionnaire, number="2.1")
    returns_actions.save_answers(  # someone types 2.1 while Harriet checks the document
        ret,
        {question: {"status": "no", "evidence": "Typed meanwhile."}},
        revisions={},
        acting_user=personas["hamid"],
    )
    events = AuditEvent.objects.count()
    with pytest.raises(actions.DraftChanged, match=r"question 2\.1 changed while you were checking"):
        actions.confirm_import(
            document, {"choices": {"1.1": "import"}, "seen_revisions": seen}, acting_user=personas["harriet"]
        )
    assert _answer(ret, "1.1").evidence == f"{TYPED} (1.1)"
    assert _answer(ret, "2.1").evidence == "Typed meanwhile."
    assert Answer.objects.filter(ret=ret).count() == 3
    assert ImportedDocument.objects.get(pk=document.pk).state == DocumentState.READ
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_import_events_are_in_the_returns_audit_trail(
    ret: Return, document: ImportedDocument, personas: dict[str, Any]
) -> None:
    other = actions.read_upload(
        ret, SimpleUploadedFile("other.txt", helpers.with_script()), acting_user=personas["harriet"]
    )
    actions.discard_document(other, acting_user=personas["harriet"])
    actions.confirm_import(document, acting_user=personas["harriet"])
    trail = returns_access.audit_events_of(ret)
    verbs = [e.verb for e in trail if e.verb.startswith("import.")]
    assert verbs == ["import.confirmed", "import.discarded", "import.document_read", "import.document_read"]
    confirmed = next(e for e in trail if e.verb == "import.confirmed")
    assert confirmed.data["document"] == document.pk and confirmed.data["name"] == "harrow.txt"


@pytest.mark.django_db
def test_the_command_leaves_a_document_that_would_replace_typed_text_for_a_person(
    ret: Return, personas: dict[str, Any], tmp_path: Any
) -> None:
    path = tmp_path / "harrow.txt"
    path.write_bytes(helpers.seed_text())
    outcome = actions.import_file(path, round=ret.round, area=ret.area)
    assert outcome.result == actions.NEEDS_REVIEW
    assert "2 answer(s) would replace typed text (1.1, 1.2)" in outcome.reason
    assert _answer(ret, "1.1").evidence == f"{TYPED} (1.1)"
    assert not Answer.objects.filter(ret=ret, question__number="2.1").exists()
