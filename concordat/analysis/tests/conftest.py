"""The analysis core is pure Python: its tests run without Django (``-p no:django``) as well as with it.

The database-backed tests (sources, library, report, views) use the fixtures below; Django is imported only
inside them.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_file_storage() -> None:
    """Override the project-wide autouse fixture, which needs pytest-django's ``settings``. The pure tests
    touch no file storage, and the synthetic rounds below are generated without attachment files."""


SYNTHETIC_SLUG = "stocktake-2013-synthetic"


@pytest.fixture
def synthetic(personas: dict[str, Any]) -> Any:
    """The June 2013 synthetic round (seed 2013), written to the database through bulk writes."""
    from concordat.synthetic.rounds import generate_round

    return generate_round(SYNTHETIC_SLUG, seed=2013, acting_user=personas["nadia"], with_files=False)


@pytest.fixture
def nadia(login: Any) -> Any:
    return login("nadia")
