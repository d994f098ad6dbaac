"""The form offline from an area's draft: ``concordat export-return`` and the download beside the upload.

A draft with several paragraphs, ticks with descriptions, an attached document, blanks and who completed it
is exported in each format and read back with the reader; every field is compared with what was typed,
written out here by hand."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from concordat.areas.models import Area
from concordat.imports.reading import read_document
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.models import Return
from concordat.returns.tests.builders import submitted_return
from concordat.returns.uploads import check_upload

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
FORMATS = ("docx", "odt", "xlsx")


def _docx(name: str) -> Any:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return check_upload(SimpleUploadedFile(name, buffer.getvalue()))


@pytest.fixture
def harrow_draft(stocktake: Any, personas: dict[str, Any]) -> Return:
    harriet = personas["harriet"]
    questions = {q.number: q for q in Question.objects.filter(questionnaire=stocktake.questionnaire)}
    answers: dict[Question, dict[str, Any]] = {
        questions["1.1"]: {
            "status": "partial",
            "evidence": "A joint group meets monthly.\r\nIt reports to the board; minutes are kept.",
            "good_practice": True,
            "good_practice_description": "A joint review panel.\nChaired by the CCG.",
            "support_required": True,
            "support_description": "Help with pooled budgets.",
        },
        questions["1.2"]: {"status": "yes", "evidence": "Yes. Agreed in May 2013."},
        questions["2.2"]: {
            "status": "na",
            "evidence": "Not applicable here.",
            "good_practice": True,
            "good_practice_description": "Terms of reference agreed by all partners.",
        },
    }
    ret = actions.save_answers(
        Return(round=stocktake, area=Area.objects.get(ons_code=HARROW)),
        answers,
        revisions={},
        acting_user=harriet,
    )
    actions.add_attachment(ret, questions["2.2"], _docx("Terms of reference.docx"), acting_user=harriet)
    return actions.save_completed_by(
        ret,
        {"name": "Harriet Example", "organisation": "London Borough of Harrow", "contact": "020 8863 5611"},
        revision=ret.details_revision,
        acting_user=harriet,
    )


def _export(tmp_path: Path, *args: str) -> tuple[Path, str]:
    output = tmp_path / "form.out"
    out = io.StringIO()
    call_command("export_return", "--round", "stocktake-2013", "--output", str(output), *args, stdout=out)
    return output, out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_exported_draft_reads_back_with_every_field_as_typed(
    fmt: str, harrow_draft: Return, tmp_path: Path
) -> None:
    output, said = _export(tmp_path, "--area", HARROW, "--format", fmt)
    assert said.startswith("Wrote the form with Harrow's draft for stocktake-2013")
    reading = read_document(output.read_bytes(), f"harrow.{fmt}")
    q = reading.questions
    assert (q["1.1"].status, q["1.1"].evidence) == (
        "partial",
        "A joint group meets monthly.\nIt reports to the board; minutes are kept.",
    )
    assert (q["1.1"].good_practice, q["1.1"].good_practice_description) == (
        True,
        "A joint review panel.\nChaired by the CCG.",
    )
    assert (q["1.1"].support_required, q["1.1"].support_description) == (True, "Help with pooled budgets.")
    assert (q["1.2"].status, q["1.2"].evidence, q["1.2"].good_practice) == (
        "yes",
        "Yes. Agreed in May 2013.",
        False,
    )
    assert (q["2.2"].status, q["2.2"].good_practice, q["2.2"].attachments) == (
        "na",
        True,
        ["Terms of reference.docx"],
    )
    assert q["2.2"].good_practice_description == "Terms of reference agreed by all partners."
    assert (q["1.3"].status, q["1.3"].evidence, q["1.3"].support_required) == ("blank", "", False)
    assert reading.completed_by == {
        "name": "Harriet Example",
        "organisation": "London Borough of Harrow",
        "contact": "020 8863 5611",
    }
    assert not any(s.signed for s in reading.signatures.values())  # a draft is not signed
    assert len(reading.to_complete) == 58


def test_the_blank_form_has_none_of_the_draft(harrow_draft: Return, tmp_path: Path) -> None:
    output, said = _export(tmp_path, "--area", HARROW, "--format", "docx", "--blank")
    assert said.startswith("Wrote the blank form for stocktake-2013")
    reading = read_document(output.read_bytes(), "blank.docx")
    assert len(reading.to_complete) == 61 and reading.completed_by["name"] == ""


def test_a_submitted_draft_carries_the_signatures_its_version_has(
    stocktake: Any, personas: dict[str, Any], tmp_path: Path
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    actions.sign_version(version, "hwb_chair", seen_hash=version.content_hash, acting_user=personas["hugh"])
    output, _ = _export(tmp_path, "--area", HARROW, "--format", "odt")
    signatures = read_document(output.read_bytes(), "signed.odt").signatures
    assert (signatures["hwb_chair"].name, signatures["hwb_chair"].signed) == ("Hugh Ellis", True)
    assert not signatures["chief_executive"].signed and not signatures["ccg"].signed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--area", HARROW, "--format", "pdf"), "There is no form in the format 'pdf'. Choose one of: docx"),
        (("--area", "E99999999", "--format", "docx"), "There is no area with the ONS code 'E99999999'."),
    ],
)
def test_an_unknown_area_or_format_is_a_plain_error_and_writes_nothing(
    args: tuple[str, ...], message: str, stocktake: Any, tmp_path: Path
) -> None:
    with pytest.raises(CommandError) as err:
        _export(tmp_path, *args)
    assert str(err.value).startswith(message)
    assert not (tmp_path / "form.out").exists()


def test_an_unknown_round_is_a_plain_error(stocktake: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as err:
        call_command(
            "export_return",
            "--round",
            "stocktake-1999",
            "--area",
            HARROW,
            "--format",
            "xlsx",
            "--output",
            str(tmp_path / "x.xlsx"),
        )
    assert str(err.value) == "There is no round called 'stocktake-1999'."
    assert not (tmp_path / "x.xlsx").exists()


def test_the_command_exits_non_zero_with_the_error_on_stderr(stocktake: Any, tmp_path: Path) -> None:
    from concordat.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "concordat",
                "export-return",
                "--round",
                "nope",
                "--area",
                HARROW,
                "--format",
                "docx",
                "--output",
                str(tmp_path / "x.docx"),
            ]
        )
    assert exit_.value.code == 1


def test_an_editor_downloads_the_form_with_the_draft_from_the_upload_page(
    harrow_draft: Return, login: Any
) -> None:
    client = login("harriet")
    page = client.get(f"/imports/rounds/stocktake-2013/areas/{HARROW}/upload/")
    assert page.status_code == 200
    link = f"/imports/rounds/stocktake-2013/areas/{HARROW}/form/?format=xlsx"
    assert link.encode() in page.content
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="stocktake-2013-{HARROW}-draft.xlsx"'
    reading = read_document(response.content, "draft.xlsx")
    assert reading.questions["1.2"].evidence == "Yes. Agreed in May 2013."
    blank = client.get(f"/imports/rounds/stocktake-2013/areas/{HARROW}/form/?format=odt&blank=1")
    assert len(read_document(blank.content, "blank.odt").to_complete) == 61


def test_an_unknown_format_is_not_found_and_another_area_is_refused(harrow_draft: Return, login: Any) -> None:
    assert (
        login("harriet").get(f"/imports/rounds/stocktake-2013/areas/{HARROW}/form/?format=pdf").status_code
        == 404
    )
    leeds_editor = login("leo")
    assert leeds_editor.get(
        f"/imports/rounds/stocktake-2013/areas/{HARROW}/form/?format=docx"
    ).status_code in (403, 404)
