"""Load the commitments dataset (``dataset.load_dataset``) into tables. Idempotent: rerunning changes nothing.

Rows are matched on their stable keys (organisation and theme slugs, commitment refs) and only written when a
value differs, so progress recorded against a commitment is never disturbed by a reload.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.commitments.dataset import DEFAULT_PATH, Dataset, load_dataset
from concordat.commitments.models import (
    Commitment,
    CommitmentOwner,
    Organisation,
    OrganisationKind,
    Theme,
)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert[M: models.Model](
    model: type[M], key: dict[str, Any], values: dict[str, Any], result: LoadResult
) -> M:
    obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj = model._default_manager.create(**key, **values)
        result.created += 1
        result.changes.append(f"created {model._meta.model_name} {next(iter(key.values()))}")
        return obj
    differing = [name for name, value in values.items() if getattr(obj, name) != value]
    if differing:
        for name in differing:
            setattr(obj, name, values[name])
        obj.save(update_fields=differing)
        result.updated += 1
        result.changes.append(f"updated {model._meta.model_name} {next(iter(key.values()))}: {differing}")
    else:
        result.unchanged += 1
    return obj


def _set_m2m(manager: Any, wanted: set[int], label: str, result: LoadResult) -> None:
    current = set(manager.values_list("pk", flat=True))
    if current != wanted:
        manager.set(wanted)
        result.updated += 1
        result.changes.append(f"updated {label}")


def _organisations(data: Dataset, result: LoadResult) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    position = 0
    for kind, records in (
        (OrganisationKind.SIGNATORY, data.signatories),
        (OrganisationKind.PARTNER, data.partners),
    ):
        for item in records:
            position += 1
            orgs[item.slug] = _upsert(
                Organisation,
                {"slug": item.slug},
                {
                    "name": item.name,
                    "short_name": item.short_name or "",
                    "kind": kind,
                    "category": item.kind or "",
                    "description": item.note or "",
                    "position": position,
                },
                result,
            )
    for group in data.groups:
        position += 1
        orgs[group.slug] = _upsert(
            Organisation,
            {"slug": group.slug},
            {
                "name": group.name,
                "short_name": "",
                "kind": OrganisationKind.GROUP,
                "category": group.membership_basis,
                "description": group.description,
                "position": position,
            },
            result,
        )
        _set_m2m(
            orgs[group.slug].members, {orgs[m].pk for m in group.members}, f"{group.slug} members", result
        )
    return orgs


def _owners(
    commitment: Commitment, slugs: tuple[str, ...], orgs: dict[str, Organisation], result: LoadResult
) -> None:
    wanted = [(orgs[slug].pk, position) for position, slug in enumerate(slugs)]
    current = list(commitment.ownerships.order_by("position").values_list("organisation_id", "position"))
    if current != wanted:
        commitment.ownerships.all().delete()
        CommitmentOwner.objects.bulk_create(
            CommitmentOwner(commitment=commitment, organisation_id=pk, position=position)
            for pk, position in wanted
        )
        result.updated += 1
        result.changes.append(f"updated {commitment.ref} owners")


@transaction.atomic
def load_commitments(path: Path | str = DEFAULT_PATH, *, acting_user: User | None = None) -> LoadResult:
    """Create or refresh every organisation, theme and commitment from the dataset file."""
    data = load_dataset(path)
    result = LoadResult()
    orgs = _organisations(data, result)
    themes = {
        theme.slug: _upsert(Theme, {"slug": theme.slug}, {"name": theme.name, "position": n}, result)
        for n, theme in enumerate(data.themes, start=1)
    }
    commitments: dict[str, Commitment] = {}
    for position, item in enumerate(data.commitments, start=1):
        commitment = _upsert(
            Commitment,
            {"ref": item.ref},
            {
                "position": position,
                "text": item.text,
                "context": item.context or "",
                "note": item.note or "",
                "theme": themes[item.theme],
                "deadline_text": item.deadline_text or "",
                "window_kind": item.window.kind,
                "window_start": item.window.start,
                "window_end": item.window.end,
                "source_section": item.source.section,
                "source_opens": item.source.opens,
                "source_first_line": item.source.first_line,
                "source_last_line": item.source.last_line,
                "is_key_action": item.is_key_action,
            },
            result,
        )
        _owners(commitment, item.owners, orgs, result)
        commitments[item.ref] = commitment
    for item in data.commitments:
        wanted = {commitments[ref].pk for ref in item.same_as}
        _set_m2m(commitments[item.ref].same_as, wanted, f"{item.ref} same_as", result)
    if result.changed:
        anchor = next(iter(commitments.values()))
        record(
            acting_user,
            "commitments.loaded",
            anchor,
            data={"created": result.created, "updated": result.updated, "source": str(Path(path).name)},
        )
    return result
