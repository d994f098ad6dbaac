"""``concordat bench api``: whole returns submitted through the API, served by gunicorn on PostgreSQL.

A throwaway PostgreSQL database (``DATABASE_URL`` of this process's server, a private name) is migrated and
given the 152 areas, the personas and the open stocktake round in a child process; gunicorn then serves it.
Timed: ``PUT /api/v1/rounds/{round}/returns/{area}`` with all 61 answers (every one changed, so every answer
and its audit event is written) at concurrency 1 and 8, and the completeness CSV of the 152 returns. The floor
is a hello-world WSGI app on the same gunicorn settings, measured in the same run.

Targets (issue #15): 170 whole returns/s at concurrency 1, 260/s at 8; the CSV of 152 returns in 0.1 s.
"""

import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TextIO

from concordat.bench.browser import Browser
from concordat.bench.serving import WORKERS, bench_env, free_port, prepare, serve, stop, throwaway_database

TARGETS = {
    "c1_per_second": 170,
    "c8_per_second": 260,
    "csv_152_seconds": 0.1,
    "export_152_seconds": 0.1,
    "export_1520_seconds": 0.5,
}
PROBE = "/api/v1/openapi.json"


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


# ODK Central was measured with submissions of about 34 KB of evidence text: 61 answers of ~560 characters.
SENTENCE = "The board agreed the plan; the partners report each quarter against the milestones set. "
EVIDENCE = (SENTENCE * 7)[:545]


def _whole(numbers: list[str], n: int) -> bytes:
    answers = {q: {"status": "yes", "evidence": f"Pass {n} ({q}): {EVIDENCE}"} for q in numbers}
    completed = {"name": "Bench Editor", "organisation": "Bench", "contact": "bench@example.org"}
    return json.dumps({"completed_by": completed, "answers": answers}).encode()


def _measure(port: int, setup: dict[str, Any], quick: bool, stdout: TextIO) -> dict[str, Any]:
    base = "/api/v1"
    tokens: dict[str, str] = setup["tokens"]
    local = threading.local()
    areas, numbers, slug = setup["areas"], setup["questions"], setup["round"]
    passes = iter(range(1, 100))

    def put(job: tuple[str, bytes]) -> None:
        if not hasattr(local, "client"):
            local.client = Browser("127.0.0.1", port)  # a connection per thread (bench/browser.py)
        client: Browser = local.client
        # As a council system that keeps only the ETag for its next write (RFC 7240; docs/api.md).
        headers = {
            "Authorization": f"Bearer {tokens[job[0]]}",
            "Content-Type": "application/json",
            "Prefer": "return=minimal",
        }
        response = client.put(f"{base}/rounds/{slug}/returns/{job[0]}", content=job[1], headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"PUT {job[0]}: {response.status_code} {response.text[:300]}")

    result: dict[str, Any] = {}
    count = 40 if quick else 152
    for concurrency in (1, 8):
        body = _whole(numbers, next(passes))
        jobs = [(code, body) for code in areas[:count]]
        result[f"c{concurrency}"] = figures = _timed(put, jobs, concurrency)
        stdout.write(f"  whole-return PUT at concurrency {concurrency}: {figures}\n")
    seconds, text = _median_get(port, f"{base}/rounds/{slug}/completeness.csv", setup["national_token"])
    result["csv_152_seconds"] = round(seconds, 3)
    result["csv_rows"] = text.count("\n") - 1
    stdout.write(
        f"  completeness CSV of {result['csv_rows']} areas: {result['csv_152_seconds']} s (median of 5)\n"
    )
    return result


def _median_get(port: int, path: str, token: str) -> tuple[float, str]:
    times = []
    client = Browser("127.0.0.1", port, timeout=120)
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:300]}")
    client.close()
    return statistics.median(times), response.text


def _exports(port: int, exports: dict[str, Any], stdout: TextIO) -> dict[str, Any]:
    """The submitted returns of a 152-area and a 1,520-area round as one CSV each (``returns.csv``)."""
    result: dict[str, Any] = {}
    for size, slug in exports["rounds"].items():
        seconds, text = _median_get(port, f"/api/v1/rounds/{slug}/returns.csv", exports["token"])
        result[f"export_{size}_seconds"] = round(seconds, 3)
        result[f"export_{size}_rows"] = text.count("\n") - 1
        stdout.write(
            f"  returns CSV of {result[f'export_{size}_rows']} returns: {seconds:.3f} s (median of 5)\n"
        )
    return result


def _floor(env: dict[str, str], body: bytes, stdout: TextIO) -> dict[str, Any]:
    """The same whole-return bodies PUT to a hello-world WSGI app that reads them, by the same client."""
    port = free_port()
    server = serve("concordat.bench.hello:app", env, port)
    local = threading.local()
    headers = {"Content-Type": "application/json"}

    def put(_: int) -> None:
        if not hasattr(local, "client"):
            local.client = Browser("127.0.0.1", port)
        local.client.put("/", content=body, headers=headers)

    try:
        floor = {f"c{c}": _timed(put, list(range(500)), c) for c in (1, 8)}
    finally:
        stop(server)
    stdout.write(f"  hello-world floor on the same gunicorn settings: {floor}\n")
    return floor


