"""Every write of the imports app: read a document into a return, confirm or discard it, import from the CLI.

Each action is one transaction with audit events. Answers reach the draft only through
``concordat.returns.actions.save_answers`` / ``save_completed_by``, with provenance (file, hash, confidence).
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.audit.actions import record
from concordat.imports import comparing
from concordat.imports.comparing import answer_values
from concordat.imports.matching import match_area
from concordat.imports.models import DocumentState, DocumentUpload, ImportedDocument, UploadState
from concordat.imports.reading import Questionnaire, Reading, ReadingError, safety
from concordat.imports.reading.questionnaire import questionnaire_from_dict
from concordat.imports.sandbox import DocumentReader, read_bounded
from concordat.questionnaires.models import Question
from concordat.questionnaires.models import Questionnaire as QuestionnaireModel
from concordat.returns.actions import (
    ActionError,
    check_editable,
    lock_return,
    save_answers,
    save_completed_by,
)
from concordat.returns.models import Answer, Return, Round
from concordat.returns.uploads import clean_filename

SYSTEM_USERNAME = "import-returns"
COMPLETED_BY_KEYS = ("name", "organisation", "contact")


def system_user() -> User:
    """The account bulk imports act as: it cannot sign in; the audit trail shows "system (import-returns)"."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "system", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@lru_cache(maxsize=8)
def _reading_questionnaire(pk: int, content_hash: str) -> Questionnaire:
    return questionnaire_from_dict(QuestionnaireModel.objects.get(pk=pk).definition)


def questionnaire_for(rnd: Round) -> Questionnaire:
    q = rnd.questionnaire
    return _reading_questionnaire(q.pk, q.content_hash)


def _read(source: Path | bytes, name: str, rnd: Round, reader: DocumentReader | None) -> Reading:
    """Read in the bounded child: the batch's own (``reader``) or one for this document."""
    if reader is not None:
        return reader.read(source, name, questionnaire_for(rnd))
    return read_bounded(source, name, questionnaire_for(rnd))


def _store(
    ret: Return, data: bytes, name: str, *, acting_user: User, reading: Reading | None = None
) -> ImportedDocument:
    """Read and keep one document for a return; the same bytes again give the document already kept."""
    safety.check_size(len(data))
    check_editable(ret)
    digest = hashlib.sha256(data).hexdigest()
    if reading is None and (
        ret.pk is None or not ImportedDocument.objects.filter(ret_id=ret.pk, sha256=digest).exists()
    ):
        reading = _read(data, name, ret.round, None)  # before any lock: it takes a while
    ret = lock_return(ret)
    check_editable(ret)
    existing = ImportedDocument.objects.select_for_update().filter(ret=ret, sha256=digest).first()
    if existing is not None:
        if existing.state == DocumentState.DISCARDED:
            existing.state = DocumentState.READ
            existing.save(update_fields=["state"])
            record(
                acting_user,
                "import.document_restored",
                ret,
                area_code=ret.area.ons_code,
                data={"document": existing.pk, "name": existing.original_name},
            )
        return existing
    if reading is None:  # kept by someone else between our check and our lock
        reading = _read(data, name, ret.round, None)
    document = ImportedDocument(
        ret=ret,
        original_name=name,
        sha256=digest,
        size=len(data),
        format=reading.source_format,
        reading=reading.to_json_dict(),
        source_text=reading.source_text,
        uploaded_by=acting_user,
    )
    document.file.save(digest, ContentFile(data), save=False)
    document.save()
    record(
        acting_user,
        "import.document_read",
        ret,  # import events are the return's: its audit trail shows them
        area_code=ret.area.ons_code,
        data={
            "document": document.pk,
            "name": name,
            "sha256": digest,
            "size": len(data),
            "format": reading.source_format,
            "questions_found": reading.found_count,
            "needs_review": document.needs_review_count,
        },
    )
    return document


@transaction.atomic
def read_upload(ret: Return, uploaded_file: "UploadedFile[bytes]", *, acting_user: User) -> ImportedDocument:
    """Check, read and keep an uploaded return document. Raises ReadingError (nothing kept) or ActionError."""
    name = clean_filename(uploaded_file.name or "")
    if uploaded_file.size is not None:
        safety.check_size(uploaded_file.size)
    data = uploaded_file.read(safety.MAX_BYTES + 1)
    return _store(ret, data, name, acting_user=acting_user)


