"""Races run for real: a scenario module is run in its own process against a database file or a PostgreSQL
database of its own (migrated once per test session, then copied), and fires two requests at the same moment
from two threads, each with its own database connection, as two browsers would.

pytest-django's test database will not do: its tests run inside one transaction, and its SQLite database is in
memory, shared between threads through SQLite's shared cache, which locks differently from a database file.

A scenario module defines ``SCENARIOS = {name: function(world, trial) -> Trial}`` and ``make_world()``, and
ends with ``if __name__ == "__main__": race_main(SCENARIOS, make_world)``. The test calls ``run_race``.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The engine of this run (DATABASE_URL): `make test` runs the suite once on each, so each race runs once per
# engine. CONCORDAT_RACE_ENGINES=sqlite,postgresql races on both in one run.
ENGINES = os.environ.get(
    "CONCORDAT_RACE_ENGINES",
    "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite",
).split(",")


# ---- inside the scenario's process ----


@dataclass
class Trial:
    """One trial: what each request ended as, and how many duplicate rows the race left behind."""

    outcomes: list[str]
    duplicates: int = 0
    wrong: list[str] = field(default_factory=list)  # anything else the trial expected but did not find


@dataclass
class Tally:
    trials: int = 0
    server_errors: int = 0
    duplicates: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def add(self, trial: Trial) -> None:
        self.trials += 1
        self.duplicates += trial.duplicates
        self.wrong += trial.wrong
        for outcome in trial.outcomes:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
            self.server_errors += outcome.startswith(("500", "exception"))


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call in its own thread, released together; an exception is returned as the result."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def race_main(scenarios: Mapping[str, Callable[[Any, int], Trial]], make_world: Callable[[], Any]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concordat.settings")
    django.setup()
    from django.core.signals import got_request_exception

    name, trials = sys.argv[1], int(sys.argv[2])
    tally = Tally()

    def note(sender: Any, request: Any = None, **kwargs: Any) -> None:
        tally.exceptions.append(repr(sys.exc_info()[1])[:300])

    got_request_exception.connect(note)
    world = make_world()
    for n in range(trials):
        tally.add(scenarios[name](world, n))
    print("RESULT " + json.dumps(asdict(tally)))


# ---- in the test ----


@dataclass(frozen=True)
class RaceDatabase:
    engine: str
    url: str


def _cluster() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] if url.startswith("postgres") else "postgresql://postgres@127.0.0.1:5432"


def _prefix() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return (url.rsplit("/", 1)[1] if url.startswith("postgres") else "concordat") + "_race"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{_cluster()}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _environment(url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SQLITE_TEST_NAME", "DEBUG"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "concordat.settings",
            "DATABASE_URL": url,
            "CONCORDAT_VAR_DIR": str(var_dir),
            "CONCORDAT_FAST_HASHER": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _migrate(url: str, var_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=_environment(url, var_dir),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


class Templates:
    """A migrated database per engine, made on first use: SQLite's a file, PostgreSQL's a template
    database."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, str] = {}

    def get(self, engine: str) -> str:
        if engine not in self.made:
            if engine == "sqlite":
                path = str(self.folder / "template.sqlite3")
                _migrate(f"sqlite:///{path}", self.folder)
            else:
                path = f"{_prefix()}_tpl_{secrets.token_hex(4)}"
                _admin(f'CREATE DATABASE "{path}"')
                _migrate(f"{_cluster()}/{path}", self.folder)
            self.made[engine] = path
        return self.made[engine]


@pytest.fixture(scope="session")
def race_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    templates = Templates(tmp_path_factory.mktemp("race-templates"))
    yield templates
    if "postgresql" in templates.made:
        _admin(f'DROP DATABASE IF EXISTS "{templates.made["postgresql"]}" WITH (FORCE)')


@pytest.fixture(params=ENGINES)
def race_database(
    request: pytest.FixtureRequest, race_templates: Templates, tmp_path: Path
) -> Iterator[RaceDatabase]:
    engine: str = request.param
    if engine == "postgresql":
        try:
            _admin("SELECT 1")
        except Exception as exc:
            pytest.skip(f"PostgreSQL is not reachable: {exc}")
    template = race_templates.get(engine)
    if engine == "sqlite":
        target = tmp_path / "race.sqlite3"
        shutil.copy(template, target)
        yield RaceDatabase(engine, f"sqlite:///{target}")
        return
    name = f"{_prefix()}_{secrets.token_hex(4)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield RaceDatabase(engine, f"{_cluster()}/{name}")
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_race(
    database: RaceDatabase, module: str, scenario: str, trials: int, var_dir: Path
) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", module, scenario, str(trials)],
        cwd=ROOT,
        env=_environment(database.url, var_dir),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert result.returncode == 0 and lines, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    tally: dict[str, Any] = json.loads(lines[-1].removeprefix("RESULT "))
    return tally
