"""Editing a draft: answers, the "completed by" block, attachments."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import event, record, record_all
from concordat.audit.models import AuditEvent
from concordat.questionnaires.models import AnswerType, Question
from concordat.questionnaires.types import InvalidValue, clean_value
from concordat.returns.models import STATUS_VALUES, Answer, Attachment, Return
from concordat.returns.uploads import CheckedUpload
from concordat.returns.vocabulary import ANSWER_FIELDS
from concordat.rows import insert_rows, update_rows

from .carry import confirm_carried, unconfirmed_improvement
from .errors import MAX_EVIDENCE_CHARS, MAX_SHORT_CHARS, ActionError, Conflict, StaleEdit
from .locking import after_edit, check_editable, lock_return

# Provenance of an answer read from an imported document, copied onto the answer as it is confirmed.
PROVENANCE_FIELDS = ("source_name", "source_sha256", "confidence")


def _blank_columns(value: Any) -> dict[str, Any]:
    return {
        "status": "",
        "evidence": "",
        "good_practice": False,
        "good_practice_description": "",
        "support_required": False,
        "support_description": "",
        "value": value,
    }


def clean_answer_values(question: Question, values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise one answer's values; drafts may be incomplete, but never malformed.

    A question of a value type keeps its answer in ``value``, checked by ``questionnaires.types`` (the one
    place the type rules live); the assessment's columns stay empty for it.
    """
    if question.uses_value or question.answer_type == AnswerType.FILE:
        try:
            value = clean_value(question.spec, values.get("value"))
        except InvalidValue as exc:
            raise ActionError(f"Question {question.number}: {exc}.", field=question.number) from exc
        return _blank_columns(value)
    status = values.get("status") or ""
    if status and status not in STATUS_VALUES:
        raise ActionError(
            f"Question {question.number}: choose one of the answers shown.", field=question.number
        )
    if question.answer_type == AnswerType.TEXT:
        status = ""
    cleaned: dict[str, Any] = {
        "status": status,
        "evidence": str(values.get("evidence") or "").replace("\r\n", "\n").strip(),
        "good_practice": bool(values.get("good_practice")),
        "good_practice_description": str(values.get("good_practice_description") or "").strip(),
        "support_required": bool(values.get("support_required")),
        "support_description": str(values.get("support_description") or "").strip(),
        "value": None,
    }
    if len(cleaned["evidence"]) > MAX_EVIDENCE_CHARS:
        raise ActionError(
            f"Question {question.number}: the evidence must be {MAX_EVIDENCE_CHARS:,} characters or fewer.",
            field=question.number,
        )
    for key in ("good_practice_description", "support_description"):
        if len(cleaned[key]) > MAX_SHORT_CHARS:
            raise ActionError(
                f"Question {question.number}: descriptions must be {MAX_SHORT_CHARS:,} characters or fewer.",
                field=question.number,
            )
    return cleaned


def _conflicts(
    cleaned: Mapping[Question, dict[str, Any]], existing: Mapping[int, Answer], revisions: Mapping[int, int]
) -> list[Conflict]:
    """The answers someone else changed since the editor's revision, to something other than theirs."""
    conflicts = []
    for question, values in cleaned.items():
        current = existing.get(question.pk)
        base_revision = revisions.get(question.pk, 0)
        if current is not None and current.revision != base_revision and current.field_values() != values:
            conflicts.append(
                Conflict(
                    question, current.field_values(), str(current.updated_by or "someone"), current.updated_at
                )
            )
    return conflicts


def _entered(value: Any) -> bool:
    return value is not None and value is not False and value not in ("", [], {})


def _apply_answer(
    ret: Return,
    question: Question,
    current: Answer | None,
    values: dict[str, Any],
    *,
    source: Mapping[str, Any] | None,
    acting_user: User,
    now: datetime.datetime,
) -> tuple[Answer, dict[str, Any]] | None:
    """Set one answer's new values in memory, with its audit event's data; None if nothing changes."""
    before = current.field_values() if current else None
    if before == values or (current is None and not any(_entered(v) for v in values.values())):
        return None
    if current is None:
        current = Answer(ret=ret, question=question)
    else:
        current.question = question  # already loaded: the audit text needs its number
    for key, value in values.items():
        setattr(current, key, value)
    current.revision = (current.revision or 0) + 1
    current.updated_by = acting_user
    current.updated_at = now
    if current.carried_from_id is not None and current.carry_confirmed_at is None:
        # Changing a carried answer is the area's answer to it: it no longer waits to be confirmed.
        current.carry_confirmed_by, current.carry_confirmed_at = acting_user, now
    if source:
        for key in PROVENANCE_FIELDS:
            setattr(current, key, source.get(key, getattr(current, key)))
        current.confirmed_by = acting_user
        current.confirmed_at = now
    data = {"question": question.number, "before": before, "after": values, "source": dict(source or {})}
    return current, data


