"""``concordat import-returns``: folders and zips, areas matched from content or file name, a summary."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from concordat.audit.models import AuditEvent
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.returns import actions as returns_actions
from concordat.returns.models import Answer, Return, ReturnState

from . import helpers
from .conftest import SEED

HARROW, LEEDS = "E09000015", "E08000035"


def _import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_returns", *args, "--round", "stocktake-2013", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path, plain_docx: Path) -> Path:
    """Harrow's return (area named in its text), and Leeds's (area only in the file name), plus junk."""
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "stocktake-return.txt").write_bytes(helpers.seed_text())
    leeds = helpers.seed_text().replace(b"London Borough of Harrow", b"The council").replace(b"Harrow", b"")
    (folder / "leeds_stocktake.txt").write_bytes(leeds)
    (folder / ".DS_Store").write_bytes(b"\x00junk")
    (folder / "__MACOSX").mkdir()
    (folder / "__MACOSX" / "._leeds_stocktake.txt").write_bytes(b"\x00junk")
    return folder


@pytest.mark.django_db
def test_a_folder_is_imported_matching_areas_by_content_and_file_name(stocktake: Any, folder: Path) -> None:
    out, err = _import(str(folder))
    assert "[#####     ] 1/2" in err and "[##########] 2/2" in err
    assert "stocktake-return.txt  Harrow  imported" in out
    assert "area name in the completed-by organisation" in out
    assert "leeds_stocktake.txt   Leeds   imported" in out and "area name in the file name" in out
    assert "2 files: 2 imported, 0 need review, 0 failed." in out
    harrow = Return.objects.get(round=stocktake, area__ons_code=HARROW)
    assert harrow.answers.count() == 60 and harrow.completed_by_name == "Amanda Dade"
    answer = harrow.answers.get(question__number="1.1")
    assert answer.source_name == "stocktake-return.txt"
    assert answer.confirmed_by is not None and answer.confirmed_by.username == "import-returns"
    assert Return.objects.get(round=stocktake, area__ons_code=LEEDS).answers.count() == 60
    assert (
        AuditEvent.objects.filter(verb="import.confirmed", actor_label="system (import-returns)").count() == 2
    )


@pytest.mark.django_db
def test_importing_again_changes_nothing(stocktake: Any, folder: Path) -> None:
    _import(str(folder))
    answers, events = Answer.objects.count(), AuditEvent.objects.count()
    out, _ = _import(str(folder))
    assert out.count("already imported (same file)") == 2
    assert (Answer.objects.count(), AuditEvent.objects.count()) == (answers, events)
    assert ImportedDocument.objects.count() == 2


@pytest.mark.django_db
def test_a_zip_is_unpacked_and_imported(stocktake: Any, tmp_path: Path, harrow_docx: Path) -> None:
    archive = tmp_path / "returns.zip"
    archive.write_bytes(
        helpers.zip_of(
            {
                "June returns/E08000035.txt": helpers.seed_text().replace(b"Harrow", b"Leeds"),
                "June returns/harrow.docx": harrow_docx.read_bytes(),
                "__MACOSX/June returns/._harrow.docx": b"junk",
            }
        )
    )
    out, _ = _import(str(archive))
    assert "E08000035.txt  Leeds   imported" in out
    assert "harrow.docx    Harrow  needs review  1 answer(s) to check (2.3)" in out
    document = ImportedDocument.objects.get(original_name="harrow.docx")
    assert document.state == DocumentState.READ  # waits for a person on the review page
    assert not Answer.objects.filter(ret=document.ret).exists()


@pytest.mark.django_db
def test_area_option_imports_every_file_into_that_area(stocktake: Any, tmp_path: Path) -> None:
    path = tmp_path / "return.txt"
    path.write_bytes(helpers.seed_text())
    out, _ = _import(str(path), "--area", LEEDS)
    assert "return.txt  Leeds  imported  matched by --area" in out


@pytest.mark.django_db
def test_failures_are_listed_with_reasons_and_the_exit_code_is_non_zero(
    stocktake: Any, tmp_path: Path
) -> None:
    (tmp_path / "harrow.docx").write_bytes(helpers.password_protected_docx())
    (tmp_path / "unknown.txt").write_bytes(helpers.seed_text().replace(b"Harrow", b"Somewhere"))
    (tmp_path / "leeds.txt").write_bytes(helpers.seed_text().replace(b"Harrow", b"Leeds"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_returns", str(tmp_path), "--round", "stocktake-2013", stdout=out, stderr=err)
    assert failed.value.returncode == 1
    table = out.getvalue()
    assert "harrow.docx" in table and "The file is password-protected" in table
    assert "unknown.txt" in table and "Could not tell which area" in table
    assert "leeds.txt" in table and "imported" in table
    assert ImportedDocument.objects.count() == 1


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("harrow.txt", b"0" * (5 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"../../etc/harrow.txt": b"x", "leeds.txt": b"y"}, "leads outside it"),
        ({"/tmp/harrow.txt": b"x"}, "leads outside it"),
    ],
)
def test_a_path_traversal_zip_is_refused_whole(
    stocktake: Any, tmp_path: Path, members: dict[str, bytes], reason: str
) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(helpers.zip_of(members))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_returns", str(archive), "--round", "stocktake-2013", stdout=out, stderr=io.StringIO()
        )
    assert reason in out.getvalue()
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_a_zip_bomb_is_refused(stocktake: Any, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(_bomb())
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_returns", str(archive), "--round", "stocktake-2013", stdout=out, stderr=io.StringIO()
        )
    assert "compressed suspiciously tightly" in out.getvalue()
    assert ImportedDocument.objects.count() == 0


@pytest.mark.django_db
def test_a_closed_round_is_refused_per_file(stocktake: Any, personas: dict[str, Any], folder: Path) -> None:
    returns_actions.close_round(stocktake, acting_user=personas["nadia"])
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_returns", str(folder), "--round", "stocktake-2013", stdout=out, stderr=io.StringIO()
        )
    assert out.getvalue().count("This round is not open") == 2
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_an_accepted_return_is_refused(stocktake: Any, tmp_path: Path) -> None:
    Return.objects.create(round=stocktake, area_id=_area_pk(HARROW), state=ReturnState.ACCEPTED)
    shutil.copy(SEED, tmp_path / "harrow.txt")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_returns", str(tmp_path), "--round", "stocktake-2013", stdout=out, stderr=io.StringIO()
        )
    assert "accepted and is locked" in out.getvalue()


def _area_pk(code: str) -> int:
    from concordat.areas.models import Area

    return Area.objects.get(ons_code=code).pk
