"""``concordat bench load``: deadline day - N people at once on the production server, against its floor.

A throwaway PostgreSQL database is prepared in a child (152 areas, two editors and three signatories each,
40 national users, the open stocktake round and a synthetic round for the analysis); gunicorn serves it
with production settings. Then ``--users`` simulated people (default 200: half editors, a tenth
signatories, a fifth national users, a fifth public) act for ``--seconds`` at a ``--pace`` (gentle: a
request every 10 to 30 s each; busy: every 2 to 8 s), signing in spread over the first 50 s. Editors
open their task list and a section and save it with the page's own form (two editors share each area, so
some saves meet a conflict); signatories read their task list and versions; national users read
completeness, the analysis and the report; the public read area pages. Then the same people, at the same
pace, request a hello-world view through the same server and middleware: the floor.

Printed per page type: requests, throughput, p50/p95/p99, errors, p95 / floor p95; the server's CPU per
request; sign-in times; and lost writes (acknowledged saves whose token is missing from the audit trail).
"""

import html
import json
import random
import re
import secrets
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

import psycopg

from concordat.bench.browser import Browser, Reply, TransportError
from concordat.bench.serving import (
    SERVER,
    WORKERS,
    bench_env,
    cpu_seconds,
    free_port,
    prepare,
    serve,
    stop,
    throwaway_database,
)

PACES = {"gentle": (10.0, 30.0), "busy": (2.0, 8.0)}
ARRIVALS_SECONDS = 50.0  # people sign in spread over the first 50 s of the run
PASSWORD = "deadline-day-" + "bench"  # the benchmark's own throwaway accounts
# Busy pace: twice the ~40 requests/s the issue measured the machine saturating at.
TARGETS = {"p95_ratio": 3.0, "p95_ms": 150.0, "busy_per_second": 80.0}


# The fields a browser would send for the page's main form. Only the <input> and <textarea> tags are read,
# by pattern, not the whole page through html.parser, which cost the simulated people more CPU than some
# of the pages they measure (the client shares the machine with the server).
_FIELD = re.compile(r"<(input)\b([^>]*)>|<(textarea)\b([^>]*)>(.*?)</textarea>", re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTR.finditer(text)}


