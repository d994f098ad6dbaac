"""The Programme Board view: milestones due, overdue as at a date, status counts, and the risk log."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest

from concordat.commitments.models import Risk, StatusUpdate
from concordat.commitments.views.board import add_months

pytestmark = pytest.mark.django_db


def _section(page: str, anchor: str) -> set[str]:
    start = page.index(f'id="{anchor}"')
    end = page.index("<h2", start + 1) if "<h2" in page[start + 1 :] else len(page)
    return set(re.findall(r'href="/commitments/([KA]-[A-Z]+-\d\d)/"', page[start:end]))


def test_only_the_national_team_sees_the_board(login: Callable[..., Any], org_users: Any) -> None:
    assert login("olivia").get("/commitments/board/").status_code == 403
    assert login("nadia").get("/commitments/board/").status_code == 200


@pytest.mark.parametrize(
    ("as_at", "overdue", "not_overdue"),
    [
        ("2013-03-31", set(), {"K-NHSCB-01", "K-HCC-02", "K-HCC-01"}),
        ("2013-04-01", set(), {"K-NHSCB-01"}),  # the deadline day itself is on time
        ("2013-04-02", {"K-NHSCB-01"}, {"K-HCC-02", "K-NHSCB-02"}),  # a start date is never overdue
        ("2013-06-02", {"K-NHSCB-01", "K-HCC-02"}, {"K-HCC-01"}),
        ("2014-06-02", {"K-NHSCB-01", "K-HCC-02", "K-HCC-01"}, set()),
    ],
)
def test_overdue_commitments_depend_on_the_as_at_date(
    login: Callable[..., Any], org_users: Any, as_at: str, overdue: set[str], not_overdue: set[str]
) -> None:
    page = login("nadia").get(f"/commitments/board/?as_at={as_at}").content.decode()
    shown = _section(page, "overdue")
    assert overdue <= shown
    assert not (not_overdue & shown)


def test_a_complete_commitment_is_not_overdue_but_a_later_red_one_is(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "complete", "2013-03-30")
    client = login("nadia")
    assert "K-NHSCB-01" not in _section(
        client.get("/commitments/board/?as_at=2013-04-02").content.decode(), "overdue"
    )
    record("K-NHSCB-01", "red", "2013-05-01")  # reopened: not complete after all
    assert "K-NHSCB-01" not in _section(
        client.get("/commitments/board/?as_at=2013-04-30").content.decode(), "overdue"
    )
    assert "K-NHSCB-01" in _section(
        client.get("/commitments/board/?as_at=2013-05-01").content.decode(), "overdue"
    )


def test_milestones_due_default_to_the_next_three_months(login: Callable[..., Any], org_users: Any) -> None:
    page = login("nadia").get("/commitments/board/?as_at=2013-03-15").content.decode()
    due = _section(page, "due")
    assert {"K-NHSCB-01", "K-HCC-02"} <= due  # 1 April and 1 June 2013
    assert "K-HCC-01" not in due  # 1 June 2014
    assert "15 March 2013 to 15 June 2013" in page
    narrow = login("nadia").get("/commitments/board/?as_at=2013-03-15&due_from=2013-05-01&due_to=2013-06-30")
    assert "K-NHSCB-01" not in _section(narrow.content.decode(), "due")


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert add_months(datetime.date(2013, 11, 30), 3) == datetime.date(2014, 2, 28)


def test_status_counts_by_organisation_and_theme(
    login: Callable[..., Any], record: Callable[..., StatusUpdate]
) -> None:
    record("K-NHSCB-01", "green", "2013-03-01")
    record("K-NHSCB-02", "amber", "2013-03-01")
    page = login("nadia").get("/commitments/board/?as_at=2013-03-02").content.decode()
    assert "Status by organisation" in page and "Status by theme" in page
    row = re.search(r"NHS Commissioning Board \(NHSCB\)</th>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r">(\d+)</td>", row.group(1))
    # red, amber, green, complete, no update, overdue, total
    assert cells[:3] == ["0", "1", "1"]


def test_the_national_team_adds_and_edits_a_risk(login: Callable[..., Any], org_users: Any) -> None:
    client = login("nadia")
    data = {
        "title": "Provider capacity",
        "description": "Too few community placements.",
        "owner": "lga",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Market development work.",
        "review_date": "2013-09-01",
        "commitments": "k-nhscb-01, A-DH-01",
        "status": "open",
    }
    assert client.post("/commitments/board/risks/add/", data).status_code == 302
    risk = Risk.objects.get()
    assert (risk.score, risk.owner.slug) == (20, "lga")
    assert sorted(risk.commitments.values_list("ref", flat=True)) == ["A-DH-01", "K-NHSCB-01"]
    assert client.get(f"/commitments/board/risks/{risk.pk}/").status_code == 200
    data.update(status="closed", likelihood="1", commitments="")
    assert client.post(f"/commitments/board/risks/{risk.pk}/", data).status_code == 302
    risk.refresh_from_db()
    assert (risk.status, risk.likelihood, risk.commitments.count()) == ("closed", 1, 0)
    assert "Provider capacity" in client.get("/commitments/board/").content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"likelihood": "6"}, "Select a valid choice"),
        ({"commitments": "Z-NOPE-01"}, "No commitment has the reference Z-NOPE-01"),
        ({"title": ""}, "Enter the risk"),
        ({"review_date": "31/02/2013"}, "Review date must be a real date"),
    ],
)
def test_bad_risks_are_refused(
    login: Callable[..., Any], org_users: Any, change: dict[str, str], message: str
) -> None:
    data = {
        "title": "t",
        "description": "d",
        "owner": "lga",
        "likelihood": "2",
        "impact": "2",
        "review_date": "2013-09-01",
        "status": "open",
    }
    data.update(change)
    response = login("nadia").post("/commitments/board/risks/add/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Risk.objects.exists()


def test_other_users_cannot_add_risks(login: Callable[..., Any], org_users: Any) -> None:
    assert login("olivia").post("/commitments/board/risks/add/", {"title": "x"}).status_code == 403
