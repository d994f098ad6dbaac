"""``concordat bench register [--json] [--quick]``: register figures and bulk upload against bare-SQL floors.

Runs in a throwaway database (a temporary SQLite file, or a ``concordat_bench_<pid>`` PostgreSQL database
created and dropped around the run), never the demo database.

* England figures as at a snapshot, with 50,000 people x 24 monthly snapshots (quick: 5,000), against the
  same four queries written by hand and run on a bare cursor. Targets: < 0.5 s and <= 3x the floor.
* A 5,000-row upload (quick: 1,000) checked and committed, against a bulk INSERT of the same rows.
  Target: < 10 s.
"""

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from django.db import connection
from django.test.utils import setup_databases, teardown_databases

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.register import actions, figures
from concordat.register.models import Person, Snapshot, SnapshotRow
from concordat.register.rules import add_months
from concordat.register.template.validation import RegisterRow
from concordat.synthetic.register import AT_DATE, AreaRef, SyntheticRegister, generate_register
from concordat.synthetic.register_loading import area_refs, month_ends, synthetic_rows

PEOPLE_AT_SCALE_1 = 6_671  # generate_register(seed=…, scale=1.0) over all 152 areas gives about this many
FIGURES_TARGET_S = 0.5
FIGURES_TARGET_RATIO = 3.0
UPLOAD_TARGET_S = 10.0
HARROW, LEEDS = "E09000015", "E08000035"


@contextmanager
def throwaway_database() -> Iterator[None]:
    settings = connection.settings_dict
    test = settings.setdefault("TEST", {})
    saved = dict(test)
    with tempfile.TemporaryDirectory() as tmp:
        if connection.vendor == "sqlite":
            test["NAME"] = str(Path(tmp) / "bench.sqlite3")
        else:
            test["NAME"] = f"concordat_bench_{os.getpid()}"
        old = setup_databases(verbosity=0, interactive=False, aliases={"default"})  # type: ignore[arg-type]  # any collection of aliases works
        try:
            from concordat.areas.reference import load_areas

            load_areas()
            yield
        finally:
            teardown_databases(old, verbosity=0)
            test.clear()
            test.update(saved)


def run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    with throwaway_database():
        return measure(quick=quick, stdout=stdout)


