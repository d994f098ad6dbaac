"""Real processes for the serving tests: private PostgreSQL databases, `concordat serve`, `concordat worker`,
and a small cookie-keeping HTTP client. Every process started here is stopped by the context manager that
started it, whatever the test does."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
MAIN_CLUSTER = "postgresql://postgres@127.0.0.1:5432"
KEYS = {"SECRET_KEY": secrets.token_urlsafe(50), "REGISTER_HASH_KEY": secrets.token_urlsafe(50)}


def wait_for(condition: Callable[[], Any], *, timeout: float, what: str, every: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout:g}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def service_environment(database_url: str, var_dir: Path, **overrides: str) -> dict[str, str]:
    """A deployment's environment: DEBUG off, keys of its own, a private database and var directory."""
    unset = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SQLITE_TEST_NAME"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(KEYS)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concordat.settings",
            "DATABASE_URL": database_url,
            "CONCORDAT_VAR_DIR": str(var_dir),
            "CONCORDAT_FAST_HASHER": "1",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str], *, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_ok(args: list[str], env: dict[str, str], *, timeout: float = 300) -> str:
    result = run(args, env, timeout=timeout)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


# ---- PostgreSQL ----


def admin(sql: str, cluster: str = MAIN_CLUSTER) -> None:
    with psycopg.connect(f"{cluster}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def query(database_url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


@contextmanager
def private_database(
    prefix: str, *, template: str | None = None, cluster: str = MAIN_CLUSTER
) -> Iterator[str]:
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""), cluster)
    try:
        yield f"{cluster}/{name}"
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', cluster)


# ---- processes ----


@dataclass
class Service:
    process: subprocess.Popen[bytes]
    log: Path
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def children(self) -> set[int]:
        """The pids of the processes this one forked (gunicorn's workers)."""
        found = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                found.add(int(stat.parent.name))
        return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def started(args: list[str], env: dict[str, str], log: Path) -> Iterator[Service]:
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [PYTHON, *args],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    service = Service(process, log)
    try:
        yield service
    finally:
        _stop(process)
        # Any worker the master could not reap (it was killed first) goes with its process group.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5)  # noqa: S310  (loopback URL we built)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@contextmanager
def serve(env: dict[str, str], log: Path, *args: str, port: int | None = None) -> Iterator[Service]:
    port = port or free_port()
    with started(["-m", "concordat.cli", "serve", "--bind", f"127.0.0.1:{port}", *args], env, log) as service:
        service.url = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            assert service.process.poll() is None, f"concordat serve exited:\n{service.output()}"
            return answers(f"{service.url}/healthz") and len(service.children()) >= 1

        wait_for(ready, timeout=90, what=f"concordat serve on port {port}", every=0.25)
        yield service


# ---- HTTP ----


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """Keeps cookies the way a browser does (per host, whatever the port), never follows redirects."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, url: str, data: dict[str, str] | None = None, timeout: float = 30) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=timeout) as reply:
                return Response(reply.status, reply.read().decode(), dict(reply.headers))
        except urllib.error.HTTPError as reply:
            return Response(reply.code, reply.read().decode(errors="replace"), dict(reply.headers))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def post_form(self, url: str, data: dict[str, str]) -> Response:
        """GET the form (for its CSRF token), then POST it."""
        page = self.request(url)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no CSRF token on {url} ({page.status})"
        return self.request(url, {"csrfmiddlewaretoken": match.group(1), **data})

    def sign_in(self, base: str, username: str, password: str) -> Response:
        return self.post_form(f"{base}/account/sign-in/", {"username": username, "password": password})