_WRITTEN_FIELDS = (
    *ANSWER_FIELDS,
    "value",
    "revision",
    "updated_by",
    "updated_at",
    *PROVENANCE_FIELDS,
    "confirmed_by",
    "confirmed_at",
    "carry_confirmed_by",
    "carry_confirmed_at",
)


def _bulk_write(
    ret: Return, changes: list[tuple[Answer, dict[str, Any]]], *, acting_user: User
) -> list[AuditEvent]:
    """A constant number of statements for any number of answers: one insert, one update; their audit events,
    to append with the rest of the write's (one read of the chain head for all)."""
    new = [answer for answer, _ in changes if answer.pk is None]
    old = [answer for answer, _ in changes if answer.pk is not None]
    if new:
        insert_rows(new)
    if old:
        update_rows(old, _WRITTEN_FIELDS)
    # After the insert: each event names its answer's id.
    area = ret.area.ons_code
    return [event(acting_user, "answer.saved", answer, area_code=area, data=data) for answer, data in changes]


@transaction.atomic
def save_answers(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    acting_user: User,
    provenance: Mapping[int, Mapping[str, Any]] | None = None,
) -> Return:
    """Save draft answers. ``revisions`` maps question id → the revision the editor started from.

    All or nothing: if any answer changed underneath the editor, :class:`StaleEdit` is raised and
    nothing is written.
    """
    ret = lock_return(ret)
    check_editable(ret)
    if write_answers(ret, answers, revisions=revisions, acting_user=acting_user, provenance=provenance):
        after_edit(ret, acting_user=acting_user)
    return ret


