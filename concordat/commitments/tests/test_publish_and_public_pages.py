"""Publishing an update, and the public pages: no sign-in, and only the latest publication is shown."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from concordat.commitments.models import PublishedUpdate, StatusUpdate

pytestmark = pytest.mark.django_db
PUBLIC = (
    "/commitments/published/",
    "/commitments/published/signatories/nhscb/",
    "/commitments/published/themes/hospital-placements/",
)


def _publish(client: Client, as_at: str = "2013-06-01", title: str = "June 2013") -> Any:
    return client.post(
        "/commitments/board/publish/", {"as_at": as_at, "title": title, "summary": "Progress so far."}
    )


def test_public_pages_need_no_sign_in(client: Client, org_users: Any) -> None:
    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "No progress has been published yet." in response.content.decode()


def test_only_signatories_have_a_public_page(client: Client, org_users: Any) -> None:
    assert client.get("/commitments/published/signatories/dfe/").status_code == 404
    assert client.get("/commitments/published/signatories/all-signatories/").status_code == 404


def test_only_the_national_team_publishes(login: Callable[..., Any], org_users: Any) -> None:
    assert _publish(login("olivia")).status_code == 403
    assert not PublishedUpdate.objects.exists()


def test_public_pages_show_the_published_status_and_never_later_drafts(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "amber", "2013-05-01", by="olivia", narrative="PUBLISHED-AMBER")
    nadia = login("nadia")
    assert _publish(nadia).status_code == 302
    record("K-NHSCB-01", "red", "2013-05-20", by="olivia", narrative="DRAFT-RED-AFTER-PUBLICATION")
    anonymous = Client()
    page = anonymous.get("/commitments/published/signatories/nhscb/").content.decode()
    assert "PUBLISHED-AMBER" in page and "DRAFT-RED" not in page
    assert "status as at 1 June 2013" in page
    theme = anonymous.get("/commitments/published/themes/hospital-placements/").content.decode()
    assert "PUBLISHED-AMBER" in theme and "DRAFT-RED" not in theme


def test_an_update_dated_after_the_as_at_date_is_not_published(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "green", "2013-07-01", by="olivia", narrative="FUTURE-GREEN")
    _publish(login("nadia"))
    assert "FUTURE-GREEN" not in Client().get("/commitments/published/signatories/nhscb/").content.decode()
    assert PublishedUpdate.objects.get().snapshot["commitments"]["K-NHSCB-01"]["status"] == "none"


def test_the_latest_publication_replaces_the_earlier_one(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "amber", "2013-05-01", by="olivia", narrative="FIRST")
    nadia = login("nadia")
    _publish(nadia, title="May")
    record("K-NHSCB-01", "green", "2013-06-15", by="olivia", narrative="SECOND")
    _publish(nadia, as_at="2013-06-30", title="End of June")
    page = Client().get("/commitments/published/signatories/nhscb/").content.decode()
    assert "SECOND" in page and "FIRST" not in page and "End of June" in page


def test_a_signatory_page_includes_commitments_of_its_groups(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("A-FORUMS-01", "red", "2013-05-01", by="mark", narrative="FAMILIES-PANEL")
    _publish(login("nadia"))
    page = Client().get("/commitments/published/signatories/mencap/").content.decode()
    assert "A-FORUMS-01" in page and "FAMILIES-PANEL" in page and "Mencap" in page


def test_publishing_with_missing_fields_shows_errors(login: Callable[..., Any], org_users: Any) -> None:
    response = login("nadia").post("/commitments/board/publish/", {"as_at": "", "title": "", "summary": ""})
    page = response.content.decode()
    assert "Enter a title" in page and "Enter status as at" in page
    assert not PublishedUpdate.objects.exists()