def _best(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor_sql(snapshot_id: int, as_at: date) -> Callable[[], None]:
    """The figures' four queries by hand: conditional counts, median, admissions and discharges by month."""
    table = connection.ops.quote_name(SnapshotRow._meta.db_table)
    inside = "admission_date <= %(d)s AND (actual_discharge_date IS NULL OR actual_discharge_date > %(d)s)"
    sums = {
        "n": "1 = 1",
        "y1": "admission_date <= %(y1)s",
        "y5": "admission_date <= %(y5)s",
        "out": "placement = 'OUT'",
        "far": "distance_band = '100+'",
        "rev": "care_review_date >= admission_date AND care_review_date <= %(d)s",
        "co": "care_coordinator",
        "hc": "((health_check_date >= admission_date AND health_check_date <= %(d)s) "
        "OR health_check_due >= %(d)s)",
        "pl": "planned_transfer_date IS NOT NULL",
        "pb": "planned_transfer_date < %(t)s",
        "ex": "planned_transfer_date >= %(d)s AND planned_transfer_date <= %(t)s",
        "sec": "ward_type = 'SECURE'",
    }
    columns = ", ".join(f"COUNT(*) FILTER (WHERE {cond})" for cond in sums.values())
    first = figures.month_starts(as_at)[0]
    params: dict[str, Any] = {
        "s": snapshot_id,
        "d": as_at,
        "y1": add_months(as_at, -12),
        "y5": add_months(as_at, -60),
        "t": figures.TARGET,
        "f": first,
    }
    aggregate = f"SELECT {columns} FROM {table} WHERE snapshot_id = %(s)s AND {inside}"  # noqa: S608  # fixed
    median = (
        f"SELECT admission_date FROM {table} WHERE snapshot_id = %(s)s AND {inside} "  # noqa: S608
        "ORDER BY admission_date LIMIT %(lim)s OFFSET %(off)s"
    )
    admissions = (
        f"SELECT admission_month, COUNT(*) FROM {table} WHERE snapshot_id = %(s)s "  # noqa: S608
        "AND admission_date <= %(d)s AND admission_month >= %(f)s GROUP BY admission_month"
    )
    discharges = (
        f"SELECT discharge_month, COUNT(*) FROM {table} WHERE snapshot_id = %(s)s "  # noqa: S608
        "AND actual_discharge_date <= %(d)s AND discharge_month >= %(f)s GROUP BY discharge_month"
    )

    def run_floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute(aggregate, params)
            n = cursor.fetchone()[0] or 0
            middle: dict[str, Any] = {**params, "lim": 2 - n % 2, "off": max(0, (n - 1) // 2)}
            cursor.execute(median, middle)
            cursor.fetchall()
            cursor.execute(admissions, params)
            cursor.fetchall()
            cursor.execute(discharges, params)
            cursor.fetchall()

    return run_floor


def measure(
    *, quick: bool, stdout: TextIO, people: int | None = None, upload_rows: int | None = None
) -> dict[str, Any]:
    """Load synthetic data into the current database and time figures and an upload against floors."""
    people = people or (5_000 if quick else 50_000)
    upload_rows = upload_rows or (1_000 if quick else 5_000)
    result: dict[str, Any] = {"database": connection.vendor, "people": 0, "snapshots": 24}
    result.update(_measure_figures(people, stdout))
    result.update(_measure_upload(upload_rows, stdout))
    return result


def _load_figures_data(people: int) -> SyntheticRegister:
    """About ``people`` synthetic people in every area but the upload's two, and 24 month-end snapshots."""
    register = generate_register(
        seed=2013,
        as_at=AT_DATE,
        areas=[a for a in area_refs() if a.ons_code not in (HARROW, LEEDS)],
        scale=people / PEOPLE_AT_SCALE_1,
        months=24,
    )
    actions.load_people(synthetic_rows(register), acting_user=None, synthetic=True)
    for day in month_ends(AT_DATE, 24):
        actions.take_snapshot(day, None, synthetic=True)
    return register


def _measure_figures(people: int, stdout: TextIO) -> dict[str, Any]:
    """England figures over 24 monthly snapshots, against the same queries on a bare cursor."""
    start = time.perf_counter()
    register = _load_figures_data(people)
    load_s = time.perf_counter() - start
    snapshot = Snapshot.objects.get(as_at=AT_DATE)
    loaded, rows = Person.objects.count(), SnapshotRow.objects.count()
    england = figures.Scope.england()
    check = figures.for_snapshot(snapshot, england)
    assert check.in_hospital == register.truth.in_hospital
    figures_s = _best(lambda: figures.for_snapshot(snapshot, england))
    floor_s = _best(floor_sql(snapshot.pk, snapshot.as_at))
    stdout.write(
        f"England figures over {rows:,} snapshot rows ({loaded:,} people): "
        f"{figures_s * 1000:.1f} ms, floor {floor_s * 1000:.1f} ms, ratio {figures_s / floor_s:.2f} "
        f"(targets < {FIGURES_TARGET_S} s, <= {FIGURES_TARGET_RATIO}x)\n"
    )
    return {
        "people": loaded,
        "snapshot_rows": rows,
        "load_s": round(load_s, 2),
        "figures_in_hospital": check.in_hospital,
        "figures_s": round(figures_s, 4),
        "figures_floor_s": round(floor_s, 4),
        "figures_ratio": round(figures_s / floor_s, 2),
        "figures_ok": figures_s < FIGURES_TARGET_S and figures_s <= FIGURES_TARGET_RATIO * floor_s,
    }


def _bulk_insert_s(rows: list[RegisterRow], area: Area) -> float:
    """The floor for an upload: the same people built and inserted in bulk, with no checks and no audit."""
    start = time.perf_counter()
    floor_people = []
    for row in rows:
        values = actions.row_values(row)
        person = Person(area=area, synthetic=True, **values)
        person.nhs_number_recorded = bool(values["nhs_number_hash"])
        person.set_derived()
        floor_people.append(person)
    Person.objects.bulk_create(floor_people, batch_size=1000)
    return time.perf_counter() - start


def _measure_upload(upload_rows: int, stdout: TextIO) -> dict[str, Any]:
    """Upload into two areas the figures data left empty: check + commit, against a bare bulk INSERT."""
    user, _ = User.objects.get_or_create(username="register-bench")
    harrow, leeds = Area.objects.get(ons_code=HARROW), Area.objects.get(ons_code=LEEDS)
    ref = AreaRef(harrow.ons_code, harrow.name, "London borough", harrow.region.code)
    one_area = generate_register(seed=5, as_at=AT_DATE, areas=[ref], scale=upload_rows / PEOPLE_AT_SCALE_1)
    csv_data = one_area.upload_csv(harrow.ons_code)
    rows = synthetic_rows(one_area)[harrow]
    start = time.perf_counter()
    upload = actions.preview_upload(harrow, csv_data, user, as_at=AT_DATE, filename="bench.csv")
    preview_s = time.perf_counter() - start
    assert not upload.errors, upload.errors[:3]
    start = time.perf_counter()
    actions.commit_upload(upload, user)
    upload_s = preview_s + time.perf_counter() - start
    upload_floor_s = _bulk_insert_s(rows, leeds)
    stdout.write(
        f"Upload of {len(rows):,} rows: {upload_s:.2f} s (floor {upload_floor_s:.2f} s bulk INSERT)\n"
    )
    return {
        "upload_rows": len(rows),
        "upload_preview_s": round(preview_s, 3),
        "upload_total_s": round(upload_s, 3),
        "upload_floor_s": round(upload_floor_s, 3),
        "upload_ratio": round(upload_s / upload_floor_s, 1),
        "upload_ok": upload_s < UPLOAD_TARGET_S,
    }
