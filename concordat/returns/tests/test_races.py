"""Submitting and signing at the same moment, 30 times each, on SQLite (a database file, WAL, IMMEDIATE
transactions: the second writer queues instead of failing with "database is locked") and on PostgreSQL: no
server error, one version per submission, one signature per role (races.py runs the trials)."""

from pathlib import Path

import pytest

from tests.concurrency import RaceDatabase, run_race

TRIALS = 30


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["two_submissions", "two_signatures", "double_signature"])
def test_two_writes_to_one_return_at_once_both_finish_without_an_error_or_a_duplicate(
    race_database: RaceDatabase, scenario: str, tmp_path: Path
) -> None:
    tally = run_race(race_database, "concordat.returns.tests.races", scenario, TRIALS, tmp_path)
    print(race_database.engine, scenario, tally["outcomes"])
    assert tally["trials"] == TRIALS
    assert tally["server_errors"] == 0, tally["exceptions"]
    assert tally["exceptions"] == []
    assert tally["duplicates"] == 0 and tally["wrong"] == []
