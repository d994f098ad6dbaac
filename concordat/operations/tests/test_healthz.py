"""GET /healthz: JSON, public, sessionless; 200 only when the database, migrations and a worker are well."""

from datetime import timedelta
from typing import Any

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from concordat.operations.models import WorkerHeartbeat


def _heartbeat(age_seconds: float, **fields: Any) -> WorkerHeartbeat:
    seen = timezone.now() - timedelta(seconds=age_seconds)
    return WorkerHeartbeat.objects.create(
        worker_id=f"w{age_seconds}", hostname="h", pid=1, started_at=seen, last_seen_at=seen, **fields
    )


@pytest.mark.django_db
def test_healthz_is_503_until_a_worker_beats(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["heartbeat_age_seconds"] is None


@pytest.mark.django_db
def test_healthz_is_200_with_a_fresh_heartbeat_and_sets_no_cookie(client: Client) -> None:
    _heartbeat(1)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ok"
    assert response["Content-Type"] == "application/json"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_stale_or_stopped_heartbeat_is_not_a_live_worker(client: Client, settings: Any) -> None:
    settings.WORKER_STALE_SECONDS = 30
    _heartbeat(31)
    _heartbeat(2, stopped_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["heartbeat_age_seconds"] >= 31


@pytest.mark.django_db
def test_the_worker_check_can_be_switched_off(client: Client, settings: Any) -> None:
    settings.HEALTHZ_REQUIRE_WORKER = False
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_an_unapplied_migration_makes_the_service_unhealthy(client: Client) -> None:
    _heartbeat(1)
    MigrationRecorder.Migration.objects.filter(app="operations").delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"]["unapplied"] >= 1


@pytest.mark.django_db
def test_healthz_answers_only_get(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_https_redirect(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 503
    assert client.get("/").status_code == 301
