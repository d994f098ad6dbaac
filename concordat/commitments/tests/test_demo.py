"""The commitments demo data: users, updates and a publication, safe to load twice."""

import io
from typing import Any

import pytest

from concordat.commitments.demo import load_demo
from concordat.commitments.models import OrganisationMembership, PublishedUpdate, StatusUpdate


@pytest.mark.django_db
def test_load_demo_creates_organisation_users_updates_and_a_publication(personas: dict[str, Any]) -> None:
    out = io.StringIO()
    load_demo(stdout=out)
    load_demo(stdout=out)
    assert set(OrganisationMembership.objects.values_list("user__username", "organisation__slug")) == {
        ("olivia", "nhscb"),
        ("mark", "mencap"),
    }
    assert sorted(StatusUpdate.objects.values_list("status", flat=True)) == ["amber", "green", "red"]
    assert PublishedUpdate.objects.count() == 1
    assert "olivia" in out.getvalue() and "mark" in out.getvalue()
