from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.local import Local
from django.tasks import task_backends


def _forget_task_backends() -> None:
    # django.tasks caches its backends and does not listen for a changed TASKS setting.
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)  # type: ignore[attr-defined]  # its cache


@pytest.fixture
def immediate_tasks(settings: Any) -> Iterator[None]:
    """Tasks run as soon as they are enqueued (Django's ImmediateBackend)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _forget_task_backends()
    yield
    _forget_task_backends()


@pytest.fixture
def database_tasks(settings: Any) -> Iterator[None]:
    """Tasks wait in the database for the worker (django_tasks_db), as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _forget_task_backends()
    yield
    _forget_task_backends()
