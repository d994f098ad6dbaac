"""Two register officers at the same moment, 30 times each way, on SQLite (a database file, in WAL mode with
IMMEDIATE transactions) and on PostgreSQL: no server error, no duplicate person, and the one refused sees the
same words as the check before saving (races.py runs the trials in a process of its own)."""

from pathlib import Path
from typing import Any

import pytest

from tests.concurrency import RaceDatabase, run_race

TRIALS = 30


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["same_person", "references_differing_in_case", "same_nhs_number"])
def test_two_people_adding_the_same_person_at_once_save_one(
    race_database: RaceDatabase, scenario: str, tmp_path: Path
) -> None:
    tally = run_race(race_database, "concordat.register.tests.races", scenario, TRIALS, tmp_path)
    print(race_database.engine, scenario, tally["outcomes"])
    assert tally["trials"] == TRIALS
    assert tally["server_errors"] == 0, tally["exceptions"]
    assert tally["duplicates"] == 0 and tally["wrong"] == []
    assert tally["outcomes"]["302 saved"] == TRIALS
    refused: dict[str, Any] = {k: v for k, v in tally["outcomes"].items() if k != "302 saved"}
    assert sum(refused.values()) == TRIALS and all(k.startswith("200 refused") for k in refused)


@pytest.mark.slow
def test_two_uploads_of_the_same_people_committed_at_once_add_each_person_once(
    race_database: RaceDatabase, tmp_path: Path
) -> None:
    tally = run_race(race_database, "concordat.register.tests.races", "upload_commits", TRIALS, tmp_path)
    print(race_database.engine, "upload_commits", tally["outcomes"])
    assert tally["trials"] == TRIALS
    assert tally["server_errors"] == 0, tally["exceptions"]
    assert tally["duplicates"] == 0 and tally["wrong"] == []
