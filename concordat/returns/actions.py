"""Every change to rounds and returns. Each action is one transaction and appends audit events."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import SignatoryRole
from concordat.audit.actions import record
from concordat.questionnaires.models import AnswerType, Question
from concordat.returns import notices
from concordat.returns.content import ANSWER_FIELDS, content_hash, draft_content
from concordat.returns.models import (
    Answer,
    Attachment,
    Return,
    ReturnState,
    ReturnVersion,
    Review,
    ReviewDecision,
    Round,
    RoundState,
    Signature,
    Status,
)
from concordat.returns.uploads import CheckedUpload

MAX_EVIDENCE_CHARS = 20_000
MAX_SHORT_CHARS = 2_000


class ActionError(Exception):
    """A business rule refused the change. ``message`` is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Conflict:
    question: Question
    theirs: dict[str, Any]
    by: str
    at: datetime.datetime | None


class StaleEdit(ActionError):
    """Someone else saved first; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        numbers = ", ".join(c.question.number for c in conflicts)
        super().__init__(
            f"Someone else changed question {numbers} while you were editing. Your changes were not saved. "
            "Check their answer below, then make your change again."
        )
        self.conflicts = conflicts


class SubmitProblems(ActionError):
    """The draft is incomplete: ``problems`` holds (anchor, message) pairs in question order."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("The return cannot be submitted yet.")
        self.problems = problems


def lock_return(ret: Return) -> Return:
    """Create the return on first write and take a row lock for the rest of the transaction."""
    if ret.pk is None:
        ret, _ = Return.objects.get_or_create(round=ret.round, area=ret.area)
    return (
        Return.objects.select_for_update(of=("self",))
        .select_related("round__questionnaire", "area")
        .get(pk=ret.pk)
    )


def check_editable(ret: Return) -> None:
    if ret.round.state != RoundState.OPEN:
        raise ActionError("This round is not open, so its returns cannot be changed.")
    if ret.is_locked:
        raise ActionError("This return has been accepted and is locked. Ask the national team to reopen it.")


def _after_edit(ret: Return) -> None:
    """Any edit after submission starts a new draft: the submitted versions stay as they were."""
    if ret.state != ReturnState.IN_PROGRESS:
        notices.return_changed(ret)
        ret.state = ReturnState.IN_PROGRESS
        ret.save(update_fields=["state", "updated_at"])


def _answer_values(answer: Answer) -> dict[str, Any]:
    return {f: getattr(answer, f) for f in ANSWER_FIELDS}


def clean_answer_values(question: Question, values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise one answer's values; drafts may be incomplete, but never malformed."""
    status = values.get("status") or ""
    if status and status not in Status.values:
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


@transaction.atomic
def save_answers(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    acting_user: Any,
    provenance: Mapping[int, Mapping[str, Any]] | None = None,
) -> Return:
    """Save draft answers. ``revisions`` maps question id → the revision the editor started from.

    All or nothing: if any answer changed underneath the editor, :class:`StaleEdit` is raised and
    nothing is written.
    """
    ret = lock_return(ret)
    check_editable(ret)
    cleaned = {q: clean_answer_values(q, values) for q, values in answers.items()}
    existing = {
        a.question_id: a
        for a in Answer.objects.select_for_update(of=("self",))
        .filter(ret=ret, question__in=list(answers))
        .select_related("updated_by")
    }
    conflicts = []
    for question, values in cleaned.items():
        current = existing.get(question.pk)
        base_revision = revisions.get(question.pk, 0)
        if current is not None and current.revision != base_revision and _answer_values(current) != values:
            conflicts.append(
                Conflict(
                    question,
                    _answer_values(current),
                    str(current.updated_by or "someone"),
                    current.updated_at,
                )
            )
    if conflicts:
        raise StaleEdit(conflicts)
    changed = False
    for question, values in cleaned.items():
        current = existing.get(question.pk)
        before = _answer_values(current) if current else None
        if before == values or (current is None and not any(values.values())):
            continue
        if current is None:
            current = Answer(ret=ret, question=question)
        for key, value in values.items():
            setattr(current, key, value)
        current.revision = (current.revision or 0) + 1
        current.updated_by = acting_user
        source = (provenance or {}).get(question.pk)
        if source:
            for key in ("source_name", "source_sha256", "confidence"):
                setattr(current, key, source.get(key, getattr(current, key)))
            current.confirmed_by = acting_user
            current.confirmed_at = timezone.now()
        current.save()
        changed = True
        record(
            acting_user,
            "answer.saved",
            current,
            area_code=ret.area.ons_code,
            data={
                "question": question.number,
                "before": before,
                "after": values,
                "source": dict(source or {}),
            },
        )
    if changed:
        _after_edit(ret)
    return ret


@transaction.atomic
def save_completed_by(ret: Return, values: Mapping[str, str], *, revision: int, acting_user: Any) -> Return:
    ret = lock_return(ret)
    check_editable(ret)
    before = {
        "name": ret.completed_by_name,
        "organisation": ret.completed_by_organisation,
        "contact": ret.completed_by_contact,
    }
    after = {k: str(values.get(k, "")).strip()[:200] for k in before}
    if after == before:
        return ret
    if ret.details_revision != revision:
        raise ActionError(
            "Someone else changed these details while you were editing. Your changes were not saved. "
            "Check the details below, then make your change again."
        )
    ret.completed_by_name, ret.completed_by_organisation, ret.completed_by_contact = (
        after["name"],
        after["organisation"],
        after["contact"],
    )
    ret.details_revision += 1
    ret.save()
    record(
        acting_user,
        "return.details_saved",
        ret,
        area_code=ret.area.ons_code,
        data={"before": before, "after": after},
    )
    _after_edit(ret)
    return ret


@transaction.atomic
def add_attachment(ret: Return, question: Question, upload: CheckedUpload, *, acting_user: Any) -> Attachment:
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
    _after_edit(ret)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, acting_user: Any) -> None:
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
    _after_edit(ret)


