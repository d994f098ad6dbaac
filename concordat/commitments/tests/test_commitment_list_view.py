"""The signed-in commitment list and its filters."""

from collections.abc import Callable
from typing import Any

import pytest

from concordat.commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db


def _refs(page: str) -> set[str]:
    import re

    return set(re.findall(r'href="/commitments/([KA]-[A-Z]+-\d\d)/"', page))


def test_the_list_needs_sign_in(client: Any, org_users: Any) -> None:
    response = client.get("/commitments/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_the_list_filters_by_organisation_theme_and_status(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "amber", "2013-03-01", by="olivia")
    client = login("leo")
    assert len(_refs(client.get("/commitments/").content.decode())) == 128
    nhscb = _refs(client.get("/commitments/?organisation=nhscb").content.decode())
    assert "K-NHSCB-01" in nhscb and "A-DH-01" not in nhscb
    amber = _refs(client.get("/commitments/?status=amber&as_at=2013-03-02").content.decode())
    assert amber == {"K-NHSCB-01"}
    assert _refs(client.get("/commitments/?status=amber&as_at=2013-02-28").content.decode()) == set()
    theme = _refs(client.get("/commitments/?theme=hospital-placements").content.decode())
    assert "K-NHSCB-01" in theme and "A-FORUMS-01" not in theme


def test_the_overdue_filter_uses_the_as_at_date(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    client = login("nadia")
    before = _refs(client.get("/commitments/?overdue=on&as_at=2013-04-01").content.decode())
    after = _refs(client.get("/commitments/?overdue=on&as_at=2013-04-02").content.decode())
    assert "K-NHSCB-01" not in before and "K-NHSCB-01" in after
    record("K-NHSCB-01", "complete", "2013-04-01")
    assert "K-NHSCB-01" not in _refs(client.get("/commitments/?overdue=on&as_at=2013-04-02").content.decode())


def test_a_bad_date_shows_an_error_summary(login: Callable[..., Any], org_users: Any) -> None:
    page = login("nadia").get("/commitments/?as_at=not-a-date").content.decode()
    assert "govuk-error-summary" in page and "As at must be a real date" in page
