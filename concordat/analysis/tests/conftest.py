"""The analysis core is pure Python: these tests run without Django (``-p no:django``) as well as with it."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_file_storage() -> None:
    """Override the project-wide autouse fixture, which needs pytest-django's ``settings``; nothing here
    touches file storage."""
