"""The one way to append to the audit trail. Callers are actions already inside a transaction."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from concordat.audit import chain
from concordat.audit.models import AuditChainHead, AuditEvent
from concordat.rows import insert_rows

# None, or a visitor who is not signed in, is the system acting (a command, a scheduled task).
type Actor = AbstractBaseUser | AnonymousUser | None

VERIFIED = "audit.chain.verified"

# AuditEvent's fields in the order ``event`` passes them (a test compares it with the model's).
_FIELDS = (
    "id",
    "at",
    "actor_id",
    "actor_label",
    "verb",
    "object_type",
    "object_id",
    "object_repr",
    "area_code",
    "data",
    "seq",
    "prev_hash",
    "hash",
)


def _label(actor: Actor) -> str:
    if actor is None or not actor.is_authenticated:
        return "system"
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full_name} ({actor.get_username()})" if full_name else actor.get_username()


def event(
    actor: Actor,
    verb: str,
    target: models.Model | None,
    *,
    area_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """An unsaved event: ``actor`` did ``verb`` to ``target`` (None: to something that is not a row, such as
    files in storage). ``data`` holds before/after detail."""
    # Positional, in the model's field order (``_FIELDS``): Django's keyword path costs twice as much, and a
    # whole return builds an event per answer.
    fields: tuple[Any, ...] = (
        None,  # id
        timezone.now(),  # at: the field's default
        # By id: this app cannot name the user model (accounts depends on audit, not the other way).
        actor.pk if actor is not None and actor.is_authenticated else None,
        _label(actor),
        verb,
        target._meta.label_lower if target is not None else "",
        str(target.pk) if target is not None else "",
        str(target)[:300] if target is not None else "",
        area_code,
        data or {},
        None,  # seq, prev_hash, hash: set by ``chain.link``
        "",
        "",
    )
    # django-stubs' plugin checks positional arguments against the fields in an order of its own.
    return AuditEvent(*fields)  # type: ignore[misc]


@transaction.atomic(savepoint=False)
def record_all(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Append events in one go, chained in order: one read of the chain head, however many events.

    No savepoint of its own (two statements fewer on every write): it is part of its caller's transaction,
    and if it fails that whole transaction is rolled back."""
    new = list(events)
    if not new:
        return new
    head = chain.head_for_update()
    chain.link(head, new)
    if len(new) == 1:
        new[0].save(force_insert=True)
    else:
        insert_rows(new)
    AuditChainHead.objects.filter(pk=head.pk).update(seq=head.seq, hash=head.hash)
    return new


def record(
    actor: Actor,
    verb: str,
    target: models.Model | None,
    *,
    area_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: ``actor`` did ``verb`` to ``target``. ``data`` holds before/after detail."""
    return record_all([event(actor, verb, target, area_code=area_code, data=data)])[0]


@transaction.atomic
def record_verification(result: chain.Verification) -> AuditEvent:
    """Append what ``concordat audit verify`` found, so the audit pages can show the chain's last check."""
    broken = result.broken
    return record(
        None,
        VERIFIED,
        chain.head_for_update(),
        data={
            "events": result.events,
            "intact": result.intact,
            "broken_at": broken.seq if broken else None,
            "problem": broken.problem if broken else "",
        },
    )
