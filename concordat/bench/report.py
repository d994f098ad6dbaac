"""``concordat bench report``: the cost of the national analysis against the bare SQL doing the same count.

Runs in a throwaway database (a temporary SQLite file, or PostgreSQL's test database), never the demo one:
the synthetic rounds and the scaled E10 9xxxxx areas it writes are dropped at the end.

Figures (median of several runs, seconds):

* ``sql_floor_json``: one ``SELECT question, status, COUNT(*) ... GROUP BY`` over the answers held in the
  JSON content of the accepted versions (``json_each`` / ``jsonb_each``): the same data the analysis reads.
* ``sql_floor_answer_rows``: the same count over the Answer rows of the same returns (for reference).
* ``indicators``: end to end from the database, as the analysis pages do it: choose the versions, load them,
  build the records, compute every indicator (national, by region, by area type, by section, per area)
  with the reference ``compute_indicators``. ``indicators_cold`` fetches and decodes every version's
  content (the process's decoded content dropped before each build); other builds reuse the decoded content
  of versions already read (versions are immutable), so they read only which versions to use, their
  signatures, and the areas. Each is the median of several builds.
* ``html_report`` (charts cached, as on a second view), ``html_report_cold`` (charts drawn) and
  ``pdf_report``.

Then the same at 1,520 areas, and with 10 rounds of 1,520 areas in the database, to show how cost grows.
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from django.db import connection
from django.utils import timezone

from concordat.analysis import report as report_module
from concordat.analysis import sources
from concordat.analysis.indicators import compute_indicators
from concordat.analysis.sources import load_round
from concordat.areas.reference import load_areas
from concordat.questionnaires.definitions import load_questionnaire_file
from concordat.returns.models import Round
from concordat.synthetic.rounds import generate_round

TARGETS = {"indicators_vs_floor": 2.0, "html_report_s": 1.0, "pdf_report_s": 10.0}


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _floor_json(rnd: Round) -> list[tuple[Any, ...]]:
    if connection.vendor == "postgresql":
        sql = """
            SELECT je.key, je.value ->> 'status', COUNT(*)
            FROM returns_return r
            JOIN returns_returnversion v ON v.id = r.latest_version_id
            CROSS JOIN LATERAL jsonb_each(v.content -> 'answers') je
            WHERE r.round_id = %s AND r.state = 'accepted'
            GROUP BY 1, 2"""
    else:
        sql = """
            SELECT je.key, json_extract(je.value, '$.status'), COUNT(*)
            FROM returns_return r
            JOIN returns_returnversion v ON v.id = r.latest_version_id,
                 json_each(v.content, '$.answers') je
            WHERE r.round_id = %s AND r.state = 'accepted'
            GROUP BY 1, 2"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [rnd.pk])
        return list(cursor.fetchall())


