"""Concordat's URLs plus a slow two-row write, so a test can kill the gunicorn worker in the middle of it.

Only the fault tests' server loads this (DJANGO_SETTINGS_MODULE=concordat.operations.tests.fault_settings).
"""

import os
import time
from pathlib import Path

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path

from concordat.accounts.decorators import public
from concordat.operations.models import TaskProbe
from concordat.urls import urlpatterns as concordat_urlpatterns


@public
def slow_write(request: HttpRequest, key: str) -> HttpResponse:
    with transaction.atomic():
        TaskProbe.objects.create(key=f"{key}-first")
        # Tells the test which process is half-way through the write.
        Path(os.environ["FAULT_MARKER_DIR"], key).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(min(float(request.GET.get("hold", "0")), 30.0))
        TaskProbe.objects.create(key=f"{key}-second")
    return HttpResponse("written")


urlpatterns = [*concordat_urlpatterns, path("_test/slow-write/<str:key>", slow_write, name="slow_write")]
