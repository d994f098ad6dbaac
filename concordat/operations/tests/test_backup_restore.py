"""`concordat backup` then `concordat restore` into an empty database gives back every table's rows and every
uploaded file, on PostgreSQL and on SQLite; a non-empty target and a damaged backup are refused."""

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from concordat.operations.tests import serving
from concordat.operations.tests.conftest import Template
from concordat.seeds import HARROW_RETURN
from tests.seeds import require

AUDIT = "audit_auditevent"


def _digest(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    lines = sorted(repr(row) for row in rows)
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _pg_tables(url: str) -> dict[str, tuple[int, str]]:
    with psycopg.connect(url, autocommit=True) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {name: _digest(conn.execute(f'SELECT * FROM "{name}"').fetchall()) for name in names}  # noqa: S608


def _sqlite_tables(path: Path) -> dict[str, tuple[int, str]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # The catalogue's own table names.
        rows = {n: db.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}  # noqa: S608
        return {n: _digest(r) for n, r in rows.items() if n != "sqlite_sequence"}


def _files(var_dir: Path) -> dict[str, str]:
    root = var_dir / "files"
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _backup(env: dict[str, str], output: Path) -> dict[str, Any]:
    out = serving.run_ok(["-m", "concordat.cli", "backup", "--output", str(output)], env)
    assert "Backed up" in out
    manifest: dict[str, Any] = json.loads((output / "manifest.json").read_text())
    return manifest


def _restore(env: dict[str, str], source: Path) -> Any:
    return serving.run(["-m", "concordat.cli", "restore", str(source)], env)


def _check_manifest(
    manifest: dict[str, Any], tables: dict[str, tuple[int, str]], files: dict[str, str]
) -> None:
    assert {name: count for name, (count, _) in tables.items()} == manifest["tables"]
    assert {item["name"]: item["sha256"] for item in manifest["files"]} == files
    assert manifest["counts"]["files"] == len(files) > 0
    assert tables[AUDIT][0] > 0 and tables["accounts_user"][0] > 10 and tables["areas_area"][0] == 152


@pytest.mark.slow
def test_backup_and_restore_round_trip_on_postgresql(pg_template: Template, tmp_path: Path) -> None:
    require(HARROW_RETURN)  # the demo-like data's uploaded files come from importing the real Harrow return
    source_var, target_var, backup = tmp_path / "source", tmp_path / "target", tmp_path / "backup"
    shutil.copytree(pg_template.var_dir, source_var)
    with (
        serving.private_database("svc_bk_src", template=pg_template.name) as source,
        serving.private_database("svc_bk_dst") as target,
    ):
        manifest = _backup(serving.service_environment(source, source_var), backup)
        before, files_before = _pg_tables(source), _files(source_var)
        _check_manifest(manifest, before, files_before)

        target_env = serving.service_environment(target, target_var)
        restored = _restore(target_env, backup)
        assert restored.returncode == 0, restored.stderr
        assert _pg_tables(target) == before
        assert _files(target_var) == files_before
        # The audit trail is append-only again after the restore: its triggers came back with it.
        with pytest.raises(psycopg.errors.RaiseException), psycopg.connect(target) as conn:
            conn.execute("DELETE FROM audit_auditevent")

        again = _restore(target_env, backup)
        assert again.returncode == 1
        assert "The target database is not empty" in again.stderr


@pytest.mark.slow
def test_backup_and_restore_round_trip_on_sqlite_and_a_damaged_backup_is_refused(tmp_path: Path) -> None:
    require(HARROW_RETURN)  # the demo-like data's uploaded files come from importing the real Harrow return
    source_var, target_var, backup = tmp_path / "source", tmp_path / "target", tmp_path / "backup"
    source_env = serving.service_environment("", source_var)
    del source_env["DATABASE_URL"]  # the default: var/concordat.sqlite3
    serving.run_ok(["-m", "concordat.operations.tests.demo_like"], source_env, timeout=600)
    manifest = _backup(source_env, backup)
    before, files_before = _sqlite_tables(source_var / "concordat.sqlite3"), _files(source_var)
    _check_manifest(manifest, before, files_before)

    target_env = {**source_env, "CONCORDAT_VAR_DIR": str(target_var)}
    restored = _restore(target_env, backup)
    assert restored.returncode == 0, restored.stderr
    assert _sqlite_tables(target_var / "concordat.sqlite3") == before
    assert _files(target_var) == files_before
    with sqlite3.connect(target_var / "concordat.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] > 0

    # A damaged copy of the same backup is refused before anything is restored.
    damaged, fresh_var = tmp_path / "damaged", tmp_path / "fresh"
    shutil.copytree(backup, damaged)
    name = manifest["files"][0]["name"]
    evidence = damaged / "files" / name
    evidence.write_bytes(evidence.read_bytes() + b"!")
    refused = _restore({**source_env, "CONCORDAT_VAR_DIR": str(fresh_var)}, damaged)
    assert refused.returncode == 1
    assert "The backup is damaged; nothing was restored." in refused.stderr
    assert f"files/{name} does not match its checksum" in refused.stderr
    assert not (fresh_var / "files").exists()
    with sqlite3.connect(fresh_var / "concordat.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
