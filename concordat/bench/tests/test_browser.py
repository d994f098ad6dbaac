"""The benchmarks' HTTP client against a live server: it keeps the cookies a browser would and posts forms
as one does, so the simulated people sign in, stay signed in and are signed out like real ones."""

from typing import Any
from urllib.parse import urlsplit

import pytest

from concordat.accounts.personas import DEMO_PASSWORD
from concordat.bench.browser import Browser, TransportError
from concordat.bench.load import form_fields


@pytest.mark.django_db(transaction=True)
def test_a_person_signs_in_keeps_the_session_and_signs_out(
    live_server: Any, personas: dict[str, Any]
) -> None:
    where = urlsplit(live_server.url)
    browser = Browser(str(where.hostname), int(where.port or 80), timeout=180)
    sign_in = browser.get("/account/sign-in/")
    assert sign_in.status_code == 200
    assert "csrftoken" in browser.cookies
    data = {**form_fields(sign_in.text), "username": "harriet", "password": DEMO_PASSWORD}
    signed_in = browser.post("/account/sign-in/", data=data)
    assert signed_in.status_code == 302, signed_in.text[:500]
    assert "sessionid" in browser.cookies
    home = browser.get("/returns/")
    assert home.status_code == 200
    assert "Sign out" in home.text
    signed_out = browser.post("/account/sign-out/", data=form_fields(home.text))
    assert signed_out.status_code == 302
    assert "sessionid" not in browser.cookies
    assert browser.get("/returns/").status_code == 302  # to sign in again


def test_no_server_is_a_transport_error_not_a_hang() -> None:
    browser = Browser("127.0.0.1", 9, timeout=5)  # the discard port: nothing listens
    with pytest.raises(TransportError):
        browser.get("/")
