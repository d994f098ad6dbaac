"""Snapshots freeze the register: later edits never move an "as at" figure."""

from datetime import date
from typing import Any

import pytest

from concordat.register import actions, figures
from concordat.register.models import Snapshot, SnapshotRow
from concordat.register.tests.builders import checked_row, person


@pytest.mark.django_db
def test_snapshot_is_unchanged_by_later_edits(personas: dict[str, Any]) -> None:
    rachel = personas["rachel"]
    someone = person("E09000015", rachel, nhs_number="")
    person(
        "E09000015",
        rachel,
        nhs_number="",
        local_reference="HAR-2",
        admission_date="01/03/2014",
        on_register_since="01/03/2014",
        care_review_date="",
        care_review_outcome="",
        health_check_date="",
    )
    snapshot = actions.take_snapshot(date(2014, 3, 31), personas["naveen"], today=date(2014, 4, 1))
    assert snapshot.people == 2
    before = figures.as_dict(figures.for_snapshot(snapshot, figures.Scope.england()))
    actions.update_person(
        someone,
        checked_row(actual_discharge_date="20/03/2014", discharge_destination="FAMILY", nhs_number=""),
        revision=1,
        acting_user=rachel,
    )
    after = figures.as_dict(figures.for_snapshot(snapshot, figures.Scope.england()))
    assert after == before and before["in_hospital"] == 2
    assert figures.live(figures.Scope.england(), date(2014, 3, 31)).in_hospital == 1
    assert SnapshotRow.objects.get(person=someone).actual_discharge_date is None


@pytest.mark.django_db
def test_one_snapshot_per_date_and_none_in_the_future(personas: dict[str, Any]) -> None:
    actions.take_snapshot(date(2014, 3, 31), personas["naveen"])
    with pytest.raises(actions.ActionError):
        actions.take_snapshot(date(2014, 3, 31), personas["naveen"])
    with pytest.raises(actions.ActionError):
        actions.take_snapshot(date(2014, 5, 1), personas["naveen"], today=date(2014, 4, 1))


@pytest.mark.django_db
def test_only_the_national_analyst_takes_snapshots(verified_login: Any, personas: dict[str, Any]) -> None:
    client = verified_login("rachel")
    assert client.post("/register/snapshots/", {"as_at": "2014-03-31"}).status_code == 403
    assert not Snapshot.objects.exists()
    client = verified_login("naveen")
    response = client.post("/register/snapshots/", {"as_at": "2014-03-31"}, follow=True)
    assert "Snapshot as at 31 March 2014 taken" in response.content.decode()
    again = client.post("/register/snapshots/", {"as_at": "2014-03-31"})
    assert "There is already a snapshot" in again.content.decode()
    for url in (
        "/register/figures/",
        "/register/figures/regions/E12000007/",
        "/register/areas/E09000015/figures/",
    ):
        assert client.get(url).status_code == 200
