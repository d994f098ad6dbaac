"""What the served benchmarks share: a throwaway PostgreSQL database, a production-like environment and a
gunicorn started, probed and stopped. ``bench api`` and ``bench load`` use it."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from concordat.bench.browser import Browser, TransportError

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_env(database: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off, fresh keys) on the throwaway ``database``."""
    return {
        **os.environ,
        "DATABASE_URL": SERVER.rsplit("/", 1)[0] + "/" + database,
        "CONCORDAT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "concordat.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "REGISTER_HASH_KEY": secrets.token_urlsafe(40),
        "DEBUG": "false",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        "CONCORDAT_THROWAWAY_DB": "true",  # its own database, dropped afterwards
        **extra,
    }


@contextmanager
def throwaway_database(prefix: str) -> Iterator[tuple[str, Path]]:
    """A new PostgreSQL database and a temporary files folder, both removed afterwards."""
    database = f"{prefix}_{os.getpid()}"
    admin = psycopg.connect(SERVER, autocommit=True)
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        with tempfile.TemporaryDirectory(prefix=f"{prefix}_") as tmp:
            yield database, Path(tmp)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def prepare(module: str, env: dict[str, str], *args: str) -> str:
    """Run ``python -m module`` (a benchmark's set-up) in a child on ``env``; its last line of output."""
    done = subprocess.run(  # noqa: S603  # our own module, fixed arguments
        [sys.executable, "-m", module, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"The benchmark's set-up failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1]


def serve(app: str, env: dict[str, str], port: int, *, probe: str = "/") -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", app, "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
    log = tempfile.TemporaryFile()  # noqa: SIM115  # open for the server's lifetime, read on failure
    server = subprocess.Popen(  # noqa: S603  # our own app, fixed arguments
        [*command, "--preload", "--timeout", "120", "--graceful-timeout", "5", "--log-level", "warning"],
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None:
        try:
            Browser("127.0.0.1", port, timeout=30).get(probe)
            return server
        except TransportError:
            time.sleep(0.5)
    server.kill()
    log.seek(0)
    raise RuntimeError(
        f"gunicorn did not start serving {app}:\n{log.read()[-3000:].decode(errors='replace')}"
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children still alive (gunicorn's master and workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total
