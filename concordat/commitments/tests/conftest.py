"""Fixtures for the commitments app: the dataset loaded, and the organisation users olivia and mark."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from concordat.commitments import actions
from concordat.commitments.models import Commitment, StatusUpdate


@pytest.fixture
def commitments(db: None) -> None:
    from concordat.commitments.loader import load_commitments

    load_commitments()


@pytest.fixture
def org_users(personas: dict[str, Any], commitments: None) -> dict[str, Any]:
    """The persona users plus olivia (NHS Commissioning Board) and mark (Mencap)."""
    from concordat.commitments.demo import ensure_organisation_users

    return {**personas, **ensure_organisation_users()}


@pytest.fixture
def record(org_users: dict[str, Any]) -> Callable[..., StatusUpdate]:
    """Record an update: record("K-NHSCB-01", "amber", "2013-05-01", by="olivia")."""

    def _record(
        ref: str, status: str, as_at: str, *, by: str = "nadia", narrative: str = "Progress."
    ) -> StatusUpdate:
        return actions.record_status_update(
            Commitment.objects.get(ref=ref),
            as_at=datetime.date.fromisoformat(as_at),
            status=status,
            narrative=narrative,
            acting_user=org_users[by],
        )

    return _record


@pytest.fixture
def login(client: Any, org_users: dict[str, Any]) -> Callable[[str], Any]:
    """The root ``login``, knowing the organisation users too (same page-checking client)."""

    def _login(username: str) -> Any:
        client.force_login(org_users[username])
        return client

    return _login
