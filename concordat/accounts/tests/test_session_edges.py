"""The edges of a session (issue 11): idle time-outs, the lockout behind a proxy and per username, rate
limits with a GOV.UK 429 page, the CSRF-failure page, HTTPS settings from the environment."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory

from concordat.accounts import two_factor
from concordat.accounts.limits import client_address
from concordat.accounts.personas import DEMO_PASSWORD
from tests.page_contract import contract_problems

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PROXY = "10.0.0.1"


def _idle_for(client: Any, seconds: float) -> None:
    session = client.session
    session[two_factor.LAST_SEEN] = two_factor.now() - seconds
    session.save()


def test_an_idle_session_is_signed_out(login: Any, settings: Any) -> None:
    client = login("harriet")
    assert client.get("/account/").status_code == 200
    _idle_for(client, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/account/", follow=True)
    assert response.redirect_chain[0] == ("/account/sign-in/?next=/account/", 302)
    assert "You were signed out because you had not used the service for a while" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_in_use_stays_signed_in_and_its_clock_restarts(login: Any, settings: Any) -> None:
    client = login("harriet")
    _idle_for(client, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get("/account/").status_code == 200
    assert two_factor.now() - client.session[two_factor.LAST_SEEN] < 5


def test_register_pages_ask_for_a_code_again_after_an_idle_period(
    privileged_login: Any, settings: Any
) -> None:
    client = privileged_login("rachel")
    assert client.get("/register/").status_code == 200
    _idle_for(client, settings.TWO_FACTOR_IDLE_SECONDS - 60)
    assert client.get("/register/").status_code == 200
    _idle_for(client, settings.TWO_FACTOR_IDLE_SECONDS + 1)
    response = client.get("/register/")
    assert (response.status_code, response["Location"]) == (302, "/account/two-factor/?next=/register/")
    assert client.get("/account/").status_code == 200  # still signed in, only the code is forgotten


def _sign_in(client: Client, password: str, address: str, username: str = "harriet") -> Any:
    return client.post(
        "/account/sign-in/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_the_client_address_is_read_behind_the_trusted_number_of_proxies(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.5"  # what the client wrote further left is not believed
    settings.TRUSTED_PROXY_COUNT = 4
    assert client_address(request) == PROXY


def test_behind_a_proxy_one_persons_wrong_passwords_lock_only_their_own_address(
    personas: dict[str, Any], settings: Any
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "wrong", "203.0.113.5")
    assert _sign_in(Client(), DEMO_PASSWORD, "203.0.113.5").status_code == 429
    # A different client behind the same proxy (and one who forges an earlier entry) is not locked out.
    assert _sign_in(Client(), DEMO_PASSWORD, "198.51.100.7").status_code == 302
    assert _sign_in(Client(), DEMO_PASSWORD, "203.0.113.5, 198.51.100.8").status_code == 302


@pytest.mark.parametrize(("failures", "locked"), [((3, 2), False), ((3, 3), True)])
def test_a_username_guessed_from_many_addresses_is_locked_at_every_address(
    personas: dict[str, Any], settings: Any, failures: tuple[int, int], locked: bool
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_USERNAME_FAILURE_LIMIT = 6
    for address, count in zip(("203.0.113.1", "203.0.113.2"), failures, strict=True):
        for _ in range(count):
            _sign_in(Client(), "wrong", address)
    response = _sign_in(Client(), DEMO_PASSWORD, "198.51.100.9")
    assert response.status_code == (429 if locked else 302)
    # Another person's account is never affected.
    assert _sign_in(Client(), DEMO_PASSWORD, "203.0.113.1", username="hamid").status_code == 302


def _is_the_429_page(response: Any) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 429
        and int(response["Retry-After"]) >= 1
        and "You have done that too many times" in page
        and not contract_problems(page)
    )


def test_sign_in_is_rate_limited_per_address_with_a_govuk_page(
    personas: dict[str, Any], settings: Any
) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_in": "3/m"}
    client = Client()
    for _ in range(3):
        assert _sign_in(client, "wrong", "203.0.113.5").status_code == 200
    assert _is_the_429_page(_sign_in(client, DEMO_PASSWORD, "203.0.113.5"))
    assert client.get("/account/sign-in/").status_code == 200  # only attempts are counted


def test_uploads_are_rate_limited_per_person(privileged_login: Any, login: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": "2/m"}
    rachel = privileged_login("rachel")
    url = "/register/areas/E09000015/upload/"
    assert [rachel.post(url, {}).status_code for _ in range(2)] == [200, 200]  # "Choose a file", counted
    assert _is_the_429_page(rachel.post(url, {}))
    assert rachel.get(url).status_code == 200


def test_imports_are_rate_limited_per_person(login: Any, stocktake: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "import": "1/m"}
    url = f"/imports/rounds/{stocktake.slug}/areas/E09000015/upload/"
    harriet = login("harriet")
    assert harriet.post(url, {}).status_code == 200
    assert _is_the_429_page(harriet.post(url, {}))
    assert (
        login("leo").post(f"/imports/rounds/{stocktake.slug}/areas/E08000035/upload/", {}).status_code == 200
    )


def test_report_generation_is_rate_limited(login: Any, stocktake: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": "1/m"}
    nadia = login("nadia")
    url = f"/analysis/rounds/{stocktake.slug}/report/"
    assert nadia.get(url).status_code == 200
    assert _is_the_429_page(nadia.get(url))
    assert _is_the_429_page(nadia.get(f"{url}download/?format=csv"))


def test_a_refused_form_gets_a_govuk_page(personas: dict[str, Any]) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/account/sign-in/", {"username": "harriet", "password": DEMO_PASSWORD})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Sorry, we could not accept that form" in page and "govuk-header" in page
    assert not contract_problems(page)


def _https_settings(**env: str) -> str:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("HTTPS", "HSTS", "SECURE_"))}
    code = (
        "import concordat.settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_https_redirect_and_hsts_come_from_the_environment() -> None:
    assert _https_settings() == "False 0 False False"
    assert _https_settings(HTTPS="true") == "True 31536000 True True"
    assert _https_settings(HTTPS="true", HSTS_SECONDS="0", SECURE_SSL_REDIRECT="false") == "False 0 True True"
    assert _https_settings(SECURE_SSL_REDIRECT="true", HSTS_SECONDS="600") == "True 600 False False"


def test_hsts_is_sent_over_https_when_set(client: Any, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 600
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=600")