@transaction.atomic
def accept_upload(ret: Return, uploaded_file: "UploadedFile[bytes]", *, acting_user: User) -> DocumentUpload:
    """Keep an uploaded document and hand it to the worker to read (``tasks.read_document_upload``).

    Only the size is checked here, so the request returns at once; the reading happens in the worker, in a
    bounded child. The task is enqueued in this transaction: with the database backend it exists exactly
    when the upload does.
    """
    from concordat.imports.tasks import read_document_upload

    name = clean_filename(uploaded_file.name or "")
    if uploaded_file.size is not None:
        safety.check_size(uploaded_file.size)
    data = uploaded_file.read(safety.MAX_BYTES + 1)
    safety.check_size(len(data))
    check_editable(ret)
    digest = hashlib.sha256(data).hexdigest()
    upload = DocumentUpload(
        round=ret.round,
        area=ret.area,
        original_name=name,
        sha256=digest,
        size=len(data),
        uploaded_by=acting_user,
    )
    upload.file.save(digest, ContentFile(data), save=False)
    upload.save()
    record(
        acting_user,
        "import.document_uploaded",
        upload,
        area_code=ret.area.ons_code,
        data={"name": name, "sha256": digest, "size": len(data)},
    )
    read_document_upload.enqueue(upload.pk)
    return upload


def read_pending(upload_id: int) -> DocumentUpload:
    """The worker's part: read a kept upload in the bounded child, then keep the reading or the reason.

    Run twice (a retried task), the second run finds the upload settled and does nothing.
    """
    upload = DocumentUpload.objects.select_related("round__questionnaire", "area", "uploaded_by").get(
        pk=upload_id
    )
    if upload.state != UploadState.QUEUED:
        return upload
    try:
        with upload.file.open("rb") as fh:
            data = fh.read(safety.MAX_BYTES + 1)
        reading = _read(data, upload.original_name, upload.round, None)
        return _settle(upload, data, reading)
    except (ReadingError, ActionError) as exc:
        return _refuse(upload, exc.message)
    except OSError:
        return _refuse(upload, "The uploaded file was lost before it could be read. Upload it again.")


@transaction.atomic
def _settle(upload: DocumentUpload, data: bytes, reading: Reading) -> DocumentUpload:
    claimed = DocumentUpload.objects.filter(pk=upload.pk, state=UploadState.QUEUED).update(
        state=UploadState.READ, finished_at=timezone.now()
    )
    if not claimed:  # another worker settled it first
        return DocumentUpload.objects.get(pk=upload.pk)
    assert upload.uploaded_by is not None
    document = _store(upload.ret, data, upload.original_name, acting_user=upload.uploaded_by, reading=reading)
    DocumentUpload.objects.filter(pk=upload.pk).update(document=document)
    _forget_file(upload)
    return DocumentUpload.objects.get(pk=upload.pk)


@transaction.atomic
def _refuse(upload: DocumentUpload, message: str) -> DocumentUpload:
    claimed = DocumentUpload.objects.filter(pk=upload.pk, state=UploadState.QUEUED).update(
        state=UploadState.FAILED, message=message, finished_at=timezone.now()
    )
    if claimed:
        record(
            upload.uploaded_by,
            "import.document_refused",
            upload,
            area_code=upload.area.ons_code,
            data={"name": upload.original_name, "sha256": upload.sha256, "reason": message},
        )
        _forget_file(upload)
    return DocumentUpload.objects.get(pk=upload.pk)


def _forget_file(upload: DocumentUpload) -> None:
    """The upload's copy of the file goes once the transaction commits (the document keeps its own)."""
    name, storage = upload.file.name, upload.file.storage
    DocumentUpload.objects.filter(pk=upload.pk).update(file="")
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


def _lock_unsettled(document: ImportedDocument, *related: str) -> ImportedDocument:
    """The document, locked, while it is still waiting to be confirmed or discarded."""
    document = (
        ImportedDocument.objects.select_for_update(of=("self",)).select_related(*related).get(pk=document.pk)
    )
    if document.state != DocumentState.READ:
        raise ActionError(f"This document has already been {document.get_state_display().lower()}.")
    return document