def form_fields(page: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for m in _FIELD.finditer(page):
        attrs = _attributes(m[2] if m[1] else m[4])
        name = attrs.get("name")
        if not name:
            continue
        if m[3]:  # a textarea: its text, less the one newline a browser drops after the tag
            text = m[5][1:] if m[5].startswith("\n") else m[5]
            fields[name] = html.unescape(text)
            continue
        kind = attrs.get("type", "text").lower()
        if kind in ("radio", "checkbox") and "checked" not in attrs:
            continue
        if kind not in ("submit", "button", "file"):
            fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
    return fields


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    acknowledged: list[str] = field(default_factory=list)
    conflicts: int = 0
    sign_in_done: list[float] = field(default_factory=list)
    sign_in_waits: list[float] = field(default_factory=list)  # from a person's arrival to signed in
    finished: list[float] = field(default_factory=list)  # perf_counter() as each request ended
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.finished.append(time.perf_counter())
            if error:
                self.errors[kind].append(error)


class Person:
    def __init__(
        self, base: str, tally: Tally, role: str, account: dict[str, Any] | None, setup: dict[str, Any]
    ):
        self.base, self.tally, self.role, self.account, self.setup = base, tally, role, account, setup
        self.rng = random.Random(secrets.randbits(32))
        # Each person from an address of their own, as behind the load balancer the server trusts (one proxy):
        # the per-address sign-in limit and lockout then count people, not the benchmark's one loopback.
        address = f"10.{self.rng.randrange(256)}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}"
        host, port = base.removeprefix("http://").rsplit(":", 1)
        self.client = Browser(host, int(port), headers={"X-Forwarded-For": address}, timeout=60)

    def get(self, kind: str, path: str) -> Reply | None:
        return self._timed(kind, lambda: self.client.get(path))

    def _timed(self, kind: str, call: Callable[[], Reply]) -> Reply | None:
        started = time.perf_counter()
        try:
            response = call()
        except TransportError as problem:
            self.tally.note(kind, time.perf_counter() - started, str(problem))
            return None
        error = None if response.status_code in (200, 302) else f"HTTP {response.status_code}"
        self.tally.note(kind, time.perf_counter() - started, error)
        return response if error is None else None

    def sign_in(self, started: float) -> bool:
        if self.account is None:
            return True
        arrived = time.perf_counter()
        page = self.get("sign-in page", "/account/sign-in/")
        if page is None:
            return False
        data = {**form_fields(page.text), "username": self.account["username"], "password": PASSWORD}
        done = self._timed("sign in", lambda: self.client.post("/account/sign-in/", data=data))
        if done is not None and done.status_code == 302:
            with self.tally.lock:
                self.tally.sign_in_done.append(time.perf_counter() - started)
                self.tally.sign_in_waits.append(time.perf_counter() - arrived)
            return True
        return False

    def act(self) -> None:
        s = self.setup
        if self.role == "editor":
            area = self.account["area"] if self.account else ""
            self.get("task list", f"/returns/rounds/{s['round']}/areas/{area}/")
            self.save_section(area, self.rng.choice(s["sections"]))
        elif self.role == "signatory":
            area = self.account["area"] if self.account else ""
            self.get("task list", f"/returns/rounds/{s['round']}/areas/{area}/")
            self.get("versions", f"/returns/rounds/{s['round']}/areas/{area}/versions/")
        elif self.role == "national":
            page = self.rng.choice(["completeness", "analysis", "report"])
            path = {
                "completeness": f"/returns/rounds/{s['round']}/completeness/",
                "analysis": f"/analysis/rounds/{s['synthetic']}/",
                "report": f"/analysis/rounds/{s['synthetic']}/report/",
            }[page]
            self.get(page, path)
        else:
            self.get("public area page", f"/areas/{self.rng.choice(s['areas'])}/")

    def save_section(self, area: str, section: dict[str, Any]) -> None:
        path = f"/returns/rounds/{self.setup['round']}/areas/{area}/sections/{section['number']}/"
        page = self.get("section page", path)
        if page is None:
            return
        data = form_fields(page.text)
        token = f"bt{secrets.token_hex(8)}"
        key = "q" + self.rng.choice(section["questions"]).replace(".", "-")
        data[f"{key}-status"] = self.rng.choice(["yes", "partial", "no"])
        data[f"{key}-evidence"] = f"Agreed at the board; action plan in place. Reference {token}."
        saved = self._timed("section save", lambda: self.client.post(path, data=data))
        if saved is None:
            return
        with self.tally.lock:
            if saved.status_code == 302:
                self.tally.acknowledged.append(token)
            else:
                self.tally.conflicts += 1  # shown the other editor's change: nothing acknowledged

    def floor(self) -> None:
        self.get("floor (hello world)", "/bench/hello")


def _people(base: str, tally: Tally, setup: dict[str, Any], users: int) -> list[Person]:
    editors, signatories, nationals = int(users * 0.5), int(users * 0.1), int(users * 0.2)
    people = [
        Person(base, tally, "editor", setup["editors"][i % len(setup["editors"])], setup)
        for i in range(editors)
    ]
    people += [
        Person(base, tally, "signatory", setup["signatories"][i % len(setup["signatories"])], setup)
        for i in range(signatories)
    ]
    people += [
        Person(base, tally, "national", setup["nationals"][i % len(setup["nationals"])], setup)
        for i in range(nationals)
    ]
    people += [
        Person(base, tally, "public", None, setup) for _ in range(users - editors - signatories - nationals)
    ]
    return people


def _drive(
    people: list[Person], seconds: float, pace: tuple[float, float], *, floor: bool
) -> tuple[float, float]:
    """Each person in a thread: sign in at some moment of the first 50 s, then act at the pace. Returns
    when the drive started (``perf_counter``) and how long it took."""
    started = time.perf_counter()
    end = started + seconds
    # Arrivals over the minute's first 50 s: someone arriving at 59.9 s could not be signed in within the
    # minute however fast the service, and "everyone signed in within 60 s" is the target.
    spread = min(ARRIVALS_SECONDS, seconds / 2)

    def live(person: Person) -> None:
        time.sleep(person.rng.uniform(0, spread))
        if not floor and not person.sign_in(started):
            return
        while time.perf_counter() < end:
            person.floor() if floor else person.act()
            time.sleep(person.rng.uniform(*pace))

    threads = [threading.Thread(target=live, args=(p,), daemon=True) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return started, time.perf_counter() - started


def steady_rate(finished: list[float], since: float, until: float) -> float:
    """Requests a second that ended in [since, until]: the rate once everyone has arrived. Over the whole
    run the first minute's arrivals (people still signing in) pull the rate down whatever the server does."""
    if until <= since:
        return 0.0
    return sum(1 for t in finished if since <= t <= until) / (until - since)


def _percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def _figures(tally: Tally, wall: float, floor_p95: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, values in sorted(tally.latencies.items()):
        ordered = sorted(values)
        p95 = _percentile(ordered, 0.95) * 1000
        out[kind] = {
            "requests": len(values),
            "per_second": round(len(values) / wall, 2),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(p95, 1),
            "p99_ms": round(_percentile(ordered, 0.99) * 1000, 1),
            "errors": len(tally.errors.get(kind, [])),
            **({"p95_vs_floor": round(p95 / floor_p95, 2)} if floor_p95 else {}),
        }
    return out


def _lost_writes(database: str, acknowledged: list[str]) -> int:
    """Acknowledged saves whose token no answer.saved event holds: each acknowledged save wrote one."""
    url = SERVER.rsplit("/", 1)[0] + "/" + database
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT data::text FROM audit_auditevent WHERE verb = 'answer.saved'").fetchall()
    found = set(re.findall(r"bt[0-9a-f]{16}", " ".join(r[0] for r in rows)))
    return sum(1 for token in acknowledged if token not in found)


def measure(*, users: int, seconds: float, pace: str, stdout: TextIO) -> dict[str, Any]:
    with throwaway_database("concordat_bench_load") as (database, var_dir):
        env = bench_env(database, var_dir, BENCH_FLOOR_VIEW="true", TRUSTED_PROXY_COUNT="1")
        stdout.write(f"Preparing {database}: 152 areas, {152 * 5 + 40} accounts, two rounds (not timed)...\n")
        setup = json.loads(prepare("concordat.bench.load", env))
        port = free_port()
        server = serve("concordat.wsgi:application", env, port, probe="/bench/hello")
        base = f"http://127.0.0.1:{port}"
        try:
            floor_tally = Tally()
            _, floor_wall = _drive(
                _people(base, floor_tally, setup, users), max(20.0, seconds / 3), PACES[pace], floor=True
            )
            floor = _figures(floor_tally, floor_wall, None)["floor (hello world)"]
            stdout.write(f"  floor: {floor}\n")
            tally = Tally()
            cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
            people = _people(base, tally, setup, users)
            started, wall = _drive(people, seconds, PACES[pace], floor=False)
            cpu = cpu_seconds(server.pid) - cpu_before
            client_cpu = time.process_time() - client_before
            arrived = started + max(tally.sign_in_done, default=0.0)
        finally:
            stop(server)
        pages = _figures(tally, wall, floor["p95_ms"])
        requests = sum(p["requests"] for p in pages.values())
        result: dict[str, Any] = {
            "users": users,
            "seconds": seconds,
            "pace": pace,
            "gunicorn_workers": WORKERS,
            "floor": floor,
            "pages": pages,
            "requests_per_second": round(requests / wall, 1),
            # From the last sign-in (everyone acting) to the end of the acting time.
            "steady_requests_per_second": round(steady_rate(tally.finished, arrived, started + seconds), 1),
            "server_cpu_ms_per_request": round(cpu * 1000 / max(1, requests), 1),
            # The simulated people share the machine's two cores with the server and PostgreSQL.
            "bench_client_cpu_ms_per_request": round(client_cpu * 1000 / max(1, requests), 1),
            "signing_in": sum(1 for p in people if p.account is not None),
            "signed_in": len(tally.sign_in_done),
            "signed_in_within_60s": sum(1 for t in tally.sign_in_done if t <= 60),
            "slowest_sign_in_s": round(max(tally.sign_in_waits, default=0.0), 2),
            "acknowledged_saves": len(tally.acknowledged),
            "conflicts_shown": tally.conflicts,
            "lost_writes": _lost_writes(database, tally.acknowledged),
            "errors": {k: v[:5] for k, v in tally.errors.items()},
        }
    result["meets"] = {
        "no_errors": not result["errors"],
        "no_lost_writes": result["lost_writes"] == 0,
        "p95_within_3x_floor": all(p["p95_vs_floor"] <= TARGETS["p95_ratio"] for p in pages.values()),
        "p95_within_150ms": all(p["p95_ms"] <= TARGETS["p95_ms"] for p in pages.values()),
        "all_signed_in_within_60s": result["signed_in_within_60s"] == result["signing_in"],
        "steady_80_per_second": result["steady_requests_per_second"] >= TARGETS["busy_per_second"],
    }
    return result


def run(
    *, quick: bool, stdout: TextIO, users: int = 200, seconds: float = 180, pace: str = "gentle"
) -> dict[str, Any]:
    if quick:
        users, seconds = min(users, 20), min(seconds, 30)
    return measure(users=users, seconds=seconds, pace=pace, stdout=stdout)


def _setup() -> dict[str, Any]:
    """In the child: migrate; areas, accounts and the two rounds. Prints what the people need."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from concordat.accounts.models import Membership, Role, SignatoryRole, User
    from concordat.accounts.personas import create_personas
    from concordat.areas.models import Area
    from concordat.areas.reference import load_areas
    from concordat.questionnaires.models import Section
    from concordat.returns.demo import ensure_stocktake_round
    from concordat.synthetic.rounds import generate_round

    call_command("migrate", verbosity=0, interactive=False)
    load_areas()
    personas = create_personas()
    rnd = ensure_stocktake_round(personas["nadia"])
    synthetic = generate_round("bench-load-synthetic", seed=2013, with_files=False).round
    areas = list(Area.objects.current(rnd.opens_on).order_by("ons_code"))
    encoded = make_password(PASSWORD)  # one real hash for every account: a sign-in costs what it would
    users, memberships, editors, signatories = [], [], [], []
    for area in areas:
        for i in (1, 2):
            users.append(User(username=f"ed{i}-{area.ons_code}", password=encoded))
            memberships.append((users[-1], Role.AREA_EDITOR, area, ""))
            editors.append({"username": users[-1].username, "area": area.ons_code})
        for role in SignatoryRole.values:
            users.append(User(username=f"{role}-{area.ons_code}", password=encoded))
            memberships.append((users[-1], Role.AREA_SIGNATORY, area, role))
            signatories.append({"username": users[-1].username, "area": area.ons_code})
    nationals = [User(username=f"national-{i}", password=encoded) for i in range(40)]
    User.objects.bulk_create(users + nationals)
    Membership.objects.bulk_create(
        [Membership(user=u, role=r, area=a, signatory_role=s) for u, r, a, s in memberships]
        + [Membership(user=u, role=Role.NATIONAL_TEAM) for u in nationals]
    )
    sections = [
        {"number": s.number, "questions": [q.number for q in s.questions.all()]}
        for s in Section.objects.filter(questionnaire=rnd.questionnaire).prefetch_related("questions")
    ]
    return {
        "round": rnd.slug,
        "synthetic": synthetic.slug,
        "areas": [a.ons_code for a in areas],
        "editors": editors,
        "signatories": signatories,
        "nationals": [{"username": u.username} for u in nationals],
        "sections": sections,
    }


if __name__ == "__main__":
    print(json.dumps(_setup()))  # read by measure() in the parent