def _floor_rows(rnd: Round) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.question_id, a.status, COUNT(*) FROM returns_answer a
               JOIN returns_return r ON r.id = a.ret_id
               WHERE r.round_id = %s AND r.state = 'accepted' GROUP BY 1, 2""",
            [rnd.pk],
        )
        return list(cursor.fetchall())


def _indicators(rnd: Round) -> Any:
    data = load_round(rnd)
    return compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)


def _measure(rnd: Round, repeat: int) -> dict[str, float]:
    floor = _median(lambda: _floor_json(rnd), repeat)

    def cold_build() -> Any:
        sources._PARSED.clear()  # every version's content fetched and decoded again
        return _indicators(rnd)

    # As many samples as the rest: one cold build swung by half from run to run (the first after generating
    # 1,520 areas meets the database still settling).
    cold = _median(cold_build, repeat)
    indicators = _median(lambda: _indicators(rnd), repeat)  # content already decoded in this process
    return {
        "indicators_cold_s": round(cold, 4),
        "indicators_cold_vs_floor": round(cold / floor, 2) if floor else 0.0,
        "sql_floor_json_s": round(floor, 4),
        "sql_floor_answer_rows_s": round(_median(lambda: _floor_rows(rnd), repeat), 4),
        "indicators_s": round(indicators, 4),
        "indicators_vs_floor": round(indicators / floor, 2) if floor else 0.0,
    }


def _in_throwaway_database(body: Callable[[], dict[str, Any]], stdout: TextIO) -> dict[str, Any]:
    name = str(connection.settings_dict.get("NAME") or "")
    if Path(name).name.startswith("test_") or "memory" in name:  # already inside a test database
        return body()
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    with tempfile.TemporaryDirectory() as folder:
        if connection.vendor == "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(
                Path(folder) / "test_concordat_bench.sqlite3"
            )
        stdout.write(f"Creating a throwaway {connection.vendor} database for the benchmark...\n")
        creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            return body()
        finally:
            creation.destroy_test_db(old_name, verbosity=0)


def run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    return _in_throwaway_database(lambda: _run(quick=quick, stdout=stdout), stdout)


def _run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    repeat = 3 if quick else 5
    load_areas()
    load_questionnaire_file("stocktake-2013")
    results: dict[str, Any] = {"database": connection.vendor, "quick": quick}

    started = time.perf_counter()
    rnd = generate_round("bench-152", seed=1, with_files=False).round
    results["generate_152_s"] = round(time.perf_counter() - started, 3)
    at_152 = _measure(rnd, repeat)
    results["areas_152"] = at_152
    report_module._CHART_CACHE.clear()
    started = time.perf_counter()
    report = report_module.build_report(rnd, built_at=timezone.now())
    report_module.render_html(report)
    at_152["html_report_cold_s"] = round(time.perf_counter() - started, 3)
    at_152["html_report_s"] = round(
        _median(
            lambda: report_module.render_html(report_module.build_report(rnd, built_at=timezone.now())),
            repeat,
        ),
        4,
    )
    at_152["pdf_report_s"] = round(_median(lambda: report_module.render_pdf(report), 1 if quick else 2), 3)
    stdout.write(f"152 areas: {at_152}\n")

    rounds = 2 if quick else 10
    scaled: list[Round] = []
    started = time.perf_counter()
    for index in range(rounds):
        scaled.append(
            generate_round(f"bench-1520-{index}", seed=100 + index, areas_scale=10, with_files=False).round
        )
        if index == 0:
            results["areas_1520_one_round"] = _measure(scaled[0], repeat)
            stdout.write(f"1,520 areas, 1 round: {results['areas_1520_one_round']}\n")
    results["generate_1520_rounds_s"] = round(time.perf_counter() - started, 1)
    results[f"areas_1520_{rounds}_rounds"] = at_scale = _measure(scaled[-1], repeat)
    stdout.write(f"1,520 areas, {rounds} rounds in the database: {at_scale}\n")

    growth = at_scale["indicators_s"] / at_152["indicators_s"]
    results["growth_indicators_10x_areas"] = round(growth, 2)
    one_round = results["areas_1520_one_round"]
    results["growth_indicators_cold_10x_areas"] = round(
        one_round["indicators_cold_s"] / at_152["indicators_cold_s"], 2
    )
    results["growth_sql_floor_10x_areas"] = round(
        at_scale["sql_floor_json_s"] / at_152["sql_floor_json_s"], 2
    )
    results["targets"] = TARGETS
    results["meets_targets"] = {
        "indicators_within_2x_floor": at_152["indicators_vs_floor"] <= TARGETS["indicators_vs_floor"],
        "html_under_1s": at_152["html_report_s"] < TARGETS["html_report_s"],
        "pdf_under_10s": at_152["pdf_report_s"] < TARGETS["pdf_report_s"],
        "growth_no_worse_than_linear": max(growth, results["growth_indicators_cold_10x_areas"]) <= 10 * 1.2,
    }
    return results