def run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    with throwaway_database("concordat_bench_api") as (database, var_dir):
        env = bench_env(database, var_dir, CONCORDAT_FAST_HASHER="1", API_RATE_LIMIT="1000000/m")
        stdout.write(f"Migrating and loading {database} (not timed)...\n")
        setup = json.loads(prepare("concordat.bench.api", env))
        port = free_port()
        server = serve("concordat.wsgi:application", env, port, probe=PROBE)
        try:
            result = _measure(port, setup, quick, stdout)
        finally:
            stop(server)
        # Then 1,520 areas (after the whole-return figures, which are for the 152): two submitted rounds.
        stdout.write("Generating two rounds of accepted returns, 152 and 1,520 areas (not timed)...\n")
        exports = json.loads(prepare("concordat.bench.api", env, "exports"))
        server = serve("concordat.wsgi:application", env, port, probe=PROBE)
        try:
            result.update(_exports(port, exports, stdout))
        finally:
            stop(server)
        result["floor"] = _floor(env, _whole(setup["questions"], 0), stdout)
    result["gunicorn_workers"] = WORKERS
    result["targets"] = TARGETS
    result["meets"] = {
        "c1": result["c1"]["per_second"] >= TARGETS["c1_per_second"],
        "c8": result["c8"]["per_second"] >= TARGETS["c8_per_second"],
        "csv_152": result["csv_152_seconds"] <= TARGETS["csv_152_seconds"],
        "export_152": result["export_152_seconds"] <= TARGETS["export_152_seconds"],
        "export_1520": result["export_1520_seconds"] <= TARGETS["export_1520_seconds"],
    }
    return result


def _setup() -> dict[str, Any]:
    """In the child: migrate, load the areas, personas and the open stocktake round; an editor and a token
    for each area, and a token for Nadia."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from concordat.accounts.actions import create_api_token
    from concordat.accounts.models import Membership, Role, User
    from concordat.accounts.personas import create_personas
    from concordat.areas.models import Area
    from concordat.areas.reference import load_areas
    from concordat.questionnaires.models import Question
    from concordat.returns.demo import ensure_stocktake_round

    call_command("migrate", verbosity=0, interactive=False)
    load_areas()
    personas = create_personas()
    rnd = ensure_stocktake_round(personas["nadia"])
    # Areas write their own returns (the national team reviews, it does not edit), each council system with
    # its own credentials: an editor of one area and a token for each of the 152 areas.
    areas = list(Area.objects.current(rnd.opens_on).order_by("ons_code"))
    editors = {a.ons_code: User.objects.create_user(f"bench-editor-{a.ons_code}") for a in areas}
    Membership.objects.bulk_create(
        Membership(user=editors[area.ons_code], role=Role.AREA_EDITOR, area=area) for area in areas
    )

    def token(user: User, name: str, scope: str) -> str:
        """A day's token, as a user makes one on their account page (no register scope)."""
        return create_api_token(
            user, name=name, scope=scope, register=False, days=1, verified=False, now=timezone.now()
        )[1]

    tokens = {code: token(editor, "bench", "read_write") for code, editor in editors.items()}
    national_token = token(personas["nadia"], "bench-completeness", "read")
    return {
        "tokens": tokens,
        "national_token": national_token,
        "round": rnd.slug,
        "areas": [area.ons_code for area in areas],
        "questions": list(
            Question.objects.filter(questionnaire=rnd.questionnaire)
            .order_by("position")
            .values_list("number", flat=True)
        ),
    }


def _export_rounds() -> dict[str, Any]:
    """In the child: accepted synthetic rounds of 152 and 1,520 areas; a national token to export them."""
    import django

    django.setup()
    from django.utils import timezone

    from concordat.accounts.actions import create_api_token
    from concordat.accounts.models import User
    from concordat.synthetic.rounds import generate_round

    rounds = {}
    for size, scale in ((152, 1), (1520, 10)):
        generated = generate_round(f"bench-export-{size}", seed=size, areas_scale=scale, with_files=False)
        rounds[str(size)] = generated.round.slug
    _, token = create_api_token(
        User.objects.get(username="nadia"),
        name="bench-export",
        scope="read",
        register=False,
        days=1,
        verified=False,
        now=timezone.now(),
    )
    return {"rounds": rounds, "token": token}


if __name__ == "__main__":
    # Read by run() in the parent: the set-up, or (with "exports") the rounds to export.
    print(json.dumps(_export_rounds() if sys.argv[1:] == ["exports"] else _setup()))
