"""What ``GET /healthz`` checks: the database answers, every migration is applied, a worker is alive.

Each check returns facts safe to show anyone (no hostnames, worker ids or error text: the page is public).
"""

import functools
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from concordat.operations.worker import freshest_heartbeat

Check = dict[str, Any]


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"ok": False}
    return {"ok": True}


@functools.cache
def _migration_graph() -> MigrationGraph:
    """The migrations on disk, read once per process: the code cannot change under a running process."""
    graph: MigrationGraph = MigrationLoader(None, ignore_no_migrations=True).graph
    return graph


def _unapplied(graph: MigrationGraph, applied: set[tuple[str, str]]) -> list[tuple[str, str]]:
    unapplied = []
    for key in graph.nodes:
        migration = graph.nodes[key]
        replaces = migration.replaces if migration is not None else []
        if key not in applied and not (replaces and all(tuple(r) in applied for r in replaces)):
            unapplied.append(key)
    return unapplied


def migrations() -> Check:
    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        return {"ok": False}
    unapplied = _unapplied(_migration_graph(), applied)
    return {"ok": not unapplied, "unapplied": len(unapplied)}


def worker() -> Check:
    try:
        heartbeat = freshest_heartbeat()
    except DatabaseError:
        return {"ok": False, "required": settings.HEALTHZ_REQUIRE_WORKER}
    age = None if heartbeat is None else (timezone.now() - heartbeat.last_seen_at).total_seconds()
    fresh = age is not None and age <= settings.WORKER_STALE_SECONDS
    return {
        "ok": fresh or not settings.HEALTHZ_REQUIRE_WORKER,
        "required": settings.HEALTHZ_REQUIRE_WORKER,
        "heartbeat_age_seconds": None if age is None else round(age, 1),
        "stale_after_seconds": settings.WORKER_STALE_SECONDS,
    }


def report() -> tuple[bool, dict[str, Check]]:
    checks = {"database": database()}
    if checks["database"]["ok"]:
        checks["migrations"] = migrations()
        checks["worker"] = worker()
    else:
        checks["migrations"] = {"ok": False}
        checks["worker"] = {"ok": False, "required": settings.HEALTHZ_REQUIRE_WORKER}
    return all(check["ok"] for check in checks.values()), checks
