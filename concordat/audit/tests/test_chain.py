"""The hash chain: `concordat audit verify` finds an event deleted, altered or replaced, and a truncated tail,
on
whichever engine the tests run (SQLite by default; PostgreSQL with DATABASE_URL). Tampering is done as a
privileged attacker would: with the database's guards switched off inside the test's transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from concordat.audit import chain, erasure
from concordat.audit.actions import VERIFIED, event, record, record_all
from concordat.audit.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


@contextmanager
def guards_off() -> Iterator[Any]:
    """The owner switching the triggers off (undone when the test's transaction rolls back)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks pending
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE audit_auditchainhead DISABLE TRIGGER USER")
        else:
            for name in ("audit_event_no_update", "audit_event_no_delete", "audit_head_forward_only"):
                cursor.execute(f"DROP TRIGGER {name}")
        yield cursor


def _trail(personas: dict[str, Any], n: int = 6) -> list[AuditEvent]:
    events = [
        record(personas["nadia"], "test.done", personas["harriet"], area_code="E09000015", data={"i": i})
        for i in range(n)
    ]
    return events


def _seqs() -> list[int]:
    return list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))


def test_an_untouched_trail_verifies_and_every_event_links_to_the_one_before(
    personas: dict[str, Any],
) -> None:
    start = AuditChainHead.objects.get(pk=1).seq
    events = _trail(personas, 3)
    events += record_all(
        event(
            None,
            "test.bulk",
            personas["harriet"],
            data={"rate": 0.25, "big": 1e16, "word": "Café", "n": [1, 2]},
        )
        for _ in range(3)
    )
    assert [e.seq for e in events] == list(range(start + 1, start + 7))
    stored = list(AuditEvent.objects.filter(seq__gt=start).order_by("seq"))
    assert [e.prev_hash for e in stored[1:]] == [e.hash for e in stored[:-1]]
    result = chain.verify()
    assert result.intact, result.describe()
    assert result.events == result.head_seq == start + 6
    assert "intact" in result.describe()


def test_an_altered_event_is_named(personas: dict[str, Any]) -> None:
    events = _trail(personas)
    with guards_off() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = 'someone else' WHERE id = %s", [events[2].pk]
        )
    result = chain.verify()
    assert result.broken is not None
    assert (result.broken.seq, result.broken.event_id) == (events[2].seq, events[2].pk)
    assert "altered" in result.broken.problem


def test_an_altered_event_whose_hash_was_recomputed_breaks_the_next_link(personas: dict[str, Any]) -> None:
    events = _trail(personas)
    forged = AuditEvent.objects.get(pk=events[2].pk)
    forged.verb = "test.undone"
    with guards_off() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET verb = %s, hash = %s WHERE id = %s",
            [forged.verb, chain.event_hash(forged), forged.pk],
        )
    result = chain.verify()
    assert result.broken is not None and result.broken.seq == events[3].seq
    assert "does not link" in result.broken.problem


def test_a_deleted_event_is_named(personas: dict[str, Any]) -> None:
    events = _trail(personas)
    with guards_off() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[3].pk])
    result = chain.verify()
    assert result.broken is not None and result.broken.seq == events[3].seq
    assert result.broken.problem == f"event {events[3].seq:,} is missing (deleted)."


def test_a_truncated_tail_is_found_from_the_chain_head(personas: dict[str, Any]) -> None:
    events = _trail(personas)
    with guards_off() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq >= %s", [events[4].seq])
    result = chain.verify()
    assert result.broken is not None and result.broken.seq == events[4].seq
    assert (
        f"records {events[5].seq:,} events but the trail ends at {events[3].seq:,}" in result.broken.problem
    )


