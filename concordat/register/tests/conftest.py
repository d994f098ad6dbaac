"""Register fixtures: register personas signed in *and* verified with two-factor authentication."""

from collections.abc import Callable
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def verified_login(client: Any, personas: dict[str, Any]) -> Callable[[str], Any]:
    """Sign a persona in and mark the session OTP-verified (as tests/test_url_access.py does)."""

    def _login(username: str) -> Any:
        user = personas[username]
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return _login
