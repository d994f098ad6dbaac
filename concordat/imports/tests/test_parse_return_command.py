"""``concordat parse-return``: the reading as JSON or text, with no database; exit code 2 on a bad file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from .conftest import ROOT, SEED


def _parse(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("parse_return", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_parse_return_json_for_the_harrow_seed_matches_the_labelled_fixture(
    seed_bytes: bytes, expected: dict[str, Any]
) -> None:
    out, _ = _parse(str(SEED), "--questionnaire", "stocktake-2013", "--format", "json")
    data = json.loads(out)
    assert data["file"] == SEED.name and data["format"] == "text" and len(data["sha256"]) == 64
    assert set(data["questions"]) == set(expected["answers"])
    wrong = []
    for number, answer in expected["answers"].items():
        got = data["questions"][number]
        if got["status"] not in answer["status"]:
            wrong.append(number)
        if "starts" in answer:
            assert _norm(got["evidence"]).startswith(_norm(answer["starts"])), number
        if "ends" in answer:
            assert _norm(got["evidence"]).endswith(_norm(answer["ends"])), number
        for flag in ("good_practice", "support_required"):
            if answer.get(flag) is not None:
                assert got[flag] is answer[flag], (number, flag)
        assert got["attachments"] == answer.get("attachments", []), number
    assert len(wrong) <= 2, wrong
    assert data["completed_by"]["name"] == expected["completed_by"]["name"]
    for role, signature in expected["signatures"].items():
        assert data["signatures"][role]["name"] == signature["name"]


def test_parse_return_text_summarises_the_reading(seed_bytes: bytes) -> None:
    out, _ = _parse(str(SEED), "--format", "text")
    assert "61 of 61 questions found" in out
    assert "Amanda Dade" in out


def test_parse_return_exits_2_with_the_reason_for_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("parse_return", str(empty), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert "The file is empty" in err.getvalue()


def test_parse_return_exits_2_for_an_unknown_questionnaire(seed_bytes: bytes) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _parse(str(SEED), "--questionnaire", "no-such-form")
    assert exit_info.value.code == 2


def test_parse_return_runs_with_no_database_at_all(seed_bytes: bytes) -> None:
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:9/no_such_database"}
    done = subprocess.run(
        [sys.executable, "-m", "concordat.cli", "parse-return", str(SEED)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["questions"]["1.8"]["decided_by"] == "Not at present"


def test_parse_return_prints_a_partial_reading_and_exits_0(tmp_path: Path, seed_bytes: bytes) -> None:
    half = tmp_path / "half.txt"
    half.write_bytes(seed_bytes.decode("utf-8").split("4. Current Review Programme")[0].encode("utf-8"))
    done = subprocess.run(
        [sys.executable, "-m", "concordat.cli", "parse-return", str(half)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["to_complete"][0] == "4.1" and len(data["to_complete"]) == 40
    assert any(w["code"] == "partial_reading" for w in data["warnings"])
    assert data["questions"]["1.1"]["status"] == "yes"