def submission_problems(ret: Return, content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What stops a draft being submitted, in question order, as (anchor, message)."""
    problems: list[tuple[str, str]] = []
    answers = content["answers"]
    for question in Question.objects.filter(questionnaire=ret.round.questionnaire).order_by("position"):
        answer = answers.get(question.number)
        n = question.number
        if question.answer_type == AnswerType.ASSESSMENT and not (answer and answer["status"]):
            problems.append((f"answer-{n}", f"Question {n}: select Yes, Partially, No or Not applicable."))
        if not (answer and answer["evidence"].strip()):
            problems.append((f"answer-{n}", f"Question {n}: enter your assessment and evidence."))
        if answer and answer["good_practice"] and not answer["good_practice_description"]:
            problems.append(
                (f"answer-{n}", f"Question {n}: describe the good practice example, or untick it.")
            )
        if answer and answer["support_required"] and not answer["support_description"]:
            problems.append(
                (f"answer-{n}", f"Question {n}: say what support you need, or untick support required.")
            )
    if not content["completed_by"]["name"]:
        problems.append(("completed-by", "Enter the name of the person who completed this return."))
    return problems


def _state_of_version(version: ReturnVersion) -> str:
    review = version.reviews.order_by("-decided_at", "-id").first()
    if review and review.decision == ReviewDecision.ACCEPTED:
        return ReturnState.ACCEPTED
    if review and review.decision == ReviewDecision.QUERIED:
        return ReturnState.QUERIED
    return ReturnState.SIGNED_OFF if is_signed_off(version) else ReturnState.SUBMITTED


def required_signatory_roles(ret: Return) -> list[str]:
    roles = [s["role"] for s in ret.round.questionnaire.signatory_roles]
    return roles or list(SignatoryRole.values)


def is_signed_off(version: ReturnVersion) -> bool:
    signed = {s.role for s in version.signatures.all() if s.content_hash == version.content_hash}
    return set(required_signatory_roles(version.ret)) <= signed


@transaction.atomic
def submit_return(ret: Return, *, acting_user: Any, now: datetime.datetime | None = None) -> ReturnVersion:
    """Freeze the draft as a new immutable version for signing."""
    ret = lock_return(ret)
    check_editable(ret)
    content = draft_content(ret)
    problems = submission_problems(ret, content)
    if problems:
        raise SubmitProblems(problems=problems)
    digest = content_hash(content)
    latest = ret.latest_version
    if latest is not None and latest.content_hash == digest:
        if ret.state in (ReturnState.SUBMITTED, ReturnState.SIGNED_OFF):
            raise ActionError(f"This return has already been submitted as version {latest.number}.")
        # Edited and changed back: the existing version (and its signatures) still stands.
        ret.state = _state_of_version(latest)
        if ret.state == ReturnState.QUERIED:
            ret.state = ReturnState.SIGNED_OFF if is_signed_off(latest) else ReturnState.SUBMITTED
        ret.save(update_fields=["state", "updated_at"])
        return latest
    now = now or timezone.now()
    version = ReturnVersion.objects.create(
        ret=ret,
        number=(latest.number + 1) if latest else 1,
        content=content,
        content_hash=digest,
        submitted_by=acting_user,
        submitted_at=now,
    )
    ret.latest_version = version
    ret.state = ReturnState.SUBMITTED
    ret.first_submitted_at = ret.first_submitted_at or now
    ret.save()
    record(
        acting_user,
        "return.submitted",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "content_hash": digest},
    )
    notices.version_submitted(version)
    return version


@transaction.atomic
def sign_version(
    version: ReturnVersion,
    role: str,
    *,
    seen_hash: str,
    acting_user: Any,
    now: datetime.datetime | None = None,
) -> Signature:
    """Sign the exact content the signatory was shown (``seen_hash``)."""
    ret = lock_return(version.ret)
    version = ReturnVersion.objects.get(pk=version.pk)
    if ret.latest_version_id != version.pk:
        raise ActionError("This version has been replaced by a newer one. Read and sign the latest version.")
    if ret.state not in (ReturnState.SUBMITTED, ReturnState.SIGNED_OFF):
        raise ActionError(
            "The return has been changed since this version was submitted. It must be submitted again before "
            "it can be signed."
        )
    if seen_hash != version.content_hash:
        raise ActionError("The version you read is not the version on record. Read it again before signing.")
    if role not in required_signatory_roles(ret):
        raise ActionError("You cannot sign this return in that role.")
    if version.signatures.filter(role=role).exists():
        raise ActionError("This version has already been signed in that role.")
    signature = Signature.objects.create(
        version=version,
        role=role,
        signed_by=acting_user,
        signer_name=acting_user.get_full_name() or acting_user.get_username(),
        content_hash=version.content_hash,
        signed_at=now or timezone.now(),
    )
    record(
        acting_user,
        "return.signed",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "role": role, "content_hash": version.content_hash},
    )
    if is_signed_off(version):
        ret.state = ReturnState.SIGNED_OFF
        ret.save(update_fields=["state", "updated_at"])
        record(
            acting_user,
            "return.signed_off",
            ret,
            area_code=ret.area.ons_code,
            data={"version": version.number},
        )
    return signature


def _review(version: ReturnVersion, decision: str, comment: str, acting_user: Any) -> Review:
    return Review.objects.create(
        version=version, decision=decision, comment=comment, decided_by=acting_user, decided_at=timezone.now()
    )


@transaction.atomic
def accept_version(version: ReturnVersion, *, acting_user: Any, comment: str = "") -> Review:
    ret = lock_return(version.ret)
    if ret.latest_version_id != version.pk or ret.state != ReturnState.SIGNED_OFF:
        raise ActionError(
            "Only the latest version, once all three signatories have signed it, can be accepted."
        )
    review = _review(version, ReviewDecision.ACCEPTED, comment.strip(), acting_user)
    ret.state = ReturnState.ACCEPTED
    ret.save(update_fields=["state", "updated_at"])
    record(acting_user, "return.accepted", ret, area_code=ret.area.ons_code, data={"version": version.number})
    notices.return_accepted(review)
    return review


@transaction.atomic
def query_version(version: ReturnVersion, *, acting_user: Any, comment: str) -> Review:
    """Return a version to the area with a question; the area can answer it and edit the return."""
    comment = comment.strip()
    if not comment:
        raise ActionError("Enter the query for the area.", field="comment")
    if len(comment) > MAX_SHORT_CHARS * 5:
        raise ActionError("The query must be 10,000 characters or fewer.", field="comment")
    ret = lock_return(version.ret)
    if ret.latest_version_id != version.pk or ret.state not in (
        ReturnState.SUBMITTED,
        ReturnState.SIGNED_OFF,
    ):
        raise ActionError("Only the latest submitted version can be queried.")
    review = _review(version, ReviewDecision.QUERIED, comment, acting_user)
    ret.state = ReturnState.QUERIED
    ret.save(update_fields=["state", "updated_at"])
    record(
        acting_user,
        "return.queried",
        ret,
        area_code=ret.area.ons_code,
        data={"version": version.number, "comment": comment},
    )
    notices.query_raised(review)
    return review


@transaction.atomic
def respond_to_query(review: Review, *, acting_user: Any, response: str) -> Review:
    response = response.strip()
    if not response:
        raise ActionError("Enter your response to the query.", field="response")
    if len(response) > MAX_SHORT_CHARS * 5:
        raise ActionError("The response must be 10,000 characters or fewer.", field="response")
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.QUERIED:
        raise ActionError("Only a query can be answered.")
    if review.responded_at is not None:
        raise ActionError("This query has already been answered.")
    review.response, review.responded_by, review.responded_at = response, acting_user, timezone.now()
    review.save()
    ret = review.version.ret
    record(
        acting_user, "return.query_answered", ret, area_code=ret.area.ons_code, data={"response": response}
    )
    notices.query_answered(review)
    return review


@transaction.atomic
def reopen_return(ret: Return, *, acting_user: Any, reason: str) -> Return:
    reason = reason.strip()
    if not reason:
        raise ActionError("Enter why the return is being reopened.", field="reason")
    ret = lock_return(ret)
    if ret.state != ReturnState.ACCEPTED or ret.latest_version is None:
        raise ActionError("Only an accepted return can be reopened.")
    _review(ret.latest_version, ReviewDecision.REOPENED, reason, acting_user)
    ret.state = ReturnState.IN_PROGRESS
    ret.save(update_fields=["state", "updated_at"])
    record(acting_user, "return.reopened", ret, area_code=ret.area.ons_code, data={"reason": reason})
    notices.return_reopened(ret, reason=reason)
    return ret


@transaction.atomic
def create_round(
    *,
    slug: str,
    title: str,
    questionnaire: Any,
    opens_on: datetime.date,
    deadline: datetime.date,
    acting_user: Any,
    synthetic: bool = False,
) -> Round:
    if deadline < opens_on:
        raise ActionError("The deadline must be on or after the opening date.", field="deadline")
    if Round.objects.filter(slug=slug).exists():
        raise ActionError(f"A round called {slug} already exists.", field="slug")
    rnd = Round.objects.create(
        slug=slug,
        title=title,
        questionnaire=questionnaire,
        opens_on=opens_on,
        deadline=deadline,
        synthetic=synthetic,
    )
    record(acting_user, "round.created", rnd, data={"questionnaire": str(questionnaire)})
    return rnd


@transaction.atomic
def open_round(rnd: Round, *, acting_user: Any) -> Round:
    """Opening freezes the questionnaire: from now on a change to it makes a new version."""
    rnd = Round.objects.select_for_update().select_related("questionnaire").get(pk=rnd.pk)
    if rnd.state not in (RoundState.DRAFT, RoundState.CLOSED):
        raise ActionError("Only a draft or closed round can be opened.")
    rnd.state = RoundState.OPEN
    rnd.save(update_fields=["state"])
    if rnd.questionnaire.frozen_at is None:
        rnd.questionnaire.frozen_at = timezone.now()
        rnd.questionnaire.save(update_fields=["frozen_at"])
    record(acting_user, "round.opened", rnd)
    return rnd


@transaction.atomic
def close_round(rnd: Round, *, acting_user: Any) -> Round:
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if rnd.state != RoundState.OPEN:
        raise ActionError("Only an open round can be closed.")
    rnd.state = RoundState.CLOSED
    rnd.save(update_fields=["state"])
    record(acting_user, "round.closed", rnd)
    return rnd


@transaction.atomic
def save_section(
    ret: Return,
    answers: Mapping[Question, Mapping[str, Any]],
    *,
    revisions: Mapping[int, int],
    uploads: Mapping[Question, CheckedUpload],
    acting_user: Any,
) -> Return:
    """A section page's answers and new attachments, saved together or not at all."""
    ret = save_answers(ret, answers, revisions=revisions, acting_user=acting_user)
    for question, upload in uploads.items():
        add_attachment(ret, question, upload, acting_user=acting_user)
    return ret
