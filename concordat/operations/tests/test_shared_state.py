"""Several web servers can share one PostgreSQL database because all state that must be shared lives in it:
sessions, sign-in lockouts (django-axes), two-factor devices, and background tasks. Nothing relies on
Django's cache, which is per process by default; this test fails when something starts to."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CACHE_USE = re.compile(r"django\.core\.cache|cache_page|cached_db|django\.core\.cache\.backends")
# Caches that stay correct when each process keeps its own: a copy can be less often found, never wrong.
PER_PROCESS_IS_CORRECT = {
    # Keyed by a fingerprint of everything the report reads (decision 0801): a stale copy has no key.
    "analysis/report_cache.py",
}


def test_shared_state_lives_in_the_database() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    # django-axes fills in its default handler when it loads.
    assert getattr(settings, "AXES_HANDLER") == "axes.handlers.database.AxesDatabaseHandler"  # noqa: B009
    assert settings.TASKS["default"]["BACKEND"] in {
        "django_tasks_db.DatabaseBackend",
        "django.tasks.backends.immediate.ImmediateBackend",
    }


def test_no_code_relies_on_a_per_process_cache() -> None:
    users = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        and CACHE_USE.search(path.read_text(encoding="utf-8"))
        and str(path.relative_to(ROOT)) not in PER_PROCESS_IS_CORRECT
    ]
    assert users == [], (
        "These modules use Django's cache, which is per process unless CACHES points at a shared backend "
        "(e.g. django.core.cache.backends.db.DatabaseCache, with `createcachetable`): " + ", ".join(users)
    )
