"""An attachment whose transaction never committed leaves its file behind; `concordat sweep-files` finds it
(and
only it), deletes it with --delete after the grace period, and leaves files rows refer to."""

import datetime
import io
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concordat.audit.models import AuditEvent
from concordat.operations.tasks import daily_file_sweep, schedule_sweep
from concordat.returns import actions
from concordat.returns.models import Attachment, Return
from concordat.returns.tests.builders import filled_return
from concordat.returns.uploads import CheckedUpload

pytestmark = pytest.mark.django_db


class Killed(Exception):
    """The process dying between writing the file and committing."""


def _attach(ret: Return, editor: Any, data: bytes) -> Attachment:
    question = ret.round.questionnaire.questions.order_by("position").first()
    assert question is not None
    upload = CheckedUpload("plan.pdf", "application/pdf", len(data), f"{len(data):064x}", data)
    return actions.add_attachment(ret, question, upload, acting_user=editor)


def _sweep(*args: str) -> str:
    out = io.StringIO()
    call_command("sweep_files", *args, stdout=out)
    return out.getvalue()


def test_an_orphan_file_is_found_and_swept_and_a_file_in_use_is_kept(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = filled_return(stocktake, "E09000015", personas["harriet"])
    kept = _attach(ret, personas["harriet"], b"%PDF-1.4 kept")
    with pytest.raises(Killed), transaction.atomic():
        _attach(ret, personas["harriet"], b"%PDF-1.4 never committed!")
        raise Killed
    storage = storages["default"]
    orphan = f"{len(b'%PDF-1.4 never committed!'):064x}"
    names = {n for n in storage.listdir(str(kept.file.name).rsplit("/", 1)[0])[1]}
    assert any(orphan in n for n in names) and len(names) == 2

    assert "0 orphan files" in _sweep() and "1 unreferenced but younger than 24 hours" in _sweep()
    listed = _sweep("--grace-hours", "0")
    assert "1 orphan file (run with --delete" in listed and orphan in listed and "1 in use" in listed
    assert storage.exists(str(kept.file.name))

    deleted = _sweep("--grace-hours", "0", "--delete")
    assert "1 orphan file deleted" in deleted
    assert storage.exists(str(kept.file.name))
    assert len(storage.listdir(str(kept.file.name).rsplit("/", 1)[0])[1]) == 1
    swept = AuditEvent.objects.get(verb="files.swept")
    assert swept.data["count"] == 1 and orphan in swept.data["deleted"][0]


def test_every_worker_keeps_one_nightly_sweep_waiting_and_the_sweep_schedules_the_next() -> None:
    first = schedule_sweep(datetime.date(2026, 12, 2))
    assert first is not None
    assert timezone.localtime(first).isoformat() == "2026-12-03T03:00:00+00:00"
    assert schedule_sweep(datetime.date(2026, 12, 2)) is None  # a second worker starting adds none
    waiting = DBTaskResult.objects.filter(task_path=daily_file_sweep.module_path, status="READY")
    assert waiting.count() == 1

    waiting.delete()  # as the worker takes it
    assert daily_file_sweep.call() == 0  # nothing orphaned in a fresh store
    assert waiting.count() == 1  # and the next night's run is waiting
