"""A published round of RAG ratings (the November 2013 status report) on the public pages."""

from typing import Any

import pytest
from django.utils import timezone

from concordat.returns import actions
from concordat.returns.demo import ensure_status_report_round
from concordat.returns.models import ReturnVersion
from concordat.returns.tests.builders import status_report_version

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


@pytest.fixture
def published_status_report(personas: dict[str, Any]) -> Any:
    """Harrow's status report, rated amber throughout, signed, accepted and published."""
    rnd = ensure_status_report_round(personas["nadia"])
    version = status_report_version(rnd, HARROW, personas["harriet"], "amber")
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])
    today = timezone.localdate()
    actions.publish_round(rnd, embargo_until=today, as_at=today, acting_user=personas["nadia"])
    return rnd


def test_the_area_page_shows_a_published_rag_round(published_status_report: Any, client: Any) -> None:
    response = client.get(f"/areas/{HARROW}/")
    assert response.status_code == 200
    position = response.context["position"]
    assert [(r.number, r.rating) for r in position.ratings][:2] == [("1.1", "Amber"), ("2.1", "Amber")]
    assert len(position.ratings) == 15
    assert position.themes == ()  # the status report asks no assessment question of the themes
    page = response.content.decode()
    assert "Red: 0 of 1 (0%); Amber: 1 of 1 (100%); Green: 0 of 1 (0%)" in page
    assert "answered Yes to" not in page


def test_the_public_report_has_no_edition_for_a_rag_round(published_status_report: Any, client: Any) -> None:
    assert client.get(f"/report/{published_status_report.slug}/").status_code == 200
    latest = client.get("/report/")
    assert latest.status_code == 200
    assert "Winterbourne View local status report, November 2013" not in latest.content.decode()
