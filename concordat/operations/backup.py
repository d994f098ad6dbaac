"""``concordat backup`` and ``concordat restore``: the database and the uploaded files, with a manifest.

A backup is a directory:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, restored with ``pg_restore``) or
  ``database.sqlite3`` (SQLite: a copy made with SQLite's online backup API, safe while the service runs);
- ``files/``: every file in the default storage (``STORAGES["default"]``), read through Django's storage API
  so it works for local disk and object storage alike;
- ``manifest.json``: the format, the engine, the SHA-256 and size of every file above, and each table's row
  count — on PostgreSQL counted in the same snapshot ``pg_dump`` reads.

``restore`` checks every checksum before it touches anything, refuses a database that has any table and a
storage that already holds any of the files, and afterwards compares every table's row count with the
manifest.
"""

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, transaction
from django.utils import timezone

from concordat.operations import postgres

FORMAT = "concordat-backup/1"
MANIFEST = "manifest.json"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A plain-English reason a backup or restore cannot go ahead."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    files: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _described(path: Path, name: str) -> dict[str, Any]:
    return {"name": name, "sha256": sha256_of(path), "bytes": path.stat().st_size}


def _engine() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def count_rows(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # Table names come from the database's own catalogue, quoted.
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


# ---- backup ----


def _backup_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        tables = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return count_rows(copy.cursor(), [t for t in tables if not t.startswith("sqlite_")])
    finally:
        copy.close()


def _backup_postgres(target: Path) -> dict[str, int]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        try:
            postgres.dump(connection.settings_dict, target, snapshot=snapshot)
        except postgres.ClientFailed as failure:
            raise BackupError(str(failure)) from None
        return count_rows(cursor, connection.introspection.table_names(cursor))


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}{sub}/")


def _backup_files(storage: Storage, target: Path) -> list[dict[str, Any]]:
    described = []
    for name in _walk(storage):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with storage.open(name, "rb") as source, path.open("wb") as copy:
            while chunk := source.read(CHUNK):
                copy.write(chunk)
        described.append(_described(path, name))
    return described


def _prepare_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise BackupError(
            f"{output} is not an empty directory: give a new or empty directory for the backup."
        )
    # The backup holds personal data: readable by its owner only.
    output.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(output, 0o700)


def backup(output: Path) -> Summary:
    engine = _engine()
    _prepare_output(output)
    database_file = output / DATABASE_FILES[engine]
    counts = _backup_sqlite(database_file) if engine == "sqlite" else _backup_postgres(database_file)
    files = _backup_files(storages["default"], output / "files")
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": _described(database_file, database_file.name),
        "tables": counts,
        "counts": {"tables": len(counts), "rows": sum(counts.values()), "files": len(files)},
        "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return Summary(len(counts), sum(counts.values()), len(files))


# ---- restore ----


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{source} has no {MANIFEST}: it is not a Concordat backup.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{source} is not a backup this version can restore (format {manifest.get('format')!r})."
        )
    return manifest


def verify(source: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists is there with its size and SHA-256; otherwise nothing is restored."""
    expected = [(source / manifest["database"]["name"], manifest["database"])]
    expected += [(source / "files" / item["name"], item) for item in manifest["files"]]
    problems = []
    for path, item in expected:
        if not path.is_file():
            problems.append(f"{path.relative_to(source)} is missing")
        elif path.stat().st_size != item["bytes"] or sha256_of(path) != item["sha256"]:
            problems.append(f"{path.relative_to(source)} does not match its checksum")
    if problems:
        raise BackupError("The backup is damaged; nothing was restored.\n" + "\n".join(problems))


def _refuse_unless_empty(manifest: dict[str, Any], storage: Storage) -> None:
    if manifest["engine"] != _engine():
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the target is {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The target database is not empty ({len(tables)} tables). Restore into a new, empty database."
        )
    present = [item["name"] for item in manifest["files"] if storage.exists(item["name"])]
    if present:
        raise BackupError(
            f"The file storage already holds {len(present)} of the backup's files, e.g. {present[0]}."
        )


def _restore_sqlite(database_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(database_file)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_files(source: Path, manifest: dict[str, Any], storage: Storage) -> None:
    for item in manifest["files"]:
        with (source / "files" / item["name"]).open("rb") as handle:
            saved = storage.save(item["name"], File(handle))
        if saved != item["name"]:
            raise BackupError(f"The storage saved {item['name']} as {saved}; restore into an empty storage.")


def restored_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            tables = [t for t in tables if not t.startswith("sqlite_")]
        return count_rows(cursor, tables)


def restore(source: Path) -> Summary:
    manifest = read_manifest(source)
    verify(source, manifest)
    storage = storages["default"]
    _refuse_unless_empty(manifest, storage)
    database_file = source / manifest["database"]["name"]
    if manifest["engine"] == "sqlite":
        _restore_sqlite(database_file)
    else:
        try:
            postgres.restore(connection.settings_dict, database_file)
        except postgres.ClientFailed as failure:
            raise BackupError(f"Nothing was restored. {failure}") from None
    _restore_files(source, manifest, storage)
    counts = restored_counts()
    if counts != manifest["tables"]:
        differ = sorted(
            t for t in set(counts) | set(manifest["tables"]) if counts.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"Restored, but row counts differ from the backup's in: {', '.join(differ)}.")
    return Summary(len(counts), sum(counts.values()), len(manifest["files"]))
