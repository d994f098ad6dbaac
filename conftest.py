"""Shared fixtures: reference data, personas, the stocktake round, and a client that checks every page."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from concordat.audit import erasure as audit_erasure
from tests.page_contract import contract_problems

pytest_plugins = ["tests.browser", "tests.concurrency", "pytester"]

# pytest-django empties the database after transactional tests: the audit trail's guards let only this
# through (concordat/audit/erasure.py).
audit_erasure.ALLOWED = True


class ContractClient(Client):
    """A Django test client that fails the test if any HTML page breaks the page contract."""

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if (
            content_type.startswith("text/html")
            and not getattr(response, "streaming", False)
            and response.status_code in (200, 400, 403, 404, 422)
        ):
            problems = contract_problems(response.content.decode())
            assert not problems, f"{request.get('PATH_INFO')}: {problems}"
        return response


@pytest.fixture
def client() -> ContractClient:
    return ContractClient()


@pytest.fixture(autouse=True)
def _private_file_storage(settings: Any, tmp_path: Any) -> None:
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "files")},
    }
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = storages


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counts (concordat/api/throttling.py) live in the cache: each test starts with none; and
    frozen questionnaires are held per process (questionnaires/structure.py) by ids a test database reuses."""
    from django.core.cache import cache

    from concordat.questionnaires.structure import forget

    cache.clear()
    forget()


@pytest.fixture
def reference(db: None) -> None:
    """The 152 areas and the June 2013 stocktake questionnaire."""
    from concordat.areas.reference import load_areas
    from concordat.questionnaires.definitions import load_questionnaire_file

    load_areas()
    load_questionnaire_file("stocktake-2013")


@pytest.fixture
def personas(reference: None) -> dict[str, Any]:
    from concordat.accounts.personas import create_personas

    return create_personas()


@pytest.fixture
def stocktake(personas: dict[str, Any]) -> Any:
    """The June 2013 stocktake round, open."""
    from concordat.returns.demo import ensure_stocktake_round

    return ensure_stocktake_round(personas["nadia"])


@pytest.fixture
def login(client: ContractClient, personas: dict[str, Any]) -> Callable[[str], ContractClient]:
    def _login(username: str) -> ContractClient:
        client.force_login(personas[username])
        return client

    return _login


@pytest.fixture
def privileged_login(client: ContractClient, personas: dict[str, Any]) -> Callable[[str], ContractClient]:
    """Sign a persona in on a session verified with two-factor just now: what managing accounts and roles
    needs (the ``privileged`` rule in accounts/decorators.py)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from concordat.accounts import two_factor

    def _login(username: str) -> ContractClient:
        user = personas[username]
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session[two_factor.VERIFIED_AT] = two_factor.now()
        session.save()
        return client

    return _login
