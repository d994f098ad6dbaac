"""``concordat bench import`` runs end to end on a few files, in a throwaway database."""

from __future__ import annotations

import io

import pytest

from concordat.bench import imports as bench
from concordat.seeds import HARROW_RETURN as SEED
from tests.seeds import require


@pytest.mark.slow
def test_bench_reports_parse_and_import_rates_against_the_floor() -> None:
    require(SEED)
    out = io.StringIO()
    result = bench.run(quick=True, stdout=out, n=2)
    docx = result["formats"]["docx"]
    assert docx["files"] == 2
    assert docx["parse_files_per_second"] > 0 and docx["floor_files_per_second"] > 0
    assert docx["import_files_per_second"] > 0 and docx["parse_to_floor_ratio"] > 0
    assert isinstance(result["docx_within_import_target"], bool)
    assert "full import" in out.getvalue()
