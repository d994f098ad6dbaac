"""Each area's register officers see only their own people; the national analyst reads all, edits none."""

from typing import Any

import pytest
from django.http import Http404

from concordat.register.access import get_person_for_user, people_for_user
from concordat.register.tests.builders import person


@pytest.fixture
def people(personas: dict[str, Any]) -> dict[str, Any]:
    return {
        "harrow": person("E09000015", personas["rachel"], local_reference="HAR-1"),
        "leeds": person("E08000035", personas["luke"], local_reference="LDS-1", nhs_number=""),
    }


@pytest.mark.django_db
def test_get_person_for_user_refuses_another_areas_person(
    personas: dict[str, Any], people: dict[str, Any]
) -> None:
    leeds_id = people["leeds"].public_id
    with pytest.raises(Http404):
        get_person_for_user(personas["rachel"], leeds_id)
    assert get_person_for_user(personas["luke"], leeds_id, write=True) == people["leeds"]
    assert get_person_for_user(personas["naveen"], leeds_id) == people["leeds"]
    with pytest.raises(Http404):
        get_person_for_user(personas["naveen"], leeds_id, write=True)
    for outsider in ("nadia", "harriet", "leo"):
        with pytest.raises(Http404):
            get_person_for_user(personas[outsider], leeds_id)
    assert list(people_for_user(personas["rachel"])) == [people["harrow"]]
    assert people_for_user(personas["naveen"]).count() == 2


@pytest.mark.django_db
def test_rachel_cannot_open_a_leeds_person_by_any_url(verified_login: Any, people: dict[str, Any]) -> None:
    client = verified_login("rachel")
    leeds_id = people["leeds"].public_id
    assert client.get(f"/register/areas/E08000035/people/{leeds_id}/").status_code == 404
    assert client.get(f"/register/areas/E09000015/people/{leeds_id}/").status_code == 404
    assert client.get(f"/register/areas/E09000015/people/{leeds_id}/edit/").status_code == 404
    page = client.get("/register/areas/E09000015/")
    assert people["harrow"].public_id in page.content.decode()
    assert leeds_id not in page.content.decode()
    assert client.get("/register/areas/E08000035/").status_code == 404


@pytest.mark.django_db
def test_national_analyst_reads_every_area_but_cannot_edit(
    verified_login: Any, people: dict[str, Any]
) -> None:
    client = verified_login("naveen")
    leeds_id = people["leeds"].public_id
    assert client.get(f"/register/areas/E08000035/people/{leeds_id}/").status_code == 200
    assert client.get(f"/register/areas/E08000035/people/{leeds_id}/edit/").status_code == 404
    assert client.get("/register/areas/E08000035/people/add/").status_code == 404


@pytest.mark.django_db
def test_register_pages_require_two_factor(login: Any, people: dict[str, Any]) -> None:
    client = login("rachel")  # signed in with a password only
    for url in (
        "/register/",
        "/register/areas/E09000015/",
        f"/register/areas/E09000015/people/{people['harrow'].public_id}/",
        "/register/areas/E09000015/march-2014-return.csv",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/two-factor/"), response["Location"]


@pytest.mark.django_db
def test_person_page_shows_nhs_number_only_as_recorded(verified_login: Any, people: dict[str, Any]) -> None:
    body = verified_login("rachel").get(f"/register/areas/E09000015/people/{people['harrow'].public_id}/")
    text = body.content.decode()
    assert "Recorded" in text
    assert "9434765919" not in text and "943 476 5919" not in text
    assert people["harrow"].nhs_number_hash not in text
