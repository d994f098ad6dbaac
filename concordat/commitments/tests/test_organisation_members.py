"""The national team adds and removes the people who record progress for a signatory organisation."""

from typing import Any

import pytest

from concordat.accounts.models import User
from concordat.audit.models import AuditEvent
from concordat.commitments.access import user_organisations
from concordat.commitments.loader import load_commitments
from concordat.commitments.models import OrganisationMembership

pytestmark = pytest.mark.django_db
URL = "/commitments/organisations/mencap/people/"


@pytest.fixture
def loaded(personas: dict[str, Any]) -> None:
    load_commitments()


def test_the_national_team_adds_and_removes_a_member(loaded: None, login: Any) -> None:
    priya = User.objects.create_user("priya", first_name="Priya", last_name="Nair")
    nadia = login("nadia")
    assert "Mencap" in nadia.get("/commitments/organisations/").content.decode()
    page = nadia.get(URL).content.decode()
    assert "Mark Bryant (mark)" in page and "priya" not in page  # Mencap's demo officer is already there
    nadia.post(URL, {"username": "priya"})
    membership = OrganisationMembership.objects.get(user=priya)
    assert membership.organisation.slug == "mencap"
    assert [o.slug for o in user_organisations(priya)] == ["mencap"]  # she now acts for Mencap
    assert "Priya Nair (priya)" in nadia.get(URL).content.decode()
    membership_id = membership.pk
    nadia.post(URL, {"remove": membership_id})
    assert not OrganisationMembership.objects.filter(user=priya).exists()
    events = AuditEvent.objects.filter(verb__startswith="commitments.member", object_id=str(membership_id))
    verbs = events.values_list("verb", flat=True)
    assert list(verbs.order_by("id")) == ["commitments.member_added", "commitments.member_removed"]


def test_an_unknown_username_is_an_error_with_a_summary(loaded: None, login: Any) -> None:
    before = OrganisationMembership.objects.count()
    page = login("nadia").post(URL, {"username": "nobody"}).content.decode()
    assert "<title>Error:" in page and "There is no open account with that username" in page
    assert 'href="#id_username"' in page
    assert OrganisationMembership.objects.count() == before


def test_only_the_national_team_manages_members(loaded: None, login: Any) -> None:
    assert login("harriet").get(URL).status_code == 403
    assert login("harriet").post(URL, {"username": "harriet"}).status_code == 403
    assert not OrganisationMembership.objects.filter(user__username="harriet").exists()
