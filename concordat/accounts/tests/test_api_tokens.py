"""The account page where a person makes, sees and revokes their own API tokens."""

import re
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts.models import ApiToken
from concordat.accounts.tokens import hash_token
from concordat.audit.models import AuditEvent

URL = "/account/api-tokens/"


def _made_token(response: Any) -> str:
    found = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert found, "the new token is not on the page"
    return found.group(1)


@pytest.mark.django_db
def test_a_token_is_shown_once_and_kept_only_as_its_hash(login: Any, personas: dict[str, Any]) -> None:
    client = login("harriet")
    response = client.post(
        URL, {"action": "create", "name": "Returns script", "scope": "read_write", "days": "30"}
    )
    assert response.status_code == 200
    raw = _made_token(response)
    token = ApiToken.objects.get(user=personas["harriet"])
    assert token.key_hash == hash_token(raw) and token.scope == "read_write" and not token.register
    assert raw not in client.get(URL).content.decode()
    assert AuditEvent.objects.filter(verb="account.api_token_created").count() == 1


@pytest.mark.django_db
def test_revoking_a_token_stops_it_and_nobody_can_revoke_anothers(
    login: Any, personas: dict[str, Any]
) -> None:
    client = login("harriet")
    raw = _made_token(client.post(URL, {"action": "create", "name": "x", "scope": "read", "days": "5"}))
    token = ApiToken.objects.get()
    client.force_login(personas["leo"])
    assert client.post(URL, {"action": "revoke", "token": str(token.pk)}).status_code == 404
    client.force_login(personas["harriet"])
    assert client.post(URL, {"action": "revoke", "token": str(token.pk)}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = client.get("/api/v1/regions", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 401


@pytest.mark.django_db
def test_the_register_scope_is_offered_only_after_a_two_factor_sign_in(
    login: Any, personas: dict[str, Any]
) -> None:
    client = login("rachel")
    page = client.get(URL).content.decode()
    assert 'name="register"' not in page
    client.post(URL, {"action": "create", "name": "x", "scope": "read", "days": "5", "register": "on"})
    assert not ApiToken.objects.get().register
    device = TOTPDevice.objects.create(user=personas["rachel"], name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert 'name="register"' in client.get(URL).content.decode()
    client.post(URL, {"action": "create", "name": "y", "scope": "read", "days": "5", "register": "on"})
    assert ApiToken.objects.get(name="y").register


@pytest.mark.django_db
def test_a_bad_expiry_is_refused_with_a_message(login: Any) -> None:
    client = login("harriet")
    response = client.post(URL, {"action": "create", "name": "x", "scope": "read", "days": "400"})
    assert "A token can last at most 366 days" in response.content.decode()
    assert not ApiToken.objects.exists()
