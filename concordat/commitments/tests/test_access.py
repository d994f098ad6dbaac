"""Who may update and challenge which commitment."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from concordat.commitments import access, actions
from concordat.commitments.models import Commitment

pytestmark = pytest.mark.django_db


def _c(ref: str) -> Commitment:
    return Commitment.objects.get(ref=ref)


def test_an_organisations_users_can_update_only_its_own_commitments(org_users: dict[str, Any]) -> None:
    olivia, mark = org_users["olivia"], org_users["mark"]
    assert access.can_update(olivia, _c("K-NHSCB-01"))
    assert access.can_update(olivia, _c("A-COMM-01"))  # owned jointly with four others
    assert not access.can_update(olivia, _c("A-DH-01"))
    assert not access.can_update(mark, _c("K-NHSCB-01"))


def test_group_commitments_can_be_updated_by_the_groups_members(org_users: dict[str, Any]) -> None:
    assert access.can_update(org_users["mark"], _c("A-FORUMS-01"))  # Mencap is in the voluntary-sector group
    assert not access.can_update(org_users["olivia"], _c("A-FORUMS-01"))


def test_the_national_team_can_update_any_commitment(org_users: dict[str, Any]) -> None:
    assert all(access.can_update(org_users["nadia"], c) for c in Commitment.objects.all())


def test_area_personas_without_an_organisation_cannot_update_or_challenge(org_users: dict[str, Any]) -> None:
    for name in ("harriet", "leo", "lena"):
        assert not access.can_update(org_users[name], _c("K-NHSCB-01"))
        assert not access.can_challenge(org_users[name], _c("K-NHSCB-01"))


def test_get_commitment_for_user_refuses_writes_by_another_organisation(org_users: dict[str, Any]) -> None:
    assert access.get_commitment_for_user(org_users["mark"], "K-NHSCB-01").ref == "K-NHSCB-01"
    with pytest.raises(PermissionDenied):
        access.get_commitment_for_user(org_users["mark"], "K-NHSCB-01", write=True)
    assert access.get_commitment_for_user(org_users["olivia"], "K-NHSCB-01", write=True)


def test_record_status_update_refuses_another_organisations_user(org_users: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        actions.record_status_update(
            _c("K-NHSCB-01"),
            as_at=datetime.date(2013, 4, 1),
            status="green",
            narrative="x",
            acting_user=org_users["mark"],
        )


def test_members_challenge_other_organisations_commitments_but_not_their_own(
    org_users: dict[str, Any],
) -> None:
    mark, olivia = org_users["mark"], org_users["olivia"]
    assert access.can_challenge(mark, _c("K-NHSCB-01"))
    assert not access.can_challenge(olivia, _c("K-NHSCB-01"))
    assert not access.can_challenge(org_users["nadia"], _c("K-NHSCB-01"))
    with pytest.raises(PermissionDenied):
        actions.record_challenge(_c("K-NHSCB-01"), text="Why?", acting_user=olivia)
