"""``concordat bench api``: whole returns submitted through the API, served by gunicorn on PostgreSQL.

A throwaway PostgreSQL database (``DATABASE_URL`` of this process's server, a private name) is migrated and
given the 152 areas, the personas and the open stocktake round in a child process; gunicorn then serves it.
Timed: ``PUT /api/v1/rounds/{round}/returns/{area}`` with all 61 answers (every one changed, so every answer
and its audit event is written) at concurrency 1 and 8, and the completeness CSV of the 152 returns. The floor
is a hello-world WSGI app on the same gunicorn settings, measured in the same run.

Targets (issue #15): 170 whole returns/s at concurrency 1, 260/s at 8; the CSV of 152 returns in 0.1 s.
"""

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

import httpx
import psycopg

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
TARGETS = {"c1_per_second": 170, "c8_per_second": 260, "csv_152_seconds": 0.1}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(database: str, var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": SERVER.rsplit("/", 1)[0] + "/" + database,
        "CONCORDAT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "concordat.settings",
        "CONCORDAT_FAST_HASHER": "1",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "REGISTER_HASH_KEY": secrets.token_urlsafe(40),
        "DEBUG": "false",
        "API_RATE_LIMIT": "1000000/m",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }


def _serve(app: str, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
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
            httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=30)
            return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    log.seek(0)
    raise RuntimeError(
        f"gunicorn did not start serving {app}:\n{log.read()[-3000:].decode(errors='replace')}"
    )


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def _timed(send: Any, jobs: list[Any], concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []

    def one(job: Any) -> None:
        started = time.perf_counter()
        send(job)
        latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, jobs))
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(jobs),
        "per_second": round(len(jobs) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
    }


def _whole(numbers: list[str], n: int) -> bytes:
    answers = {q: {"status": "yes", "evidence": f"Pass {n}: agreed at the board ({q})."} for q in numbers}
    completed = {"name": "Bench Editor", "organisation": "Bench", "contact": "bench@example.org"}
    return json.dumps({"completed_by": completed, "answers": answers}).encode()


def _measure(port: int, setup: dict[str, Any], quick: bool, stdout: TextIO) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}/api/v1"
    headers = {"Authorization": f"Bearer {setup['token']}", "Content-Type": "application/json"}
    local = threading.local()
    areas, numbers, slug = setup["areas"], setup["questions"], setup["round"]
    passes = iter(range(1, 100))

    def put(job: tuple[str, bytes]) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client()  # one keep-alive connection per thread
        client: httpx.Client = local.client
        response = client.put(
            f"{base}/rounds/{slug}/returns/{job[0]}", content=job[1], headers=headers, timeout=60
        )
        if response.status_code != 200:
            raise RuntimeError(f"PUT {job[0]}: {response.status_code} {response.text[:300]}")

    result: dict[str, Any] = {}
    count = 40 if quick else 152
    for concurrency in (1, 8):
        body = _whole(numbers, next(passes))
        jobs = [(code, body) for code in areas[:count]]
        result[f"c{concurrency}"] = figures = _timed(put, jobs, concurrency)
        stdout.write(f"  whole-return PUT at concurrency {concurrency}: {figures}\n")
    csv_times = []
    with httpx.Client() as client:
        for _ in range(5):
            started = time.perf_counter()
            response = client.get(f"{base}/rounds/{slug}/completeness.csv", headers=headers, timeout=60)
            csv_times.append(time.perf_counter() - started)
            response.raise_for_status()
    result["csv_152_seconds"] = round(statistics.median(csv_times), 3)
    result["csv_rows"] = response.text.count("\n") - 1
    stdout.write(
        f"  completeness CSV of {result['csv_rows']} areas: {result['csv_152_seconds']} s (median of 5)\n"
    )
    return result


def _floor(env: dict[str, str], stdout: TextIO) -> dict[str, Any]:
    port = _free_port()
    server = _serve("concordat.bench.hello:app", env, port)
    try:
        with httpx.Client() as client:
            url = f"http://127.0.0.1:{port}/"
            floor = {f"c{c}": _timed(lambda _: client.get(url), list(range(500)), c) for c in (1, 8)}
    finally:
        _stop(server)
    stdout.write(f"  hello-world floor on the same gunicorn settings: {floor}\n")
    return floor


def run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    database = f"concordat_bench_api_{os.getpid()}"
    admin = psycopg.connect(SERVER, autocommit=True)
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        with tempfile.TemporaryDirectory(prefix="concordat_bench_api_") as tmp:
            env = _env(database, Path(tmp))
            stdout.write(f"Migrating and loading {database} (not timed)...\n")
            done = subprocess.run(  # our own module, fixed arguments
                [sys.executable, "-m", "concordat.bench.api"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"The API bench set-up failed:\n{done.stderr[-3000:]}")
            setup = json.loads(done.stdout.strip().splitlines()[-1])
            port = _free_port()
            server = _serve("concordat.wsgi:application", env, port)
            try:
                result = _measure(port, setup, quick, stdout)
            finally:
                _stop(server)
            result["floor"] = _floor(env, stdout)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()
    result["gunicorn_workers"] = WORKERS
    result["targets"] = TARGETS
    result["meets"] = {
        "c1": result["c1"]["per_second"] >= TARGETS["c1_per_second"],
        "c8": result["c8"]["per_second"] >= TARGETS["c8_per_second"],
        "csv_152": result["csv_152_seconds"] <= TARGETS["csv_152_seconds"],
    }
    return result


def _setup() -> dict[str, Any]:
    """In the child: migrate, load the areas, personas and the open stocktake round; a token for Nadia."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from concordat.accounts.actions import create_api_token
    from concordat.accounts.personas import create_personas
    from concordat.areas.models import Area
    from concordat.areas.reference import load_areas
    from concordat.questionnaires.models import Question
    from concordat.returns.demo import ensure_stocktake_round

    call_command("migrate", verbosity=0, interactive=False)
    load_areas()
    personas = create_personas()
    rnd = ensure_stocktake_round(personas["nadia"])
    _, token = create_api_token(
        personas["nadia"],
        name="bench",
        scope="read_write",
        register=False,
        days=1,
        verified=False,
        now=timezone.now(),
    )
    return {
        "token": token,
        "round": rnd.slug,
        "areas": list(
            Area.objects.current(rnd.opens_on).order_by("ons_code").values_list("ons_code", flat=True)
        ),
        "questions": list(
            Question.objects.filter(questionnaire=rnd.questionnaire)
            .order_by("position")
            .values_list("number", flat=True)
        ),
    }


if __name__ == "__main__":
    print(json.dumps(_setup()))  # read by run() in the parent
