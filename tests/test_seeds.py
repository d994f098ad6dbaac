"""Without the seed documents, tests that need them are skipped with one reason; CI's flag makes that a
failure, so CI always runs them."""

from pathlib import Path

import pytest

from concordat.seeds import MISSING

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
from concordat.seeds import CONCORDAT_DOCUMENT, HARROW_RETURN
from tests.seeds import require


def test_needs_the_harrow_return():
    assert require(HARROW_RETURN).read_bytes()


def test_needs_the_concordat():
    assert require(CONCORDAT_DOCUMENT).read_bytes()
"""


@pytest.fixture
def no_seeds(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("CONCORDAT_SHARED_DIR", str(pytester.path / "nowhere"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.delenv("CONCORDAT_REQUIRE_SEEDS", raising=False)
    pytester.makepyfile(test_probe=PROBE)
    return pytester


def test_without_the_seeds_their_tests_are_skipped_with_one_reason(no_seeds: pytest.Pytester) -> None:
    result = no_seeds.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=2)
    # pytest folds identical reasons into one summary line: one line for both tests is one reason.
    skips = [line for line in result.outlines if line.startswith("SKIPPED")]
    assert len(skips) == 1 and skips[0].startswith("SKIPPED [2]") and MISSING in skips[0]


def test_with_the_flag_set_a_missing_seed_fails_the_test(
    no_seeds: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONCORDAT_REQUIRE_SEEDS", "1")
    result = no_seeds.runpytest_subprocess("-p", "no:django", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*CONCORDAT_REQUIRE_SEEDS is set, so this may not be skipped*"])
