"""The Concordat's commitments and their progress: any token holder may read them, as any signed-in user may
on the commitments pages."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from concordat.api import cursor as paging
from concordat.api.auth import user_of
from concordat.commitments import access
from concordat.commitments.models import Commitment
from concordat.commitments.status import commitments_with_owners, statuses_as_at

router = Router(tags=["commitments"])


class CommitmentOut(Schema):
    ref: str
    text: str
    theme: str
    owners: list[str]
    deadline_text: str
    window_start: str | None
    window_end: str | None
    key_action: bool
    status: str
    overdue: bool


class CommitmentPage(Schema):
    results: list[CommitmentOut]
    next: str | None


class UpdateOut(Schema):
    as_at: str
    status: str
    narrative: str
    links: list[str]
    organisation: str
    evidence_name: str


class CommitmentDetailOut(CommitmentOut):
    updates: list[UpdateOut]


def _out(items: list[Commitment]) -> list[dict[str, Any]]:
    rows = []
    for s in statuses_as_at(timezone.localdate(), items):
        c = s.commitment
        rows.append(
            {
                "ref": c.ref,
                "text": c.text,
                "theme": c.theme.slug if c.theme_id else "",
                "owners": [o.slug for o in c.owners.all()],
                "deadline_text": c.deadline_text,
                "window_start": c.window_start.isoformat() if c.window_start else None,
                "window_end": c.window_end.isoformat() if c.window_end else None,
                "key_action": c.is_key_action,
                "status": s.status,
                "overdue": s.overdue,
            }
        )
    return rows


@router.get("/commitments", response=CommitmentPage, url_name="commitments")
def commitments(
    request: HttpRequest, organisation: str = "", theme: str = "", cursor: str = "", limit: int = 50
) -> dict[str, Any]:
    """Every commitment with its latest status, by reference; filter by owning ``organisation`` or ``theme``
    (slugs). Pages of ``limit``; pass ``next`` back as ``cursor`` for the next page."""
    found = commitments_with_owners()
    if organisation:
        found = found.filter(owners__slug=organisation)
    if theme:
        found = found.filter(theme__slug=theme)
    return paging.page(found.distinct(), key="ref", cursor=cursor, limit=limit, out=_out)


@router.get("/commitments/{commitment_ref}", response=CommitmentDetailOut, url_name="commitment")
def commitment(request: HttpRequest, commitment_ref: str) -> dict[str, Any]:
    """One commitment with every status update recorded for it, oldest first."""
    found = access.get_commitment_for_user(user_of(request), commitment_ref)
    detail = _out([found])[0]
    detail["updates"] = [
        {
            "as_at": u.as_at.isoformat(),
            "status": u.status,
            "narrative": u.narrative,
            "links": u.links,
            "organisation": u.organisation.slug if u.organisation else "",
            "evidence_name": u.evidence_name,
        }
        for u in found.updates.select_related("organisation").order_by("as_at", "created_at", "id")
    ]
    return detail
