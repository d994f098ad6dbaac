"""The service refuses to run in production on the development keys.

``SECRET_KEY`` signs sessions and ``REGISTER_HASH_KEY`` pseudonymises NHS numbers: on the development
defaults, anyone who has read this repository could forge a session or reverse a person's pseudonym.
``concordat.wsgi`` calls :func:`refuse_unsafe_settings` before it serves a request, and
``concordat check --deploy`` reports the same problems as errors.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import ImproperlyConfigured


def unsafe_settings() -> list[str]:
    """What to set before this configuration may serve people, in plain English."""
    problems = []
    for name, development_value in settings.DEVELOPMENT_KEYS.items():
        value = getattr(settings, name, "")
        if not value or value == development_value:
            problems.append(
                f"Set {name} in the environment to a long random secret of your own "
                f"(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'); "
                f"it is {'missing' if not value else 'still the development key'}."
            )
    return problems


def refuse_unsafe_settings() -> None:
    if settings.DEBUG:
        return
    problems = unsafe_settings()
    if problems:
        raise ImproperlyConfigured(
            "Concordat will not start with DEBUG off on development keys.\n" + "\n".join(problems)
        )


@register(Tags.security, deploy=True)
def check_production_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [Error(problem, id="concordat.E001") for problem in unsafe_settings()]


@register(Tags.compatibility)
def check_worker_timing(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A worker is declared dead after WORKER_STALE_SECONDS without a heartbeat: allow a few missed beats."""
    if settings.WORKER_STALE_SECONDS < 3 * settings.WORKER_HEARTBEAT_SECONDS:
        return [
            CheckWarning(
                f"WORKER_STALE_SECONDS ({settings.WORKER_STALE_SECONDS:g}) is under three heartbeats "
                f"(WORKER_HEARTBEAT_SECONDS={settings.WORKER_HEARTBEAT_SECONDS:g}): a busy but live worker "
                "could be declared dead and its task run twice.",
                id="concordat.W002",
            )
        ]
    return []
