"""The bench runs end to end on a couple of files and returns plain numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordat.bench.reading import bench_parse
from concordat.imports.reading import Questionnaire
from concordat.seeds import HARROW_RETURN as SEED
from tests.seeds import require


@pytest.mark.slow
def test_bench_parse_returns_plain_numbers(tmp_path: Path, questionnaire: Questionnaire) -> None:
    require(SEED)
    result = bench_parse(2, ("docx",), tmp_path, seed=SEED, questionnaire=questionnaire)
    docx = result["formats"]["docx"]
    assert docx["files"] == 2
    assert docx["parse_seconds"] > 0 and docx["floor_seconds"] > 0
    assert docx["ratio"] > 0
    assert isinstance(result["docx_within_target"], bool)
