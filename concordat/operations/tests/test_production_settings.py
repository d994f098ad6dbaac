"""With DEBUG off the service will not start on development keys, and the documented production settings
pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = ROOT / "docs" / "production.env"


def _environment(**overrides: str) -> dict[str, str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never would.
    unset = {"DEBUG", "SECRET_KEY", "REGISTER_HASH_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(overrides)
    return env


def _start_the_service(**overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import concordat.wsgi"],
        cwd=ROOT,
        env=_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_service_refuses_to_start_on_the_development_keys() -> None:
    result = _start_the_service()
    assert result.returncode != 0
    assert "Concordat will not start with DEBUG off on development keys." in result.stderr
    assert "Set SECRET_KEY in the environment" in result.stderr
    assert "Set REGISTER_HASH_KEY in the environment" in result.stderr


def test_the_service_names_only_the_key_still_missing() -> None:
    result = _start_the_service(SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "Set REGISTER_HASH_KEY in the environment" in result.stderr
    assert "Set SECRET_KEY" not in result.stderr


def test_the_service_starts_with_keys_of_its_own_or_in_debug() -> None:
    keys = {"SECRET_KEY": secrets.token_urlsafe(50), "REGISTER_HASH_KEY": secrets.token_urlsafe(50)}
    assert _start_the_service(**keys).returncode == 0
    assert _start_the_service(DEBUG="true").returncode == 0


def _documented_production_settings() -> dict[str, str]:
    values = {}
    for line in PRODUCTION_ENV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            # The two secrets are placeholders in the document: each deployment makes its own.
            values[name] = secrets.token_urlsafe(50) if value.startswith("<") else value
    return values


def test_the_documented_production_settings_pass_the_deployment_checks() -> None:
    settings = _documented_production_settings()
    assert {"SECRET_KEY", "REGISTER_HASH_KEY", "ALLOWED_HOSTS", "HTTPS"} <= set(settings)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_environment(**settings),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checks_report_the_development_keys() -> None:
    settings = _documented_production_settings()
    del settings["REGISTER_HASH_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=_environment(**settings),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "concordat.E001" in result.stderr and "REGISTER_HASH_KEY" in result.stderr
