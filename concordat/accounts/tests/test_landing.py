"""Signing in takes each persona to the page for their work."""

from typing import Any

import pytest
from django.test import Client

from concordat.accounts.models import User
from concordat.accounts.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [
        ("nadia", "/returns/rounds/"),
        ("lena", "/analysis/"),
        ("rachel", "/register/"),
        ("naveen", "/register/"),
        ("harriet", "/returns/"),
        ("hugh", "/returns/"),
        ("hannah", "/returns/"),
        ("ola", "/commitments/"),  # no area, region, national or register role: a signatory's officer
    ],
)
def test_signing_in_lands_each_persona_on_their_work(
    personas: dict[str, Any], username: str, lands_on: str
) -> None:
    if username == "ola":
        User.objects.create_user("ola", password=DEMO_PASSWORD)
    client = Client()
    signed_in = client.post("/account/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert signed_in["Location"] == "/account/start/"
    assert client.get("/account/start/")["Location"] == lands_on


def test_the_national_overview_links_the_cross_check(login: Any, stocktake: Any) -> None:
    page = login("nadia").get("/returns/rounds/").content.decode()
    assert 'href="/register/cross-check/"' in page
    assert 'href="/register/cross-check/"' not in login("lena").get("/returns/rounds/").content.decode()
