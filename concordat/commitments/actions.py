"""Every change to commitments' progress. Each action is one transaction and appends an audit event."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from concordat.accounts.access import is_national
from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.commitments import access, notices
from concordat.commitments.models import (
    Challenge,
    Commitment,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    PublishedUpdate,
    Rag,
    Risk,
    RiskStatus,
    StatusUpdate,
)
from concordat.commitments.status import snapshot
from concordat.returns.uploads import CheckedUpload

MAX_NARRATIVE_CHARS = 5_000
MAX_CHALLENGE_CHARS = 3_000
MAX_LINKS = 20
MAX_LINK_CHARS = 500


class ActionError(Exception):
    """A business rule refused the change. ``message`` is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@transaction.atomic
def add_organisation_member(
    user: User, organisation: Organisation, *, acting_user: User | None
) -> OrganisationMembership:
    if organisation.kind == OrganisationKind.GROUP:
        raise ActionError("People belong to an organisation, not to a group of organisations.")
    membership, created = OrganisationMembership.objects.get_or_create(user=user, organisation=organisation)
    if created:
        record(acting_user, "commitments.member_added", membership, data={"organisation": organisation.slug})
    return membership


@transaction.atomic
def record_status_update(
    commitment: Commitment,
    *,
    as_at: datetime.date,
    status: str,
    narrative: str,
    evidence_links: Iterable[str] = (),
    evidence: CheckedUpload | None = None,
    acting_user: User,
) -> StatusUpdate:
    """Append a status update. Earlier updates stay as they were: history is never edited."""
    if not access.can_update(acting_user, commitment):
        raise PermissionDenied
    if status not in Rag.values:
        raise ActionError("Select red, amber, green or complete.", field="status")
    narrative = narrative.replace("\r\n", "\n").strip()
    if not narrative:
        raise ActionError("Enter a summary of progress.", field="narrative")
    if len(narrative) > MAX_NARRATIVE_CHARS:
        raise ActionError(
            f"The summary must be {MAX_NARRATIVE_CHARS:,} characters or fewer.", field="narrative"
        )
    links = [link.strip() for link in evidence_links if link.strip()]
    if len(links) > MAX_LINKS:
        raise ActionError(f"Give at most {MAX_LINKS} evidence links.", field="evidence_links")
    if any(not link.startswith(("http://", "https://")) for link in links):
        raise ActionError("Evidence links must start with http:// or https://.", field="evidence_links")
    organisations = access.acting_organisations(acting_user, commitment)
    update = StatusUpdate(
        commitment=commitment,
        as_at=as_at,
        status=status,
        narrative=narrative,
        evidence_links="\n".join(links),
        organisation=organisations[0] if organisations else None,
        author=acting_user,
    )
    if evidence is not None:
        update.evidence_name = evidence.name
        update.evidence_content_type = evidence.content_type
        update.evidence_size = evidence.size
        update.evidence_sha256 = evidence.sha256
        update.evidence_file.save(evidence.name, ContentFile(evidence.data), save=False)
    update.save()
    record(
        acting_user,
        "commitments.status_recorded",
        update,
        data={
            "ref": commitment.ref,
            "status": status,
            "as_at": as_at.isoformat(),
            "file": update.evidence_name,
        },
    )
    return update


@transaction.atomic
def record_challenge(commitment: Commitment, *, text: str, acting_user: User) -> Challenge:
    organisations = access.challenging_organisations(acting_user, commitment)
    if not organisations:
        raise PermissionDenied
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ActionError("Enter your comment or challenge.", field="text")
    if len(text) > MAX_CHALLENGE_CHARS:
        raise ActionError(f"The challenge must be {MAX_CHALLENGE_CHARS:,} characters or fewer.", field="text")
    challenge = Challenge.objects.create(
        commitment=commitment, organisation=organisations[0], author=acting_user, text=text
    )
    record(acting_user, "commitments.challenged", challenge, data={"ref": commitment.ref})
    notices.challenge_recorded(challenge)
    return challenge


RISK_FIELDS = ("title", "description", "owner", "likelihood", "impact", "mitigation", "review_date", "status")


def _check_risk(values: dict[str, Any], acting_user: User) -> None:
    if not is_national(acting_user):
        raise PermissionDenied
    for name in ("likelihood", "impact"):
        if not 1 <= int(values[name]) <= 5:
            raise ActionError(f"The {name} must be between 1 and 5.", field=name)
    if values.get("status", RiskStatus.OPEN) not in RiskStatus.values:
        raise ActionError("Select open or closed.", field="status")


def _risk_state(risk: Risk) -> dict[str, Any]:
    state: dict[str, Any] = {name: str(getattr(risk, name)) for name in RISK_FIELDS}
    state["commitments"] = sorted(risk.commitments.values_list("ref", flat=True))
    return state


@transaction.atomic
def add_risk(values: dict[str, Any], commitments: Iterable[Commitment], *, acting_user: User) -> Risk:
    _check_risk(values, acting_user)
    risk = Risk.objects.create(**{k: values[k] for k in RISK_FIELDS if k in values}, created_by=acting_user)
    risk.commitments.set(list(commitments))
    record(acting_user, "commitments.risk_added", risk, data={"after": _risk_state(risk)})
    return risk


@transaction.atomic
def update_risk(
    risk: Risk, values: dict[str, Any], commitments: Iterable[Commitment], *, acting_user: User
) -> Risk:
    _check_risk(values, acting_user)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    before = _risk_state(risk)
    for name in RISK_FIELDS:
        if name in values:
            setattr(risk, name, values[name])
    risk.save()
    risk.commitments.set(list(commitments))
    record(acting_user, "commitments.risk_updated", risk, data={"before": before, "after": _risk_state(risk)})
    return risk


@transaction.atomic
def publish_update(as_at: datetime.date, title: str, summary: str, acting_user: User) -> PublishedUpdate:
    """Freeze every commitment's status as at ``as_at`` and publish it. Public pages show the latest one."""
    if not is_national(acting_user):
        raise PermissionDenied
    title, summary = title.strip(), summary.replace("\r\n", "\n").strip()
    if not title:
        raise ActionError("Enter a title.", field="title")
    if not summary:
        raise ActionError("Enter a summary.", field="summary")
    published = PublishedUpdate.objects.create(
        as_at=as_at,
        title=title,
        summary=summary,
        snapshot=snapshot(as_at),
        created_by=acting_user,
        published_at=timezone.now(),
    )
    record(
        acting_user,
        "commitments.update_published",
        published,
        data={"as_at": as_at.isoformat(), "commitments": len(published.snapshot["commitments"])},
    )
    return published


@transaction.atomic
def remove_organisation_member(membership: OrganisationMembership, *, acting_user: User) -> None:
    record(
        acting_user,
        "commitments.member_removed",
        membership,
        data={"organisation": membership.organisation.slug, "user": membership.user.username},
    )
    membership.delete()
