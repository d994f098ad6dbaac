"""The one way to append to the audit trail. Callers are actions already inside a transaction."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from concordat.audit.models import AuditEvent

# None, or a visitor who is not signed in, is the system acting (a command, a scheduled task).
type Actor = AbstractBaseUser | AnonymousUser | None


def _label(actor: Actor) -> str:
    if actor is None or not actor.is_authenticated:
        return "system"
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full_name} ({actor.get_username()})" if full_name else actor.get_username()


@dataclass(frozen=True)
class AuditEntry:
    """One event of a batch written by :func:`record_many`: the target, its area and before/after detail."""

    target: models.Model
    area_code: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def _event(actor: Actor, verb: str, target: models.Model, area_code: str, data: dict[str, Any]) -> AuditEvent:
    return AuditEvent(
        # By id: this app cannot name the user model (accounts depends on audit, not the other way).
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        actor_label=_label(actor),
        verb=verb,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        area_code=area_code,
        data=data,
    )


def record(
    actor: Actor,
    verb: str,
    target: models.Model,
    *,
    area_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: ``actor`` did ``verb`` to ``target``. ``data`` holds before/after detail."""
    event = _event(actor, verb, target, area_code, data or {})
    event.save()
    return event


def record_many(actor: Actor, verb: str, entries: list[AuditEntry]) -> list[AuditEvent]:
    """Append one event per entry in one statement: the same events as calling :func:`record` for each."""
    return AuditEvent.objects.bulk_create(
        [_event(actor, verb, e.target, e.area_code, e.data) for e in entries]
    )
