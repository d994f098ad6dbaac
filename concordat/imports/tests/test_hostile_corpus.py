"""The hostile-document corpus (hostile/make_corpus.py) through the web upload and through import-returns.

Every file must end with a plain-English reason, within the time limit and under the memory limit (the
child's peak resident memory, read from /proc), with no server error and nothing written. The limits are the
corpus's low ones (``HOSTILE_LIMITS``), so each file trips its limit quickly.
"""

from __future__ import annotations

import io
import re
import resource
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from concordat.imports.models import DocumentUpload, ImportedDocument, UploadState
from concordat.imports.reading import DEFAULT_QUESTIONNAIRE, Limits, ReadingError, load_questionnaire
from concordat.imports.sandbox import DocumentReader, shared_reader
from concordat.imports.tests.hostile.make_corpus import HOSTILE_LIMITS, build
from concordat.returns.models import Answer, Return

from . import helpers

HARROW, LEEDS = "E09000015", "E08000035"
UPLOAD = reverse("imports:upload", args=["stocktake-2013", HARROW])
SLACK_SECONDS = 3.0  # killing the child and reporting it
TECHNICAL = re.compile(
    r"Traceback|Exception|Error\b|errno|lxml|pdfminer|openpyxl|zipfile|0x[0-9a-f]{4}|/etc/"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def hostile_limits(settings: Any) -> Limits:
    settings.DOCUMENT_LIMITS = HOSTILE_LIMITS
    return Limits.from_dict(HOSTILE_LIMITS)


def _plain_english(message: str) -> bool:
    return len(message) > 30 and message.rstrip().endswith(".") and not TECHNICAL.search(message)


def _row_counts() -> tuple[int, int, int]:
    return ImportedDocument.objects.count(), Answer.objects.count(), Return.objects.count()


def test_the_corpus_has_at_least_forty_files_of_every_kind(corpus: dict[str, Path]) -> None:
    assert len(corpus) >= 40
    assert {p.suffix for p in corpus.values()} >= {".docx", ".odt", ".ods", ".xlsx", ".pdf", ".txt"}
    assert sum(p.stat().st_size for p in corpus.values()) < 8 * 1024 * 1024  # small files, big claims


@pytest.mark.django_db
def test_every_hostile_upload_ends_in_a_plain_reason_within_the_limits_and_writes_nothing(
    login: Callable[[str], Any], stocktake: Any, corpus: dict[str, Path], hostile_limits: Limits
) -> None:
    client = login("harriet")
    before = _row_counts()
    problems = []
    for name, path in corpus.items():
        uploads = DocumentUpload.objects.count()
        with path.open("rb") as fh:
            response = client.post(UPLOAD, {"document": fh})
        upload = DocumentUpload.objects.order_by("-pk").first()
        if DocumentUpload.objects.count() == uploads:  # refused before it was kept (an empty file)
            message = " ".join(str(e) for e in response.context["form"].errors["document"])
        else:
            assert upload is not None
            message = upload.message
            if upload.state != UploadState.FAILED:
                problems.append(f"{name}: {upload.state}")
            figures = shared_reader().last
            if figures.seconds > hostile_limits.seconds + SLACK_SECONDS:
                problems.append(f"{name}: took {figures.seconds:.1f} s")
            if figures.peak_rss_kb > hostile_limits.memory_mb * 1024:
                problems.append(f"{name}: peak {figures.peak_rss_kb} kB")
        if response.status_code != 200 or "govuk-error-summary" not in response.content.decode():
            problems.append(f"{name}: status {response.status_code}, no error summary")
        if not _plain_english(message):
            problems.append(f"{name}: not plain English: {message!r}")
    assert not problems, "\n".join(problems)
    assert _row_counts() == before


@pytest.mark.django_db
def test_import_returns_reports_every_hostile_file_and_imports_every_good_one(
    stocktake: Any, corpus: dict[str, Path], plain_docx: Path, tmp_path: Path, hostile_limits: Limits
) -> None:
    folder = tmp_path / "june"
    folder.mkdir()
    for name, path in corpus.items():
        shutil.copy(path, folder / name)
    shutil.copy(plain_docx, folder / "harrow.docx")
    (folder / "leeds.txt").write_bytes(helpers.seed_text().replace(b"Harrow", b"Leeds"))
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "import_returns", str(folder), "--round", "stocktake-2013", stdout=out, stderr=io.StringIO()
        )
    assert failed.value.returncode == 1
    lines = out.getvalue().splitlines()
    for name in corpus:
        (line,) = [line for line in lines if line.startswith(name + " ")]
        assert " failed " in line and _plain_english(line.split(" failed ", 1)[1].strip()), line
    assert f"{len(corpus) + 2} files: 2 imported, 0 need review, {len(corpus)} failed." in out.getvalue()
    assert sorted(ImportedDocument.objects.values_list("ret__area__ons_code", flat=True)) == sorted(
        [HARROW, LEEDS]
    )
    # The batch's child has ended: its peak resident memory is now the children's figure (kB on Linux).
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < hostile_limits.memory_mb * 1024


def test_a_good_return_still_reads_within_the_corpus_limits(plain_docx: Path) -> None:
    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    with DocumentReader(Limits.from_dict(HOSTILE_LIMITS)) as reader:
        reading = reader.read(plain_docx, plain_docx.name, q)
    assert reading.found_count == len(q.questions)


def test_a_document_still_reading_at_the_time_limit_is_stopped_and_says_so(corpus: dict[str, Path]) -> None:
    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    with DocumentReader(Limits(seconds=1, drawings_per_page=1_000_000)) as reader:
        with pytest.raises(ReadingError) as refused:
            reader.read(corpus["drawing-flood.pdf"], "drawing-flood.pdf", q)
        assert reader.last.seconds < 1 + SLACK_SECONDS
    assert refused.value.code == "too_slow"
    assert "took longer than 1 seconds, the limit" in refused.value.message


def test_a_document_needing_more_memory_than_the_limit_is_stopped_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"x\n" * 9_000_000)  # 18 MB: ten million one-letter rows need far more than 400 MB
    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    bounds = Limits(memory_mb=400, rows=100_000_000, characters=100_000_000)
    with DocumentReader(bounds) as reader:
        with pytest.raises(ReadingError) as refused:
            reader.read(path, "lines.txt", q)
        assert reader.last.peak_rss_kb <= 400 * 1024
    assert refused.value.code == "too_large"
    assert "needed more than 400 MB of memory, the limit" in refused.value.message
