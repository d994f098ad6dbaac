"""The benchmark runs end to end on a small register (timings are not asserted: CI machines vary)."""

import io

import pytest

from concordat.bench import register as bench


@pytest.mark.django_db
def test_bench_measures_figures_and_upload_against_their_floors(reference: None) -> None:
    out = io.StringIO()
    result = bench.measure(quick=True, stdout=out, people=600, upload_rows=80)
    assert result["snapshot_rows"] > result["people"] > 500
    assert result["upload_rows"] > 50 and result["figures_floor_s"] > 0
    assert "England figures" in out.getvalue() and "Upload of" in out.getvalue()
