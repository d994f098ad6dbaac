"""The append-only, hash-chained audit trail.

Nothing in the application updates or deletes an event: the model and queryset refuse. Every event has a
place (``seq``) in one national chain and a SHA-256 ``hash`` over its fields and the previous event's hash
(``chain.py``); ``AuditChainHead`` holds the last place and hash, so a missing tail shows as well as a missing
or altered event (``concordat audit verify``).

What the database adds, by engine (docs/decisions/0004-audit-trail-append-only.md):

- PostgreSQL: triggers refuse UPDATE and DELETE of any event, TRUNCATE of the trail or its head, deleting the
  head and moving it backwards. In production the application connects as a role granted only SELECT and
  INSERT on events (and SELECT, UPDATE on the head) while migrations run as the tables' owner, so the
  application can neither change history nor switch the triggers off (docs/deploying.md). The owner (or a
  superuser) still can: then ``audit verify`` shows it, unless every later hash was recomputed too.
- SQLite: triggers refuse UPDATE and DELETE of events and deleting the head or moving it backwards, from any
  connection (the sqlite3 shell included). There are no roles: anyone who can write the file can drop the
  triggers, so on SQLite the chain detects tampering but nothing prevents it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def for_object(self, obj: models.Model) -> "AuditEventQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    # Set before saving (not auto_now_add) because the hash covers it.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Not indexed: nothing looks events up by their actor, and every event of a write is inserted into each
    # index (migration 0005).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Kept as text so the trail still reads correctly if a user is renamed.
    actor_label = models.CharField(max_length=200, blank=True)
    verb = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    # ONS code rather than a foreign key: audit sits under every other app.
    area_code = models.CharField(max_length=9, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The chain (chain.py): place in the national stream, the previous event's hash, this event's hash.
    seq = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # Verb and area are only ever matched whole: plain indexes, not ``db_index``, which on PostgreSQL adds
        # a second (``LIKE``) index per column that every event of a write would also be inserted into.
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["verb"], name="audit_verb_idx"),
            models.Index(fields=["area_code"], name="audit_area_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """One row (pk 1): the last event's place and hash. Locked by each append, so the chain has one order."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Audit chain head at event {self.seq}"