@dataclass
class _Confirmed:
    """The answers a confirmation writes, their provenance, and what happened to each question."""

    answers: dict[Question, dict[str, Any]] = field(default_factory=dict)
    provenance: dict[int, dict[str, Any]] = field(default_factory=dict)
    corrected: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # typed text kept instead of the import
    replaced: list[str] = field(default_factory=list)  # typed text replaced by the import
    new: list[str] = field(default_factory=list)


class DraftChanged(ActionError):
    """The draft changed after the review page compared it with the document; nothing was written."""

    def __init__(self, numbers: list[str]) -> None:
        super().__init__(
            f"The draft's answer to question {', '.join(numbers)} changed while you were checking this "
            "document. Nothing was saved. The page now compares the document with the draft as it is."
        )
        self.numbers = numbers


def _check_seen(drafts: Mapping[str, Answer], seen_revisions: Mapping[str, int] | None) -> None:
    if seen_revisions is None:
        return
    changed = [
        number
        for number, seen in seen_revisions.items()
        if (drafts[number].revision if number in drafts else 0) != seen
    ]
    if changed:
        raise DraftChanged(changed)


def _confirmed_answers(ret: Return, document: ImportedDocument, corrections: Mapping[str, Any]) -> _Confirmed:
    read = document.questions
    corrected_answers: Mapping[str, Mapping[str, Any]] = corrections.get("answers", {})
    choices: Mapping[str, str] = corrections.get("choices", {})
    drafts = comparing.draft_answers(ret)
    _check_seen(drafts, corrections.get("seen_revisions"))
    out = _Confirmed()
    for question in Question.objects.filter(questionnaire=ret.round.questionnaire).order_by("position"):
        values = answer_values(read.get(question.number, {}))
        draft = drafts.get(question.number)
        effect = comparing.effect_of(values, draft.field_values() if draft else None)
        if question.number in corrected_answers:
            given = comparing.normalised({**values, **corrected_answers[question.number]})
            if given != comparing.normalised(values):
                out.corrected.append(question.number)
            values = given
        if effect == comparing.Effect.REPLACES:
            if choices.get(question.number) != comparing.Choice.TAKE_IMPORT:
                out.kept.append(question.number)
                continue
            out.replaced.append(question.number)
        if not any(values.values()):
            continue
        if effect == comparing.Effect.NEW:
            out.new.append(question.number)
        out.answers[question] = values
        out.provenance[question.pk] = {
            "source_name": document.original_name,
            "source_sha256": document.sha256,
            "confidence": read.get(question.number, {}).get("confidence"),
        }
    return out


def _confirm_completed_by(
    ret: Return, document: ImportedDocument, corrected: Mapping[str, Any], *, acting_user: User
) -> Return:
    """The "completed by" block as read and corrected; what is empty there keeps the draft's value."""
    read_details = {k: str(document.reading.get("completed_by", {}).get(k) or "") for k in COMPLETED_BY_KEYS}
    details = {**read_details, **{k: str(v) for k, v in corrected.items()}}
    current = {
        "name": ret.completed_by_name,
        "organisation": ret.completed_by_organisation,
        "contact": ret.completed_by_contact,
    }
    merged = {k: details.get(k, "").strip() or current[k] for k in COMPLETED_BY_KEYS}
    if merged == current:
        return ret
    return save_completed_by(ret, merged, revision=ret.details_revision, acting_user=acting_user)


@transaction.atomic
def confirm_import(
    document: ImportedDocument, corrections: Mapping[str, Any] | None = None, *, acting_user: User
) -> ImportedDocument:
    """Write the document's answers, as corrected and chosen, into the draft: all of them or none.

    ``corrections`` may hold ``"answers"`` (``{number: {field: value}}``) and ``"completed_by"``
    (``{field: value}``): anything not given is taken from the reading. Where the answer read would replace
    an answer typed in the draft, the draft's is kept unless ``"choices"`` says ``{number: "import"}``
    (``comparing.Choice``). ``"seen_revisions"`` (``{number: revision}``, from the review page) refuses the
    whole confirmation with :class:`DraftChanged` if the draft changed since. A question with nothing read
    or entered leaves the draft's answer alone.
    """
    corrections = corrections or {}
    document = _lock_unsettled(document, "ret__round__questionnaire", "ret__area")
    ret = lock_return(document.ret)
    check_editable(ret)
    confirmed = _confirmed_answers(ret, document, corrections)
    revisions = dict(Answer.objects.filter(ret=ret).values_list("question_id", "revision"))
    ret = save_answers(
        ret, confirmed.answers, revisions=revisions, acting_user=acting_user, provenance=confirmed.provenance
    )
    ret = _confirm_completed_by(ret, document, corrections.get("completed_by", {}), acting_user=acting_user)
    document.state = DocumentState.CONFIRMED
    document.confirmed_by = acting_user
    document.confirmed_at = timezone.now()
    document.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    record(
        acting_user,
        "import.confirmed",
        ret,  # the return is the subject, so the event is in the return's audit trail
        area_code=ret.area.ons_code,
        data={
            "document": document.pk,
            "name": document.original_name,
            "sha256": document.sha256,
            "answers": len(confirmed.answers),
            "corrected": confirmed.corrected,
            "new": confirmed.new,
            "replaced": confirmed.replaced,
            "kept": confirmed.kept,
        },
    )
    return document