def test_the_command_reports_a_break_fails_and_leaves_the_result_on_the_trail(
    personas: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    events = _trail(personas)
    call_command("audit", "verify")
    assert "The audit trail is intact" in capsys.readouterr().out
    with guards_off() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"broken at event {events[1].seq:,}: event .* is missing"):
        call_command("audit", "verify")
    last = AuditEvent.objects.filter(verb=VERIFIED).order_by("-seq")[0]
    assert last.data["intact"] is False and last.data["broken_at"] == events[1].seq
    state = chain.state(VERIFIED)
    assert not state.intact and f"broken at event {events[1].seq:,}" in state.problem


@contextmanager
def erasure_refused() -> Iterator[None]:
    """A connection that is not a test database being emptied (the suite's own flushes are let through)."""
    erasure.ALLOWED = False
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred foreign-key checks pending
                cursor.execute("SET LOCAL concordat.audit_erasure = 'off'")
        yield
    finally:
        erasure.ALLOWED = True


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET verb = 'forged'",
        "DELETE FROM audit_auditevent",
        "DELETE FROM audit_auditchainhead",
        "UPDATE audit_auditchainhead SET seq = seq - 1",
    ],
)
def test_the_database_refuses_to_change_or_remove_history(personas: dict[str, Any], sql: str) -> None:
    _trail(personas, 2)
    before = _seqs()
    with erasure_refused(), pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert _seqs() == before and AuditChainHead.objects.get(pk=1).seq == before[-1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("table", ["audit_auditevent", "audit_auditchainhead"])
def test_postgresql_refuses_to_truncate_the_trail(personas: dict[str, Any], table: str) -> None:
    _trail(personas, 2)
    with (
        erasure_refused(),
        pytest.raises(DatabaseError, match="cannot be truncated"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert len(_seqs()) >= 2


def test_appending_costs_one_read_of_the_head_however_many_events(personas: dict[str, Any]) -> None:
    from django.test.utils import CaptureQueriesContext

    record(None, "test.warm", personas["harriet"])  # the head exists
    with CaptureQueriesContext(connection) as one:
        record(personas["nadia"], "test.done", personas["harriet"])
    with CaptureQueriesContext(connection) as many:
        record_all(event(None, "test.bulk", personas["harriet"]) for _ in range(250))
    statements = [q["sql"].split()[0].upper() for q in one.captured_queries]
    assert [s for s in statements if s in {"SELECT", "INSERT", "UPDATE"}] == ["SELECT", "INSERT", "UPDATE"]
    reads = [q for q in many.captured_queries if q["sql"].upper().startswith("SELECT")]
    assert len(reads) == 1


class _Text(str):
    pass


def test_the_canonical_forms_shortcut_for_plain_values_changes_nothing() -> None:
    """Plain text, flags and None are kept as they are; anything else (numbers, lists, subclasses, keys that
    are not text) takes the long way, at any depth."""
    data = {"a": "x", "b": True, "c": None, 1: 2.0, "d": {"e": [1.5, 2**60], _Text("f"): _Text("g")}, "h": ()}
    assert chain._canonical(data) == {
        "a": "x",
        "b": True,
        "c": None,
        "1": 2,
        "d": {"e": ["1.5", repr(float(2**60))], "f": "g"},
        "h": [],
    }


@pytest.mark.parametrize(
    "data",
    [
        {"word": "Café 漢字 😀", "quote": '"\\/\b\f\n\r\t', "controls": "\x00\x01\x1f\x7f\u2028\u2029"},
        {"Z": 1, "a": [True, False, None, -5, 2**63], "é": {"Ä": 4, "\uffff": {"b": 0, "a": ""}}},
        {"beyond 64 bits": 2**64 + 1, "negative": -(2**70)},
        {"rate": chain._canonical(0.25), "big": chain._canonical(1e16)},
    ],
)
def test_the_fast_canonical_form_is_byte_for_byte_the_reference_one(data: dict[str, Any]) -> None:
    """Hashes made before and after the fast encoder must agree, or an intact trail would read as altered."""
    fields = {"seq": 7, "prev": chain.GENESIS, "actor_id": None, "verb": "test.bytes", "data": data}
    assert chain.fast_json(fields) == chain.reference_json(fields)