def write_answers(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    acting_user: User,
    provenance: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[str]:
    """Write the changed answers of a locked, editable return; the numbers of the questions changed."""
    # Not joined to the editor: ``updated_by`` is read only for a conflict, which is rare.
    existing = _locked_answers(ret, Answer.objects.filter(question__in=list(answers)))
    changed, events = _write_answers(
        ret, answers, existing, revisions=revisions, acting_user=acting_user, provenance=provenance
    )
    record_all(events)
    return [answer.question.number for answer in changed]


def _locked_answers(ret: Return, answers: Any = None) -> dict[int, Answer]:
    """Question id → the return's answer, row-locked (``answers``: a queryset narrowing them)."""
    found = (Answer.objects.all() if answers is None else answers).select_for_update(of=("self",))
    return {a.question_id: a for a in found.filter(ret=ret)}


def _write_answers(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    existing: Mapping[int, Answer],
    *,
    revisions: Mapping[int, int],
    acting_user: User,
    provenance: Mapping[int, Mapping[str, Any]] | None = None,
) -> tuple[list[Answer], list[AuditEvent]]:
    """Write the changed answers given the locked ``existing`` ones: the answers changed, as written, and
    their audit events (not yet appended)."""
    cleaned = {q: clean_answer_values(q, values) for q, values in answers.items()}
    conflicts = _conflicts(cleaned, existing, revisions)
    if conflicts:
        raise StaleEdit(conflicts)
    for question, values in cleaned.items():
        refusal = unconfirmed_improvement(existing.get(question.pk), question, values)
        if refusal:
            raise ActionError(refusal, field=question.number)
    now = timezone.now()
    changes = []
    for question, values in cleaned.items():
        source = (provenance or {}).get(question.pk)
        change = _apply_answer(
            ret, question, existing.get(question.pk), values, source=source, acting_user=acting_user, now=now
        )
        if change is not None:
            changes.append(change)
    events = _bulk_write(ret, changes, acting_user=acting_user) if changes else []
    return [answer for answer, _ in changes], events


@dataclass(frozen=True)
class SavedDraft:
    ret: Return  # locked, as written
    changed: list[str]  # the numbers of the questions whose answers changed
    revisions: dict[int, int]  # question id → its answer's revision, after the write


# No savepoint of its own (two statements fewer a write, as ``record_all``): inside a caller's transaction,
# a refusal (``precondition`` included) rolls back the caller's whole transaction.
@transaction.atomic(savepoint=False)
def save_draft(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    completed_by: Mapping[str, str] | None,
    acting_user: User,
    precondition: Callable[[Return, Mapping[int, int]], None] | None = None,
    locked: bool = False,
) -> SavedDraft:
    """Answers and the "completed by" block saved under one lock of the return, all or nothing (the API's
    PATCH and whole-return PUT).

    Every answer of the return is locked and read once; ``precondition`` is then called with the locked
    return and each answer's revision (question id → revision) and raises to refuse before anything is
    written (the API's ``If-Match``). The answers are written over those revisions: under the lock nothing
    can have changed since. ``locked``: ``ret`` was read under its row lock in this transaction
    (``returns.access.lock_return_for_user``), so it is not read and locked again.
    """
    if not locked or ret.pk is None:
        ret = lock_return(ret)
    check_editable(ret)
    existing = _locked_answers(ret)
    revisions = {question_id: answer.revision for question_id, answer in existing.items()}
    if precondition is not None:
        precondition(ret, revisions)
    changed, events = _write_answers(ret, answers, existing, revisions=revisions, acting_user=acting_user)
    if completed_by is not None:
        events += _write_completed_by(ret, completed_by, acting_user=acting_user)
    record_all(events)  # the answers' events and the block's, on one read of the chain head
    if events:
        after_edit(ret, acting_user=acting_user)
    revisions.update({answer.question_id: answer.revision for answer in changed})
    return SavedDraft(ret, [answer.question.number for answer in changed], revisions)


@transaction.atomic
def save_completed_by(ret: Return, values: Mapping[str, str], *, revision: int, acting_user: User) -> Return:
    ret = lock_return(ret)
    check_editable(ret)
    if ret.details_revision != revision and _completed_by_changes(ret, values):
        raise ActionError(
            "Someone else changed these details while you were editing. Your changes were not saved. "
            "Check the details below, then make your change again."
        )
    events = _write_completed_by(ret, values, acting_user=acting_user)
    if events:
        record_all(events)
        after_edit(ret, acting_user=acting_user)
    return ret


def _completed_by(ret: Return) -> dict[str, str]:
    return {
        "name": ret.completed_by_name,
        "organisation": ret.completed_by_organisation,
        "contact": ret.completed_by_contact,
    }


def _completed_by_changes(ret: Return, values: Mapping[str, str]) -> bool:
    return {k: str(values.get(k, "")).strip()[:200] for k in _completed_by(ret)} != _completed_by(ret)


def _write_completed_by(ret: Return, values: Mapping[str, str], *, acting_user: User) -> list[AuditEvent]:
    """Save the block on a locked, editable return; its audit event (not yet appended), if it changed."""
    before = _completed_by(ret)
    after = {k: str(values.get(k, "")).strip()[:200] for k in before}
    if after == before:
        return []
    ret.completed_by_name, ret.completed_by_organisation, ret.completed_by_contact = (
        after["name"],
        after["organisation"],
        after["contact"],
    )
    ret.details_revision += 1
    ret.save()
    return [
        event(
            acting_user,
            "return.details_saved",
            ret,
            area_code=ret.area.ons_code,
            data={"before": before, "after": after},
        )
    ]


@transaction.atomic
def add_attachment(
    ret: Return, question: Question, upload: CheckedUpload, *, acting_user: User
) -> Attachment:
    ret = lock_return(ret)
    check_editable(ret)
    answer, _ = Answer.objects.get_or_create(ret=ret, question=question)
    if answer.attachments.filter(sha256=upload.sha256, removed_at__isnull=True).exists():
        raise ActionError("That file is already attached to this answer.")
    attachment = Attachment(
        answer=answer,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=acting_user,
    )
    attachment.file.save(upload.sha256, ContentFile(upload.data), save=False)
    attachment.save()
    answer.revision += 1
    answer.updated_by = acting_user
    answer.save(update_fields=["revision", "updated_by", "updated_at"])
    record(
        acting_user,
        "attachment.added",
        attachment,
        area_code=ret.area.ons_code,
        data={"question": question.number, "name": upload.name, "sha256": upload.sha256, "size": upload.size},
    )
    after_edit(ret, acting_user=acting_user)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, acting_user: User) -> None:
    """Removed from the draft only: submitted versions keep the file they were signed with."""
    ret = lock_return(attachment.answer.ret)
    check_editable(ret)
    if attachment.removed_at is not None:
        return
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])
    record(
        acting_user,
        "attachment.removed",
        attachment,
        area_code=ret.area.ons_code,
        data={"name": attachment.original_name},
    )
    after_edit(ret, acting_user=acting_user)


@transaction.atomic
def save_section(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    uploads: Mapping[Question, CheckedUpload],
    acting_user: User,
    confirm: Iterable[int] = (),
) -> Return:
    """A section page's answers, new attachments and confirmations of carried answers (question ids), saved
    together or not at all."""
    ret = save_answers(ret, answers, revisions=revisions, acting_user=acting_user)
    for question, upload in uploads.items():
        add_attachment(ret, question, upload, acting_user=acting_user)
    confirm = list(confirm)
    if confirm:
        ret = confirm_carried_answers(ret, confirm, acting_user=acting_user)
    return ret


@transaction.atomic
def confirm_carried_answers(ret: Return, question_ids: Iterable[int], *, acting_user: User) -> Return:
    """The area confirms that answers carried forward from the last round still stand, unchanged."""
    ret = lock_return(ret)
    check_editable(ret)
    if confirm_carried(ret, question_ids, acting_user=acting_user):
        after_edit(ret, acting_user=acting_user)
    return ret
