"""Running PostgreSQL's own client programs (pg_dump, pg_restore) against the configured database.

Connection details go through the standard ``PG*`` environment variables, so a password never appears in a
process list. The client programs must be at least the server's major version.
"""

import os
import subprocess
from pathlib import Path
from typing import Any

TIMEOUT_SECONDS = 6 * 60 * 60


class ClientFailed(Exception):
    """pg_dump or pg_restore exited with an error (its message is the program's own)."""


def environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = str(settings_dict["NAME"])
    sslmode = settings_dict.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(command: list[str], settings_dict: dict[str, Any]) -> None:
    result = subprocess.run(  # noqa: S603  (fixed programs, arguments we built)
        command,
        env=environment(settings_dict),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise ClientFailed(f"{command[0]} failed:\n{result.stderr.strip()}")


def dump(settings_dict: dict[str, Any], target: Path, *, snapshot: str) -> None:
    _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], settings_dict)


def restore(settings_dict: dict[str, Any], source: Path) -> None:
    # One transaction: a restore that fails half-way leaves the database as empty as it was.
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        settings_dict,
    )
