"""Reference data and commitments through the API: lists paginated by cursor and filterable."""

from typing import Any

import pytest

from concordat.api.tests.helpers import ApiClient, make_token


@pytest.fixture
def leo(personas: dict[str, Any]) -> ApiClient:
    return ApiClient(make_token(personas["leo"], scope="read"))


@pytest.mark.django_db
def test_areas_page_by_cursor_and_filter_by_region(leo: ApiClient) -> None:
    first = leo.call("get", "/api/v1/areas?page_size=100").json()
    assert len(first["results"]) == 100
    rest = leo.call("get", "/api/v1/areas?page_size=100&cursor=" + first["next"].split("cursor=")[1]).json()
    codes = [a["ons_code"] for a in first["results"] + rest["results"]]
    assert len(codes) == len(set(codes)) == 152
    assert codes == sorted(codes)
    london = leo.call("get", "/api/v1/areas?region=E12000007&page_size=200").json()["results"]
    assert len(london) == 33
    assert {a["region"]["name"] for a in london} == {"London"}


@pytest.mark.django_db
def test_questionnaire_lists_its_61_questions(stocktake: Any, leo: ApiClient) -> None:
    q = leo.call("get", "/api/v1/questionnaires/stocktake-2013/1").json()
    assert sum(len(s["questions"]) for s in q["sections"]) == 61
    assert q["signatory_roles"] == ["hwb_chair", "chief_executive", "ccg"]
    rounds = leo.call("get", "/api/v1/rounds?state=open").json()
    assert [r["slug"] for r in rounds] == [stocktake.slug]


@pytest.mark.django_db
def test_commitments_page_by_cursor_and_filter_by_organisation(leo: ApiClient) -> None:
    from concordat.commitments.loader import load_commitments

    load_commitments()
    seen: list[str] = []
    url = "/api/v1/commitments?limit=20"
    while True:
        page = leo.call("get", url).json()
        seen += [c["ref"] for c in page["results"]]
        if not page["next"]:
            break
        url = "/api/v1/commitments?limit=20&cursor=" + page["next"]
    assert len(seen) == len(set(seen)) > 40
    assert seen == sorted(seen)
    nhscb = leo.call("get", "/api/v1/commitments?organisation=nhscb&limit=200").json()["results"]
    assert nhscb and all("nhscb" in c["owners"] for c in nhscb)
    assert leo.call("get", "/api/v1/commitments?cursor=!!!").status_code == 400
    detail = leo.call("get", "/api/v1/commitments/K-NHSCB-01").json()
    assert detail["ref"] == "K-NHSCB-01" and detail["updates"] == []
