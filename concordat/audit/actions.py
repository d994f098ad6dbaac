"""The one way to append to the audit trail. Callers are actions already inside a transaction."""

from typing import Any

from django.db import models

from concordat.audit.models import AuditEvent


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full_name} ({actor.get_username()})" if full_name else actor.get_username()


def record(
    actor: Any,
    verb: str,
    target: models.Model,
    *,
    area_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: ``actor`` did ``verb`` to ``target``. ``data`` holds before/after detail."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        verb=verb,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        area_code=area_code,
        data=data or {},
    )
