"""Tests that need the seed documents call ``require(path)``: without them they are skipped, all with the
same reason, unless ``CONCORDAT_REQUIRE_SEEDS`` is set (as CI sets it), when the absence is a failure."""

import os
from pathlib import Path

import pytest

from concordat.seeds import MISSING


def require(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("CONCORDAT_REQUIRE_SEEDS"):
        pytest.fail(
            f"{MISSING}. CONCORDAT_REQUIRE_SEEDS is set, so this may not be skipped ({path} is missing)."
        )
    pytest.skip(MISSING)
