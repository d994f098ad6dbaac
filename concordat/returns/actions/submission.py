"""Submitting a draft as an immutable version, and signing that exact version."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires.models import AnswerType, Question
from concordat.returns import notices
from concordat.returns.content import content_hash, draft_content
from concordat.returns.models import Return, ReturnState, ReturnVersion, ReviewDecision, Signature
from concordat.returns.vocabulary import SIGNATORY_ROLES, answer_problems

from .errors import ActionError, SubmitProblems
from .locking import check_editable, lock_return


def _answer_problems(question: Question, answer: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    n = question.number
    needs_status = question.answer_type == AnswerType.ASSESSMENT
    missing = answer_problems(answer, needs_status=needs_status)
    return [(f"answer-{n}", f"Question {n}: {p}.") for p in missing]


def submission_problems(ret: Return, content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What stops a draft being submitted, in question order, as (anchor, message)."""
    problems: list[tuple[str, str]] = []
    answers = content["answers"]
    for question in Question.objects.filter(questionnaire=ret.round.questionnaire).order_by("position"):
        problems += _answer_problems(question, answers.get(question.number))
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
    return roles or list(SIGNATORY_ROLES)


def is_signed_off(version: ReturnVersion) -> bool:
    return set(required_signatory_roles(version.ret)) <= set(version.binding_roles())


def _resubmit_unchanged(ret: Return, latest: ReturnVersion) -> ReturnVersion:
    """Edited and changed back: the existing version (and its signatures) still stands."""
    if ret.state in (ReturnState.SUBMITTED, ReturnState.SIGNED_OFF):
        raise ActionError(f"This return has already been submitted as version {latest.number}.")
    ret.state = _state_of_version(latest)
    if ret.state == ReturnState.QUERIED:
        ret.state = ReturnState.SIGNED_OFF if is_signed_off(latest) else ReturnState.SUBMITTED
    ret.save(update_fields=["state", "updated_at"])
    return latest


@transaction.atomic
def submit_return(ret: Return, *, acting_user: User, now: datetime.datetime | None = None) -> ReturnVersion:
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
        return _resubmit_unchanged(ret, latest)
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


def _check_signable(ret: Return, version: ReturnVersion, role: str, seen_hash: str) -> None:
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


@transaction.atomic
def sign_version(
    version: ReturnVersion,
    role: str,
    *,
    seen_hash: str,
    acting_user: User,
    now: datetime.datetime | None = None,
) -> Signature:
    """Sign the exact content the signatory was shown (``seen_hash``)."""
    ret = lock_return(version.ret)
    version = ReturnVersion.objects.get(pk=version.pk)
    _check_signable(ret, version, role, seen_hash)
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
