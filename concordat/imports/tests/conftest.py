"""Shared fixtures for the reading tests: the Harrow seed, its hand-labelled reading, generated files.

None of these need Django. LibreOffice runs once per session (it is slow); files live in pytest's tmp dirs.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from asgiref.local import Local
from django.tasks import task_backends

from concordat.imports.reading import (
    DEFAULT_QUESTIONNAIRE,
    Questionnaire,
    Reading,
    load_questionnaire,
    read_document,
)
from concordat.seeds import HARROW_EXPECTED, HARROW_RETURN
from concordat.synthetic.documents import return_html, soffice_convert, write_docx, write_pdf_form
from tests.seeds import require

ROOT = Path(__file__).resolve().parents[3]
SEED = HARROW_RETURN
EXPECTED = HARROW_EXPECTED
HAS_SOFFICE = shutil.which("soffice") is not None


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire(DEFAULT_QUESTIONNAIRE)


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return require(SEED).read_bytes()


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    labelled: dict[str, Any] = json.loads(require(EXPECTED).read_text(encoding="utf-8"))
    return labelled


@pytest.fixture(scope="session")
def text_reading(seed_bytes: bytes, questionnaire: Questionnaire) -> Reading:
    return read_document(seed_bytes, "harrow.txt", questionnaire)


@pytest.fixture(scope="session")
def generated(
    tmp_path_factory: pytest.TempPathFactory, text_reading: Reading, questionnaire: Questionnaire
) -> dict[str, Path]:
    """The Harrow return re-created in every format from the seed's reading (checked against the fixture)."""
    out = tmp_path_factory.mktemp("generated")
    files = {
        "docx-checkbox": write_docx(text_reading, questionnaire, out / "checkbox.docx", checkboxes=True),
        "docx-ticks": write_docx(text_reading, questionnaire, out / "ticks.docx", checkboxes=False),
        "pdf-form": write_pdf_form(text_reading, questionnaire, out / "form.pdf"),
    }
    if not HAS_SOFFICE:
        return files
    page = out / "harrow.html"
    page.write_text(return_html(text_reading, questionnaire), encoding="utf-8")
    writer = out / "writer"
    (odt,) = soffice_convert([page], "odt", writer, infilter="HTML (StarWriter)")
    (docx,) = soffice_convert([odt], "docx", writer)
    (pdf,) = soffice_convert([odt], "pdf", writer)
    (doc,) = soffice_convert([odt], "doc", writer)
    calc = out / "calc"
    (ods,) = soffice_convert([page], "ods", calc, infilter="HTML (StarCalc)")
    (xlsx,) = soffice_convert([ods], "xlsx", calc)
    files.update({"odt": odt, "docx": docx, "pdf": pdf, "doc": doc, "ods": ods, "xlsx": xlsx})
    return files


PURE_TEST_MODULES = "test_reading_"


@pytest.fixture(autouse=True)
def _private_file_storage(request: pytest.FixtureRequest) -> None:
    """The reading tests (``test_reading_*``) touch no storage or database: for them this overrides the
    project's autouse Django fixture, so they also run with `-p no:django`. Every other test here gets the
    project's private file storage in a temporary folder, as the root fixture gives."""
    if request.module.__name__.rsplit(".", 1)[-1].startswith(PURE_TEST_MODULES):
        return
    settings = request.getfixturevalue("settings")
    tmp_path = request.getfixturevalue("tmp_path")
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "files")},
    }
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = storages
    # An upload is read by a task: here it runs as soon as it is enqueued (the reading still in its child).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _forget_task_backends()
    request.addfinalizer(_forget_task_backends)


def _forget_task_backends() -> None:
    # django.tasks caches its backends and does not listen for a changed TASKS setting.
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)  # type: ignore[attr-defined]  # its cache


@pytest.fixture(scope="session")
def printed_and_scanned(
    tmp_path_factory: pytest.TempPathFactory, questionnaire: Questionnaire
) -> tuple[Path, Path]:
    """The filled synthetic return printed to PDF, and that PDF scanned (no text layer): ``scan.py``."""
    from .scan import print_and_scan

    return print_and_scan(tmp_path_factory.mktemp("scan"), questionnaire)


@pytest.fixture(scope="session")
def harrow_docx(
    tmp_path_factory: pytest.TempPathFactory, text_reading: Reading, questionnaire: Questionnaire
) -> Path:
    """Harrow's return as a Word file, with the answer to 2.3 cut to a few words, so it needs checking."""
    questions = dict(text_reading.questions)
    questions["2.3"] = replace(questions["2.3"], evidence="See minutes.")
    path = tmp_path_factory.mktemp("harrow") / "harrow-stocktake.docx"
    return write_docx(replace(text_reading, questions=questions), questionnaire, path, checkboxes=True)


@pytest.fixture(scope="session")
def plain_docx(
    tmp_path_factory: pytest.TempPathFactory, text_reading: Reading, questionnaire: Questionnaire
) -> Path:
    """Harrow's return as a Word file, every answer read confidently."""
    return write_docx(text_reading, questionnaire, tmp_path_factory.mktemp("plain") / "return.docx")
