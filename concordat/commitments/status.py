"""Each commitment's status as at a date, derived from recorded updates; overdue derived from its window.

Nothing here writes. The Programme Board, the commitment list, the published snapshot and the
``commitments-update`` document all read status through these functions, so they agree.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from concordat.commitments.deadlines import is_due_between, is_overdue
from concordat.commitments.models import Commitment, Organisation, OrganisationKind, Rag, StatusUpdate, Theme

NO_UPDATE = "none"
STATUS_COLUMNS: tuple[tuple[str, str], ...] = (*Rag.choices, (NO_UPDATE, "No update"))


@dataclass(frozen=True)
class CommitmentStatus:
    commitment: Commitment
    update: StatusUpdate | None
    as_at: datetime.date

    @property
    def status(self) -> str:
        return self.update.status if self.update else NO_UPDATE

    @property
    def status_label(self) -> str:
        return self.update.get_status_display() if self.update else "No update"

    @property
    def completed(self) -> bool:
        return self.status == Rag.COMPLETE

    @property
    def overdue(self) -> bool:
        return is_overdue(self.commitment.window, as_at=self.as_at, completed=self.completed)

    def due_between(self, start: datetime.date, end: datetime.date) -> bool:
        return is_due_between(self.commitment.window, start, end)


def commitments_with_owners() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("theme").prefetch_related("owners")


def latest_updates(
    as_at: datetime.date, commitment_ids: Iterable[int] | None = None
) -> dict[int, StatusUpdate]:
    """Commitment id → its latest update with ``as_at`` on or before the date (later recordings win ties)."""
    updates = StatusUpdate.objects.filter(as_at__lte=as_at).select_related("organisation", "author")
    if commitment_ids is not None:
        updates = updates.filter(commitment_id__in=list(commitment_ids))
    latest: dict[int, StatusUpdate] = {}
    for update in updates.order_by("commitment_id", "as_at", "created_at", "id"):
        latest[update.commitment_id] = update
    return latest


def statuses_as_at(
    as_at: datetime.date, commitments: Iterable[Commitment] | None = None
) -> list[CommitmentStatus]:
    items = list(commitments if commitments is not None else commitments_with_owners())
    latest = latest_updates(as_at, [c.pk for c in items])
    return [CommitmentStatus(c, latest.get(c.pk), as_at) for c in items]


@dataclass(frozen=True)
class CountRow:
    label: str
    slug: str
    counts: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[int]:
        return [self.counts.get(value, 0) for value, _ in STATUS_COLUMNS]


def _count(label: str, slug: str, rows: list[CommitmentStatus]) -> CountRow:
    return CountRow(label, slug, dict(Counter(r.status for r in rows)), sum(1 for r in rows if r.overdue))


def counts_by_theme(rows: list[CommitmentStatus]) -> list[CountRow]:
    return [
        _count(theme.name, theme.slug, [r for r in rows if r.commitment.theme_id == theme.pk])
        for theme in Theme.objects.all()
    ]


def counts_by_organisation(rows: list[CommitmentStatus]) -> list[CountRow]:
    """One row per organisation that owns a commitment directly (a group's row counts its joint ones)."""
    owned: dict[int, list[CommitmentStatus]] = {}
    for row in rows:
        for owner in row.commitment.owners.all():
            owned.setdefault(owner.pk, []).append(row)
    organisations = Organisation.objects.filter(pk__in=owned).order_by("position")
    return [_count(o.label, o.slug, owned[o.pk]) for o in organisations]


def total_row(rows: list[CommitmentStatus]) -> CountRow:
    return _count("All commitments", "", rows)


def owned_commitments(organisation: Organisation) -> QuerySet[Commitment]:
    """What an organisation answers for: its own commitments and those of the groups it belongs to."""
    owners = [organisation.pk]
    if organisation.kind != OrganisationKind.GROUP:
        owners += list(organisation.groups.values_list("pk", flat=True))
    return commitments_with_owners().filter(owners__in=owners).distinct().order_by("position")


def snapshot(as_at: datetime.date) -> dict[str, Any]:
    """The frozen content of a publication: each commitment's latest update as at the date.

    Holds no author names or evidence files: only what the national team publishes.
    """
    entries = {}
    for row in statuses_as_at(as_at):
        update = row.update
        entries[row.commitment.ref] = {
            "status": row.status,
            "status_label": row.status_label,
            "overdue": row.overdue,
            "update_as_at": update.as_at.isoformat() if update else None,
            "narrative": update.narrative if update else "",
            "evidence_links": update.links if update else [],
            "organisation": update.organisation.name if update and update.organisation else "",
        }
    return {"as_at": as_at.isoformat(), "commitments": entries}
