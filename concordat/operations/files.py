"""Sweeping orphan files: uploaded files no database row refers to.

A file is written to storage inside the action that records it, before the transaction commits; if the process
is killed (or the transaction fails) in between, the row is gone and the file stays. ``concordat sweep-files``
finds such files by comparing storage with every ``FileField`` of every model, and deletes them once they are
older than a grace period (so a file whose transaction is still open is never touched).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import Storage, storages
from django.db import models

from concordat.audit.actions import record


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}{sub}/")


def referenced_names() -> set[str]:
    """Every file name a row refers to, in any model's file field."""
    names: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names.update(model._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True))
    return names


@dataclass
class Sweep:
    orphans: list[str] = field(default_factory=list)  # unreferenced and older than the grace period
    too_recent: int = 0  # unreferenced but perhaps still being written
    referenced: int = 0


def sweep_files(*, now: datetime.datetime, grace: datetime.timedelta, delete: bool) -> Sweep:
    storage = storages["default"]
    referenced = referenced_names()
    found = Sweep()
    for name in _walk(storage):
        if name in referenced:
            found.referenced += 1
        elif storage.get_modified_time(name) > now - grace:
            found.too_recent += 1
        else:
            found.orphans.append(name)
    if delete and found.orphans:
        for name in found.orphans:
            storage.delete(name)
        record(None, "files.swept", None, data={"deleted": found.orphans[:1000], "count": len(found.orphans)})
    return found
