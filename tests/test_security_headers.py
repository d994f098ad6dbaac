from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_pages_forbid_inline_scripts_framing_and_sniffing(client: Any) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_every_script_on_a_page_carries_the_nonce(client: Any) -> None:
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    page = response.content.decode()
    assert page.count("<script") == page.count(f'nonce="{nonce}"') > 0


def test_a_form_post_without_a_csrf_token_is_refused(personas: dict[str, Any], stocktake: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(personas["harriet"])
    url = f"/returns/rounds/{stocktake.slug}/areas/E09000015/sections/1/"
    assert strict.post(url, {"q1-1-status": "yes"}).status_code == 403
