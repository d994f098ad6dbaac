"""A private PostgreSQL cluster on its own port in a temporary directory, so a test may restart (or crash)
the database under a running server without touching the machine's own cluster."""

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from concordat.operations.tests.serving import free_port


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    return found[-1].parent


def _as_postgres() -> list[str]:
    if pwd.getpwuid(os.geteuid()).pw_name == "postgres":
        return []
    if os.geteuid() != 0:
        pytest.skip("a private PostgreSQL cluster runs as the postgres user: needs root or postgres")
    return ["runuser", "-u", "postgres", "--"]


@dataclass(frozen=True)
class Cluster:
    url: str
    data: Path
    port: int
    bin_dir: Path
    prefix: tuple[str, ...]

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        command = [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60"]
        subprocess.run(
            [*command, "-l", str(self.data / "server.log"), "-o", options, *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def crash(self) -> None:
        """Stop the server the way a crash would: no checkpoint, so the next start replays the WAL."""
        self.pg_ctl("stop", "-m", "immediate")


@contextmanager
def private_cluster() -> Iterator[Cluster]:
    prefix = tuple(_as_postgres())
    bin_dir = _bin_dir()
    data = Path(tempfile.mkdtemp(prefix="concordat-pg-"))
    postgres = pwd.getpwnam("postgres")
    os.chown(data, postgres.pw_uid, postgres.pw_gid)
    port = free_port()
    cluster = Cluster(f"postgresql://postgres@127.0.0.1:{port}", data, port, bin_dir, prefix)
    subprocess.run(
        [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        cluster.pg_ctl("start")
        yield cluster
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=120,
            check=False,
        )
        shutil.rmtree(data, ignore_errors=True)
