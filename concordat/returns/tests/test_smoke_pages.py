from typing import Any

import pytest

from concordat.returns.tests.builders import signed_off_version

pytestmark = pytest.mark.django_db


def test_every_return_page_renders_for_the_harrow_editor_and_national_team_who_corrects_but_does_not_edit(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    base = f"/returns/rounds/{stocktake.slug}/areas/E09000015/"
    editing = ("sections/1/", "completed-by/")
    reading = ("", "check/", "versions/", f"versions/{version.number}/")
    correcting = ("sections/1/correct/",)
    for username, paths in (
        ("harriet", editing + reading),
        ("nadia", correcting + reading),
        ("hugh", reading),
    ):
        client = login(username)
        for path in paths:
            response = client.get(base + path)
            assert response.status_code in (200, 302), (username, path, response.status_code)
    client = login("nadia")
    for path in editing:
        assert client.get(base + path).status_code == 403, path
    assert client.get(f"/returns/rounds/{stocktake.slug}/completeness/").status_code == 200
    assert client.get(base + "audit/").status_code == 200
    assert client.get("/returns/rounds/").status_code == 200
