"""Tokens: who may use which, for how long; the rate limit; hostile bodies; the OpenAPI document."""

import datetime
from typing import Any

import pytest
from django.urls import URLPattern
from django.utils import timezone
from openapi_spec_validator import validate

from concordat.accounts import actions
from concordat.accounts.models import ApiToken
from concordat.api.tests.helpers import ApiClient, make_token
from concordat.api.urls import urlpatterns
from concordat.returns.models import Answer


@pytest.mark.django_db
def test_no_token_a_wrong_token_a_revoked_and_an_expired_token_get_401(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    url = "/api/v1/areas"
    assert ApiClient().call("get", url).status_code == 401
    assert ApiClient("cnc_not-a-real-token").call("get", url).status_code == 401
    raw = make_token(personas["harriet"])
    assert ApiClient(raw).call("get", url).status_code == 200
    token = ApiToken.objects.get(user=personas["harriet"])
    actions.revoke_api_token(token, acting_user=personas["harriet"], now=timezone.now())
    response = ApiClient(raw).call("get", url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    expired = make_token(personas["harriet"], days=1)
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert ApiClient(expired).call("get", url).status_code == 401


@pytest.mark.django_db
def test_a_session_cookie_is_not_a_token(stocktake: Any, personas: dict[str, Any]) -> None:
    client = ApiClient()
    client.force_login(personas["harriet"])
    assert client.call("get", f"/api/v1/rounds/{stocktake.slug}/returns/E09000015").status_code == 401


@pytest.mark.django_db
def test_only_the_token_value_is_never_stored(personas: dict[str, Any]) -> None:
    raw = make_token(personas["harriet"])
    token = ApiToken.objects.get()
    assert raw not in (token.key_hash, token.prefix)
    assert len(raw) > 40 and token.key_hash != raw


@pytest.mark.django_db
def test_register_scope_needs_a_two_factor_session_and_a_register_role(personas: dict[str, Any]) -> None:
    now = timezone.now()
    kwargs: dict[str, Any] = {"name": "x", "scope": "read", "register": True, "days": 5, "now": now}
    with pytest.raises(PermissionError):
        actions.create_api_token(personas["rachel"], verified=False, **kwargs)
    with pytest.raises(PermissionError):
        actions.create_api_token(personas["harriet"], verified=True, **kwargs)
    token, _ = actions.create_api_token(personas["rachel"], verified=True, **kwargs)
    assert token.register


@pytest.mark.django_db
def test_over_the_rate_limit_gets_429_with_retry_after(
    stocktake: Any, personas: dict[str, Any], settings: Any
) -> None:
    settings.API_RATE_LIMIT = "3/m"
    client = ApiClient(make_token(personas["harriet"]))
    other = ApiClient(make_token(personas["leo"]))
    statuses = [client.call("get", "/api/v1/regions").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.call("get", "/api/v1/regions")
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert other.call("get", "/api/v1/regions").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2, 3]", 422),
        (b'{"completed_by": {}, "answers": {"1.1": {"status": "yes", "extra": 1}}}', 422),
        (b'{"completed_by": {}, "answers": {"1.1": {"good_practice": "maybe"}}}', 422),
        (b'{"completed_by": {"name": "' + b"x" * 201 + b'"}, "answers": {}}', 422),
    ],
)
def test_hostile_bodies_get_a_clear_4xx_and_write_nothing(
    stocktake: Any, personas: dict[str, Any], body: bytes, status: int
) -> None:
    client = ApiClient(make_token(personas["harriet"]))
    response = client.generic(
        "PUT",
        f"/api/v1/rounds/{stocktake.slug}/returns/E09000015",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {client.token}",
    )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_an_oversized_body_gets_413(stocktake: Any, personas: dict[str, Any], settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = ApiClient(make_token(personas["harriet"]))
    body = {"completed_by": {}, "answers": {"1.1": {"evidence": "x" * 2000}}}
    response = client.call("put", f"/api/v1/rounds/{stocktake.slug}/returns/E09000015", body)
    assert response.status_code == 413
    assert not Answer.objects.exists()


def test_the_openapi_document_is_valid_openapi_3_1_and_lists_every_route(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    documented = set(document["paths"])
    routes = {
        "/api/v1/" + str(p.pattern).replace("<int:", "{").replace("<", "{").replace(">", "}")
        for p in urlpatterns
        if isinstance(p, URLPattern) and p.name not in ("openapi-json", "api-root")
    }
    assert routes == documented
    assert "/api/v1/rounds/{round_slug}/returns/{ons_code}" in documented


@pytest.mark.django_db
def test_the_reference_page_lists_the_operations(client: Any) -> None:
    response = client.get("/api/v1/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "PUT</strong> <code>/api/v1/rounds/{round_slug}/returns/{ons_code}</code>" in text
