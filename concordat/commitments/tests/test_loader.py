"""Loading the dataset into tables: complete, derived windows, and idempotent."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from concordat.audit.models import AuditEvent
from concordat.commitments.loader import load_commitments
from concordat.commitments.models import (
    Commitment,
    CommitmentOwner,
    Organisation,
    OrganisationKind,
    Theme,
)


def _table_state() -> list[object]:
    return [
        list(Organisation.objects.values_list("slug", "name", "kind", "position").order_by("slug")),
        list(Theme.objects.values_list("slug", "name").order_by("slug")),
        list(Commitment.objects.values().order_by("ref")),
        list(
            CommitmentOwner.objects.values_list("commitment__ref", "organisation__slug", "position").order_by(
                "pk"
            )
        ),
        list(
            Commitment.same_as.through.objects.values_list(
                "from_commitment__ref", "to_commitment__ref"
            ).order_by("pk")
        ),
        list(
            Organisation.members.through.objects.values_list(
                "from_organisation__slug", "to_organisation__slug"
            ).order_by("pk")
        ),
    ]


@pytest.mark.django_db
def test_load_commitments_loads_every_organisation_theme_and_commitment() -> None:
    result = load_commitments()
    assert result.created > 0
    assert Organisation.objects.filter(kind=OrganisationKind.SIGNATORY).count() == 51
    assert Organisation.objects.filter(kind=OrganisationKind.PARTNER).count() == 9
    assert Organisation.objects.filter(kind=OrganisationKind.GROUP).count() == 4
    assert Theme.objects.count() == 9
    assert Commitment.objects.count() == 128
    assert Organisation.objects.get(slug="all-signatories").members.count() == 51
    assert Organisation.objects.get(slug="mencap").groups.filter(slug="forums-and-voluntary-sector").exists()


@pytest.mark.django_db
def test_load_commitments_stores_the_parsed_deadline_window() -> None:
    load_commitments()
    k = Commitment.objects.get(ref="K-NHSCB-01")
    assert (k.window_kind, k.window_start, k.window_end) == ("due", None, datetime.date(2013, 4, 1))
    assert k.is_key_action
    assert list(k.owners.values_list("slug", flat=True)) == ["nhscb"]
    start = Commitment.objects.get(ref="K-NHSCB-02")
    assert (start.window_kind, start.window_start) == ("start", datetime.date(2013, 4, 1))


@pytest.mark.django_db
def test_load_commitments_twice_changes_nothing() -> None:
    load_commitments()
    before = _table_state()
    events = AuditEvent.objects.count()
    result = load_commitments()
    assert (result.created, result.updated, result.changed) == (0, 0, False)
    assert _table_state() == before
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_load_commitments_repairs_a_changed_row() -> None:
    load_commitments()
    Commitment.objects.filter(ref="K-NHSCB-01").update(window_end=datetime.date(2099, 1, 1))
    result = load_commitments()
    assert result.updated == 1
    assert Commitment.objects.get(ref="K-NHSCB-01").window_end == datetime.date(2013, 4, 1)


@pytest.mark.django_db
def test_load_commitments_command_reports_counts() -> None:
    out = StringIO()
    call_command("load_commitments", stdout=out)
    call_command("load_commitments", stdout=out)
    assert "0 created, 0 updated" in out.getvalue().splitlines()[-1]
