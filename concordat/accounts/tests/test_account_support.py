"""A temporary password is changed before anything else; the national team can get a person back in."""

from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts.models import User
from concordat.accounts.personas import DEMO_PASSWORD
from concordat.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TEMPORARY = "a-long-temporary-passphrase"
CHOSEN = "my-own-chosen-passphrase-42"


def _verbs(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(user.pk)).order_by("id").values_list("verb", flat=True)
    )


def _sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/account/sign-in/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()
    return client


def test_an_account_given_a_temporary_password_must_change_it_before_anything_else(
    privileged_login: Any, login: Any
) -> None:
    # New accounts are invited to choose their own password; a temporary one comes only from the national
    # team's reset, and it must be changed at once.
    nadia = privileged_login("nadia")
    nadia.post(
        "/account/users/new/",
        {"username": "priya", "first_name": "Priya", "last_name": "Nair", "email": "p@example.org"},
    )
    created = User.objects.get(username="priya")
    nadia.post(f"/account/users/{created.pk}/password/reset/", {"password": TEMPORARY})
    priya = _sign_in("priya", TEMPORARY)
    response = priya.get("/account/")
    assert (response.status_code, response["Location"]) == (302, "/account/password/")
    page = priya.get("/account/password/").content.decode()
    assert "You signed in with a temporary password" in page
    priya.post(
        "/account/password/",
        {"old_password": TEMPORARY, "new_password1": CHOSEN, "new_password2": CHOSEN},
    )
    user = User.objects.get(username="priya")
    assert user.check_password(CHOSEN) and not user.must_change_password
    assert priya.get("/account/").status_code == 200
    assert _verbs(user) == ["account.created", "account.password_reset", "account.password_changed"]


def test_signing_out_is_allowed_with_a_temporary_password(personas: dict[str, Any]) -> None:
    User.objects.filter(username="harriet").update(must_change_password=True)
    harriet = _sign_in("harriet", DEMO_PASSWORD)
    assert harriet.get("/returns/")["Location"] == "/account/password/"
    harriet.post("/account/sign-out/")
    assert "_auth_user_id" not in harriet.session


def test_the_national_team_resets_a_password_to_a_temporary_one(
    privileged_login: Any, login: Any, personas: dict[str, Any]
) -> None:
    harriet = personas["harriet"]
    nadia = privileged_login("nadia")
    confirm = nadia.get(f"/account/users/{harriet.pk}/password/reset/")
    assert "Give Harriet" in confirm.content.decode()
    refused = nadia.post(f"/account/users/{harriet.pk}/password/reset/", {"password": "short"})
    assert "Error:" in refused.content.decode() and "This password is too short" in refused.content.decode()
    nadia.post(f"/account/users/{harriet.pk}/password/reset/", {"password": TEMPORARY})
    harriet.refresh_from_db()
    assert harriet.check_password(TEMPORARY) and harriet.must_change_password
    assert _verbs(harriet) == ["account.password_reset"]
    assert _sign_in("harriet", TEMPORARY).get("/returns/")["Location"] == "/account/password/"


def test_the_national_team_unlocks_a_locked_account(
    privileged_login: Any, client: Any, login: Any, personas: dict[str, Any]
) -> None:
    for _ in range(5):
        client.post("/account/sign-in/", {"username": "harriet", "password": "wrong"})
    assert (
        client.post("/account/sign-in/", {"username": "harriet", "password": DEMO_PASSWORD}).status_code
        == 429
    )
    harriet = personas["harriet"]
    nadia = privileged_login("nadia")
    assert "Unlock Harriet" in nadia.get(f"/account/users/{harriet.pk}/unlock/").content.decode()
    assert (
        Client().post("/account/sign-in/", {"username": "harriet", "password": DEMO_PASSWORD}).status_code
        == 429
    )
    nadia.post(f"/account/users/{harriet.pk}/unlock/")
    assert (
        Client().post("/account/sign-in/", {"username": "harriet", "password": DEMO_PASSWORD}).status_code
        == 302
    )
    assert _verbs(harriet) == ["account.unlocked"]


def test_the_national_team_resets_two_factor(
    privileged_login: Any, login: Any, personas: dict[str, Any]
) -> None:
    rachel = personas["rachel"]
    TOTPDevice.objects.create(user=rachel, name="phone", confirmed=True)
    nadia = privileged_login("nadia")
    assert (
        "has an authenticator app set up"
        in nadia.get(f"/account/users/{rachel.pk}/two-factor/reset/").content.decode()
    )
    assert TOTPDevice.objects.filter(user=rachel).count() == 1
    nadia.post(f"/account/users/{rachel.pk}/two-factor/reset/")
    assert not TOTPDevice.objects.filter(user=rachel).exists()
    assert _verbs(rachel) == ["account.two_factor_reset"]
    assert "Set up your authenticator app" in login("rachel").get("/account/two-factor/").content.decode()


def test_a_throttled_code_says_why_and_how_long_to_wait(
    login: Any, personas: dict[str, Any], settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the first wrong code makes the next wait a minute
    device = TOTPDevice.objects.create(user=personas["rachel"], name="phone", confirmed=True)
    rachel = login("rachel")
    wrong = rachel.post("/account/two-factor/", {"code": "000000"}).content.decode()
    assert "The code is not right" in wrong
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    right = rachel.post("/account/two-factor/", {"code": f"{totp.token():06d}"}).content.decode()
    assert "Too many wrong codes. Wait 60 seconds, then enter the newest code" in right
    assert "The code is not right" not in right
