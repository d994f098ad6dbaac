"""Submitting a draft as an immutable version, and signing that exact version."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires.models import Question
from concordat.returns import lifecycle, notices
from concordat.returns.completion import awaiting_confirmation, return_problems
from concordat.returns.content import content_hash, draft_content
from concordat.returns.lifecycle import Actor, Stage, Step
from concordat.returns.models import Return, ReturnState, ReturnVersion, ReviewDecision, Signature
from concordat.returns.vocabulary import SIGNATORY_ROLES

from .errors import ActionError, SubmitProblems
from .locking import check_editable, check_step, lock_return, move_to


def submission_problems(ret: Return, content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What stops a draft being submitted, in question order, as (anchor, message)."""
    answers = content["answers"]
    questions = Question.objects.filter(questionnaire=ret.round.questionnaire).order_by("position")
    problems: list[tuple[str, str]] = [
        (f"answer-{q.number}", f"Question {q.number}: {p}.")
        for q, missing in return_problems(questions, answers, awaiting=awaiting_confirmation(ret))
        for p in missing
    ]
    if not content["completed_by"]["name"]:
        problems.append(("completed-by", "Enter the name of the person who completed this return."))
    return problems


def stage_of_version(version: ReturnVersion) -> Stage:
    """The stage a version stands at from its reviews and signatures (what an unchanged draft returns to)."""
    review = version.reviews.exclude(decision=ReviewDecision.REOPENED).order_by("-decided_at", "-id").first()
    if review and review.decision == ReviewDecision.QUERIED:
        return Stage.ANSWERED if review.responded_at else Stage.QUERIED
    return Stage.SIGNED_OFF if is_signed_off(version) else Stage.SUBMITTED


def required_signatory_roles(ret: Return) -> list[str]:
    roles = [s["role"] for s in ret.round.questionnaire.signatory_roles]
    return roles or list(SIGNATORY_ROLES)


def is_signed_off(version: ReturnVersion) -> bool:
    return set(required_signatory_roles(version.ret)) <= set(version.binding_roles())


def _resubmit_unchanged(ret: Return, latest: ReturnVersion, acting_user: User) -> ReturnVersion:
    """Edited and changed back: the latest version (and its signatures) stands again, at the stage it was."""
    if ret.state != ReturnState.IN_PROGRESS:
        raise ActionError(_UNCHANGED_REFUSALS.get(ret.state, _UNCHANGED_REFUSALS[""]).format(n=latest.number))
    stage = stage_of_version(latest)
    move_to(ret, Step.RESUBMIT_UNCHANGED, Actor.EDITOR, stage)
    record(
        acting_user,
        "return.resubmitted_unchanged",
        ret,
        area_code=ret.area.ons_code,
        data={"version": latest.number, "stage": str(stage)},
    )
    return latest


_UNCHANGED_REFUSALS: dict[str, str] = {
    ReturnState.QUERIED: (
        "Nothing has changed since version {n}, which the national team has queried. Answer the query on "
        "the version's page, or change the answers and submit them again."
    ),
    ReturnState.ANSWERED: (
        "Nothing has changed since version {n}, and the query about it has been answered. The national "
        "team will decide next."
    ),
    "": "This return has already been submitted as version {n}.",
}


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
        return _resubmit_unchanged(ret, latest, acting_user)
    check_step(ret, Step.SUBMIT, Actor.EDITOR, "This return cannot be submitted now.")
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
    ret.state = lifecycle.arrive(ret.state, Step.SUBMIT, Actor.EDITOR, Stage.SUBMITTED)
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


# Why a latest version cannot be signed at the return's stage.
UNSIGNABLE: dict[str, str] = {
    ReturnState.IN_PROGRESS: (
        "The return has been changed since this version was submitted. It must be submitted again before "
        "it can be signed."
    ),
    ReturnState.SIGNED_OFF: (
        "This version has already been signed in that role: every signatory has signed it."
    ),
    ReturnState.ACCEPTED: "This return has been accepted, so it can no longer be signed.",
}


def _check_signable(ret: Return, version: ReturnVersion, role: str, seen_hash: str) -> None:
    if ret.latest_version_id != version.pk:
        raise ActionError("This version has been replaced by a newer one. Read and sign the latest version.")
    check_step(
        ret, Step.SIGN, Actor.SIGNATORY, UNSIGNABLE.get(ret.state, UNSIGNABLE[ReturnState.IN_PROGRESS])
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
    signed_off = ret.state == ReturnState.SUBMITTED and is_signed_off(version)
    move_to(ret, Step.SIGN, Actor.SIGNATORY, Stage.SIGNED_OFF if signed_off else Stage(ret.state))
    if signed_off:
        record(
            acting_user,
            "return.signed_off",
            ret,
            area_code=ret.area.ons_code,
            data={"version": version.number},
        )
    return signature
