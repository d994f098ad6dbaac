"""The signed-in commitment list and its filters."""

from collections.abc import Callable
from typing import Any

import pytest

from concordat.commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db


def _refs(page: str) -> set[str]:
    import re

    return set(re.findall(r'href="/commitments/([KA]-[A-Z]+-\d\d)/"', page))


def _listed(client: Any, url: str) -> set[str]:
    """The references on every page of the list, following its "Next" links (which keep the filters)."""
    import html
    import re

    refs: set[str] = set()
    while url:
        page = client.get(url).content.decode()
        refs |= _refs(page)
        following = re.search(r'href="(\?[^"]*)" rel="next"', page)
        url = "/commitments/" + html.unescape(following.group(1)) if following else ""
    return refs


def test_the_list_needs_sign_in(client: Any, org_users: Any) -> None:
    response = client.get("/commitments/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_the_list_filters_by_organisation_theme_and_status(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "amber", "2013-03-01", by="olivia")
    client = login("leo")
    first = client.get("/commitments/").content.decode()
    assert len(_refs(first)) == 50 and "The 128 commitments that match" in first
    assert len(_listed(client, "/commitments/")) == 128
    nhscb = _listed(client, "/commitments/?organisation=nhscb")
    assert "K-NHSCB-01" in nhscb and "A-DH-01" not in nhscb
    amber = _listed(client, "/commitments/?status=amber&as_at=2013-03-02")
    assert amber == {"K-NHSCB-01"}
    assert _listed(client, "/commitments/?status=amber&as_at=2013-02-28") == set()
    theme = _listed(client, "/commitments/?theme=hospital-placements")
    assert "K-NHSCB-01" in theme and "A-FORUMS-01" not in theme


def test_the_overdue_filter_uses_the_as_at_date(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    client = login("nadia")
    before = _listed(client, "/commitments/?overdue=on&as_at=2013-04-01")
    after = _listed(client, "/commitments/?overdue=on&as_at=2013-04-02")
    assert "K-NHSCB-01" not in before and "K-NHSCB-01" in after
    record("K-NHSCB-01", "complete", "2013-04-01")
    assert "K-NHSCB-01" not in _listed(client, "/commitments/?overdue=on&as_at=2013-04-02")


def test_a_bad_date_shows_an_error_summary(login: Callable[..., Any], org_users: Any) -> None:
    page = login("nadia").get("/commitments/?as_at=not-a-date").content.decode()
    assert "govuk-error-summary" in page and "As at must be a real date" in page


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "9" * 300, "2.0", "<script>"])
def test_a_bad_page_number_never_fails_and_out_of_range_shows_the_last_page(
    login: Callable[..., Any], org_users: Any, page: str
) -> None:
    response = login("leo").get("/commitments/", {"page": page, "theme": "hospital-placements"})
    assert response.status_code == 200
    shown = response.context["page"]
    assert shown.number == (shown.pages if page.isdigit() and int(page) > 1 else 1)
    all_pages = login("leo").get("/commitments/", {"page": page})
    assert all_pages.context["page"].number == (3 if page.isdigit() and int(page) > 1 else 1)
