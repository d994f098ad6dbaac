import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_concordat_demo_sets_up_a_fresh_database_without_serving(tmp_path: Path) -> None:
    env = {**os.environ, "CONCORDAT_VAR_DIR": str(tmp_path), "CONCORDAT_FAST_HASHER": "1"}
    env.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).parent / "concordat"), "demo", "--no-serve"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert first.returncode == 0, first.stderr
    assert "harriet" in first.stdout and "winterbourne-2013" in first.stdout
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert second.returncode == 0, second.stderr
    with sqlite3.connect(tmp_path / "concordat.sqlite3") as db:
        assert db.execute("select count(*) from areas_area").fetchone() == (152,)
        assert db.execute("select count(*) from returns_round where slug = 'stocktake-2013'").fetchone() == (
            1,
        )
        assert db.execute("select count(*) from accounts_user where username = 'harriet'").fetchone() == (1,)