@transaction.atomic
def discard_document(document: ImportedDocument, *, acting_user: User) -> ImportedDocument:
    document = _lock_unsettled(document, "ret__area")
    document.state = DocumentState.DISCARDED
    document.save(update_fields=["state"])
    record(
        acting_user,
        "import.discarded",
        document.ret,
        area_code=document.ret.area.ons_code,
        data={"document": document.pk, "name": document.original_name},
    )
    return document


IMPORTED, NEEDS_REVIEW, FAILED = "imported", "needs review", "failed"


@dataclass(frozen=True)
class ImportOutcome:
    name: str
    area: str
    result: str  # IMPORTED, NEEDS_REVIEW or FAILED
    reason: str = ""
    document_id: int | None = None


def _waiting_for_a_person(document: ImportedDocument) -> str:
    """Why the command leaves a document for the review page ("" if it may be confirmed at once)."""
    replacing = [
        n for n, c in comparing.compare_with_draft(document).items() if c.effect == comparing.Effect.REPLACES
    ]
    if replacing:
        shown = ", ".join(replacing[:8]) + (" …" if len(replacing) > 8 else "")
        return f"{len(replacing)} answer(s) would replace typed text ({shown}): choose on the review page"
    flagged = [n for n, q in document.questions.items() if q.get("needs_review")]
    if flagged:
        shown = ", ".join(flagged[:8]) + (" …" if len(flagged) > 8 else "")
        return f"{len(flagged)} answer(s) to check ({shown}): confirm on the review page"
    return ""


@transaction.atomic
def import_file(
    path: str | Path,
    *,
    round: Round,
    area: Area | None = None,
    acting_user: User | None = None,
    name: str | None = None,
    areas: list[Area] | None = None,
    reader: DocumentReader | None = None,
) -> ImportOutcome:
    """Import one file into its area's draft, in one transaction.

    The area is ``area``, or matched from the content and file name. A document with no answer below the
    review threshold is confirmed into the draft at once; otherwise it waits for a person on the review page.
    Raises ReadingError or ActionError (nothing written). ``reader`` is the batch's bounded child; without
    one, this file gets a child of its own.
    """
    path = Path(path)
    name = clean_filename(name or path.name)
    acting_user = acting_user or system_user()
    try:
        safety.check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadingError("unreadable", f"The file could not be opened ({exc.strerror}).") from exc
    safety.check_size(len(data))
    reading = _read(path, name, round, reader)  # before any write or lock: it takes a while
    how = "--area"
    if area is None:
        match = match_area(
            reading, name, areas if areas is not None else list(Area.objects.current(round.opens_on))
        )
        if match.area is None:
            raise ActionError(match.problem)
        area, how = match.area, match.how
    ret = Return.objects.filter(round=round, area=area).first() or Return(round=round, area=area)
    document = _store(ret, data, name, acting_user=acting_user, reading=reading)
    if document.state == DocumentState.CONFIRMED:
        return ImportOutcome(name, area.name, IMPORTED, "already imported (same file)", document.pk)
    waiting = _waiting_for_a_person(document)
    if waiting:
        return ImportOutcome(name, area.name, NEEDS_REVIEW, waiting, document.pk)
    confirm_import(document, acting_user=acting_user)
    return ImportOutcome(name, area.name, IMPORTED, f"matched by {how}", document.pk)
