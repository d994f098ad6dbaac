"""Faults survived, with real processes: a worker killed mid-task, the database crashing under a running
server, and a gunicorn worker killed in the middle of a write."""

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from concordat.operations.tests import serving
from concordat.operations.tests.cluster import private_cluster
from concordat.operations.tests.conftest import Template

PASSWORD = "winterbourne-2013"
ENQUEUE = (
    "import django; django.setup(); from concordat.operations.tasks import run_probe; "
    "run_probe.enqueue(key='probe', hold_seconds=60)"
)
WORKER = ["-m", "concordat.cli", "worker", "--interval", "0.2"]


def _probe(url: str) -> list[tuple[Any, ...]]:
    return serving.query(url, "SELECT attempts, effects FROM operations_taskprobe WHERE key = 'probe'")


def _task_status(url: str) -> list[tuple[Any, ...]]:
    return serving.query(
        url,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE args_kwargs::text LIKE '%%\"probe\"%%'",
    )


@pytest.mark.slow
def test_a_task_whose_worker_is_killed_runs_again_and_takes_effect_once(
    pg_template: Template, tmp_path: Path
) -> None:
    with serving.private_database("svc_worker", template=pg_template.name) as url:
        env = serving.service_environment(
            url, tmp_path, WORKER_HEARTBEAT_SECONDS="0.5", WORKER_STALE_SECONDS="3"
        )
        serving.run_ok(["-c", ENQUEUE], env)
        with serving.started(WORKER, env, tmp_path / "first.log") as first:
            # The first attempt has counted itself and holds its effect uncommitted for 60 seconds.
            serving.wait_for(lambda: _probe(url) == [(1, 0)], timeout=90, what="the first attempt")
            assert _task_status(url) == [("RUNNING",)]
            os.kill(first.process.pid, signal.SIGKILL)
            first.process.wait(timeout=10)
        assert _probe(url) == [(1, 0)] and _task_status(url) == [("RUNNING",)]

        with serving.started(WORKER, env, tmp_path / "second.log"):
            serving.wait_for(lambda: _task_status(url) == [("SUCCESSFUL",)], timeout=90, what="the rerun")
            checked = serving.run_ok(["-m", "concordat.cli", "check-worker", "--timeout", "60"], env)
            assert "A worker ran the probe task" in checked
        assert _probe(url) == [(2, 1)]
        requeued = serving.query(url, "SELECT count(*) FROM audit_auditevent WHERE verb = 'task requeued'")
        assert requeued == [(1,)]


def _copy_template(template: str, target_url: str) -> None:
    dump = subprocess.run(
        ["pg_dump", "--format=custom", f"{serving.MAIN_CLUSTER}/{template}"], capture_output=True, timeout=300
    )
    assert dump.returncode == 0, dump.stderr
    restore = subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target_url}"],
        input=dump.stdout,
        capture_output=True,
        timeout=300,
    )
    assert restore.returncode == 0, restore.stderr


class SignIns(threading.Thread):
    """Signs in again and again; remembers when each sign-in was acknowledged and its session key."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.stopping = threading.Event()
        self.results: list[tuple[float, str | None]] = []

    def run(self) -> None:
        while not self.stopping.is_set():
            browser = serving.Browser()
            try:
                response = browser.sign_in(self.base, "hannah", PASSWORD)
                key = browser.cookie("sessionid") if response.status == 302 else None
            except (OSError, AssertionError):
                key = None  # the database is down: no answer, or an error page without a form
            self.results.append((time.monotonic(), key))

    def acknowledged(self, after: float = 0.0) -> list[str]:
        return [key for at, key in list(self.results) if key and at > after]


@pytest.mark.slow
def test_the_server_recovers_from_a_database_crash_without_losing_an_acknowledged_write(
    pg_template: Template, tmp_path: Path
) -> None:
    with private_cluster() as cluster:
        serving.admin('CREATE DATABASE "concordat"', cluster.url)
        url = f"{cluster.url}/concordat"
        _copy_template(pg_template.name, url)
        env = serving.service_environment(url, tmp_path, CONN_MAX_AGE="60", CONN_HEALTH_CHECKS="true")
        with serving.serve(env, tmp_path / "serve.log", "--workers", "2") as server:
            workers = serving.wait_for(
                lambda: len(server.children()) == 2 and server.children(), timeout=60, what="2"
            )
            sign_ins = SignIns(server.url)
            sign_ins.start()
            try:
                serving.wait_for(lambda: len(sign_ins.acknowledged()) >= 3, timeout=90, what="sign-ins")
                cluster.crash()
                down = json.loads(serving.Browser().request(f"{server.url}/healthz").body)
                assert down["status"] == "unhealthy" and down["checks"]["database"] == {"ok": False}
                cluster.pg_ctl("start")
                restarted = time.monotonic()
                serving.wait_for(
                    lambda: len(sign_ins.acknowledged(restarted)) >= 3, timeout=90, what="recovery"
                )
            finally:
                sign_ins.stopping.set()
                sign_ins.join(timeout=60)
            assert server.process.poll() is None and server.children() == workers  # nothing was restarted
            health = json.loads(serving.Browser().request(f"{server.url}/healthz").body)
            assert health["checks"]["database"] == {"ok": True}
        stored = {row[0] for row in serving.query(url, "SELECT session_key FROM django_session")}
        acknowledged = set(sign_ins.acknowledged())
        assert len(acknowledged) >= 6
        assert acknowledged <= stored, f"lost: {acknowledged - stored}"


@pytest.mark.slow
def test_a_gunicorn_worker_killed_mid_request_leaves_no_partial_write(
    pg_template: Template, tmp_path: Path
) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    with serving.private_database("svc_kill", template=pg_template.name) as url:
        env = serving.service_environment(
            url,
            tmp_path,
            DJANGO_SETTINGS_MODULE="concordat.operations.tests.fault_settings",
            FAULT_MARKER_DIR=str(markers),
        )
        with serving.serve(env, tmp_path / "serve.log", "--workers", "2") as server:
            outcome: dict[str, Any] = {}

            def slow_write() -> None:
                try:
                    outcome["response"] = serving.Browser().request(
                        f"{server.url}/_test/slow-write/k1?hold=30"
                    )
                except OSError as error:
                    outcome["error"] = error

            request = threading.Thread(target=slow_write, daemon=True)
            request.start()
            marker = markers / "k1"
            pid = int(
                serving.wait_for(lambda: marker.exists() and marker.read_text(), timeout=60, what="the write")
            )
            assert pid in server.children()
            open_writes = "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
            assert serving.query(url, open_writes)[0][0] >= 1
            os.kill(pid, signal.SIGKILL)
            request.join(timeout=60)
            assert "error" in outcome and "response" not in outcome  # the client was never told "written"
            assert serving.query(url, "SELECT key FROM operations_taskprobe WHERE key LIKE 'k1-%%'") == []

            # gunicorn replaces the worker; the same write then happens whole.
            serving.wait_for(
                lambda: len(server.children()) == 2 and pid not in server.children(), timeout=60, what=""
            )
            assert serving.Browser().request(f"{server.url}/_test/slow-write/k2").status == 200
            keys = serving.query(
                url, "SELECT key FROM operations_taskprobe WHERE key LIKE 'k2-%%' ORDER BY key"
            )
            assert keys == [("k2-first",), ("k2-second",)]
