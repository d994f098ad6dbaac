"""The hash chain over the audit trail: one national stream, each event's hash covering its fields and the
previous event's hash, and a chain head that must match the last event.

An event's hash is SHA-256 of a canonical JSON of its fields (sorted keys, no spaces, UTF-8), so any change to
a stored event, a missing event or a missing tail shows when the chain is recomputed (``verify``). See
docs/decisions/0004-audit-trail-append-only.md for what this does and does not prove on each engine.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from concordat.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
_EXACT_FLOAT = 2**53  # integral floats below this round-trip through either database's JSON as integers


def _number(value: float) -> int | str:
    # PostgreSQL's jsonb gives back 1e16 as 10000000000000000 and SQLite gives back 1.0 as 1.0: one form each.
    if abs(value) < _EXACT_FLOAT and float(value).is_integer():
        return int(value)
    return repr(float(value))


# Kept as they are by the canonical form; matched by exact type (a subclass takes the long way).
_LEAVES = frozenset({str, bool, type(None)})


def _canonical(value: Any) -> Any:
    if type(value) is dict:
        # An event's data (text, flags and None, a level or two deep) without a call per leaf.
        return {str(k): v if type(v) in _LEAVES else _canonical(v) for k, v in value.items()}
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    raise TypeError(f"An audit event cannot hold {type(value).__name__}")


def reference_json(fields: dict[str, Any]) -> bytes:
    """The canonical form's definition: sorted keys, no spaces, UTF-8 (``json``)."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fast_json(fields: dict[str, Any]) -> bytes:
    """The same bytes as ``reference_json`` (tested), from orjson, which is several times faster; for what
    orjson will not write (an integer beyond 64 bits) the reference itself."""
    try:
        return orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        return reference_json(fields)


def canonical_json(event: AuditEvent) -> bytes:
    fields = {
        "seq": event.seq,
        "prev": event.prev_hash,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "area_code": event.area_code,
        "data": _canonical(event.data),
    }
    return fast_json(fields)


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(canonical_json(event)).hexdigest()


def head_for_update() -> AuditChainHead:
    """The chain head, locked until the caller's transaction ends (PostgreSQL: SELECT … FOR UPDATE; SQLite's
    IMMEDIATE transactions already serialise writers). Recreated from the last event if it is missing, which
    happens only in an emptied test database: the database refuses to delete it otherwise."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(pk=1, seq=last.seq if last else 0, hash=last.hash if last else GENESIS)],
            ignore_conflicts=True,
        )
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def link(head: AuditChainHead, events: list[AuditEvent]) -> None:
    """Give each new event its place in the chain after ``head``, and move ``head`` on (not yet saved)."""
    for event in events:
        head.seq += 1
        event.seq, event.prev_hash = head.seq, head.hash
        event.hash = event_hash(event)
        head.hash = event.hash


# ---- verifying ----


@dataclass(frozen=True)
class Break:
    seq: int  # the position in the chain where it breaks
    event_id: int | None  # the stored event there, if any
    problem: str  # plain English


@dataclass(frozen=True)
class Verification:
    events: int
    head_seq: int
    head_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def describe(self) -> str:
        if self.broken is None:
            return (
                f"The audit trail is intact: {self.events:,} events, each linked to the one before, and the "
                f"chain head (event {self.head_seq:,}, hash {self.head_hash[:16]}…) matches the last event."
            )
        where = f"event {self.broken.seq:,}" + (
            f" (id {self.broken.event_id})" if self.broken.event_id is not None else ""
        )
        return f"The audit trail is broken at {where}: {self.broken.problem}"


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def _check_event(event: AuditEvent, expected_seq: int, prev: str) -> Break | None:
    if event.seq != expected_seq:
        gap = (
            f"event {expected_seq:,} is"
            if event.seq == expected_seq + 1
            else f"events {expected_seq:,} to {event.seq - 1:,} are"
        )
        return Break(expected_seq, None, f"{gap} missing (deleted).")
    if event.prev_hash != prev:
        return Break(event.seq, event.pk, "it does not link to the event before it (an event was replaced).")
    if event_hash(event) != event.hash:
        return Break(event.seq, event.pk, "its contents no longer match its hash (it was altered).")
    return None


def verify() -> Verification:
    """Recompute the whole chain, in order, and name the first broken link."""
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    count, prev = 0, GENESIS
    for event in _events():
        broken = _check_event(event, count + 1, prev)
        if broken:
            return Verification(count, head_seq, head_hash, broken)
        count, prev = count + 1, event.hash
    if head is None and count:
        return Verification(count, 0, GENESIS, Break(count, None, "the chain head is missing."))
    if head_seq != count or head_hash != prev:
        problem = (
            f"the chain head records {head_seq:,} events but the trail ends at {count:,} "
            "(the last events were removed)."
            if head_seq > count
            else "the chain head does not match the last event."
        )
        return Verification(count, head_seq, head_hash, Break(count + 1, None, problem))
    return Verification(count, head_seq, head_hash, None)


# ---- the chain's state, for the audit pages ----


@dataclass(frozen=True)
class ChainState:
    events: int  # the chain head's count
    checked_at: datetime | None  # the last `concordat audit verify`
    checked_events: int
    intact: bool
    problem: str


def state(verified_verb: str) -> ChainState:
    """The head's count and the last verification's result (two indexed reads: no recomputing)."""
    head = AuditChainHead.objects.filter(pk=1).first()
    last = AuditEvent.objects.filter(verb=verified_verb).order_by("-seq").first()
    if last is None:
        return ChainState(head.seq if head else 0, None, 0, False, "")
    data = last.data
    problem = str(data.get("problem", ""))
    broken_at = data.get("broken_at")
    if broken_at:
        problem = f"broken at event {broken_at:,}: {problem}"
    return ChainState(
        head.seq if head else 0, last.at, int(data.get("events", 0)), bool(data.get("intact")), problem
    )
