"""The form to fill offline reads back exactly (decision 0106): every answer, tick, description, document
name, completed-by and sign-off field, in Word, OpenDocument and Excel; a blank form reads as every question
still to complete. The expectations are written out by hand, never taken from the writer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from concordat.imports.exporting import UnknownFormat, write_form
from concordat.imports.reading import Questionnaire, Reading, read_document
from concordat.imports.reading.model import QuestionReading, Signature, Status

FORMATS = ("docx", "odt", "xlsx")
EVIDENCE_1_1 = "A joint group meets monthly; it reports to the board.\nThe plan is agreed.\n\nNext: pooling."


def _filled(questionnaire: Questionnaire) -> Reading:
    """What an area wrote: several paragraphs, ticks with and without words, documents, blanks."""
    questions = {n: QuestionReading(n) for n in questionnaire.numbers()}
    questions["1.1"] = QuestionReading(
        "1.1",
        status=Status.PARTIAL,
        evidence=EVIDENCE_1_1,
        good_practice=True,
        good_practice_description="Joint panel for every review; chaired by the CCG.\nMinutes are shared.",
        attachments=["Joint_Commissioning_Plan.pdf", "Care review audit 2013.docx"],
        support_required=True,
        support_description="Help with the data-sharing agreement.",
    )
    questions["1.2"] = QuestionReading("1.2", status=Status.YES, evidence="- Yes. Signed in May.\n- Filed.")
    questions["2.1"] = QuestionReading(
        "2.1", status=Status.NO, evidence="Not started.", support_required=True
    )
    questions["2.2"] = QuestionReading("2.2", status=Status.NA, good_practice=True)
    questions["3.1"] = QuestionReading("3.1", evidence="Words, but no answer chosen yet.")
    return Reading(
        questions=questions,
        completed_by={
            "name": "Harriet Example",
            "organisation": "London Borough of Harrow",
            "contact": "020 8863 5611, harriet@example.org",
        },
        signatures={
            "hwb_chair": Signature("hwb_chair", "Hugh Chairman", "Chair, Health and Wellbeing Board", True),
            "chief_executive": Signature("chief_executive", "Helen Exec", "", False),
            "ccg": Signature("ccg"),
        },
    )


# (status, evidence, good practice, description, attachments, support, support description), by hand.
EXPECTED = {
    "1.1": (
        "partial",
        "A joint group meets monthly; it reports to the board.\nThe plan is agreed.\n\nNext: pooling.",
        True,
        "Joint panel for every review; chaired by the CCG.\nMinutes are shared.",
        ["Joint_Commissioning_Plan.pdf", "Care review audit 2013.docx"],
        True,
        "Help with the data-sharing agreement.",
    ),
    "1.2": (
        "yes",
        "- Yes. Signed in May.\n- Filed.",
        False,
        "",
        [],
        False,
        "",
    ),  # a formula, to a spreadsheet
    "2.1": ("no", "Not started.", False, "", [], True, ""),
    "2.2": ("na", "", True, "", [], False, ""),
    "3.1": ("blank", "Words, but no answer chosen yet.", False, "", [], False, ""),
    "1.3": ("blank", "", False, "", [], False, ""),
}
EXPECTED_COMPLETED_BY = {
    "name": "Harriet Example",
    "organisation": "London Borough of Harrow",
    "contact": "020 8863 5611, harriet@example.org",
}
EXPECTED_SIGN_OFF = {
    "hwb_chair": ("Hugh Chairman", "Chair, Health and Wellbeing Board", True),
    "chief_executive": ("Helen Exec", "", False),
    "ccg": ("", "", False),
}


def fields(q: QuestionReading) -> tuple[object, ...]:
    return (
        str(q.status),
        q.evidence,
        q.good_practice,
        q.good_practice_description,
        q.attachments,
        q.support_required,
        q.support_description,
    )


def assert_reads_as_written(reading: Reading) -> None:
    for number, expected in EXPECTED.items():
        assert fields(reading.questions[number]) == expected, number
    assert reading.completed_by == EXPECTED_COMPLETED_BY
    assert {r: (s.name, s.title, s.signed) for r, s in reading.signatures.items()} == EXPECTED_SIGN_OFF
    # Every question was found; the ones left empty are listed to complete, and nothing else is.
    assert reading.found_count == 61
    assert "1.1" not in reading.to_complete and "3.1" not in reading.to_complete
    assert len(reading.to_complete) == 61 - 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_filled_form_reads_back_exactly(fmt: str, questionnaire: Questionnaire) -> None:
    data = write_form(questionnaire, fmt, _filled(questionnaire), heading="Harrow (E09000015)")
    reading = read_document(data, f"return.{fmt}", questionnaire)
    assert reading.source_format == fmt
    assert_reads_as_written(reading)
    assert not [w for w in reading.warnings if w.code in ("unmatched_text", "low_confidence")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_blank_form_is_a_partial_reading_with_every_question_to_complete(
    fmt: str, questionnaire: Questionnaire
) -> None:
    reading = read_document(write_form(questionnaire, fmt), f"blank.{fmt}", questionnaire)
    assert reading.to_complete == questionnaire.numbers()
    (partial,) = [w for w in reading.warnings if w.code == "partial_reading"]
    assert partial.message.startswith("0 of the 61 questions were found and read; the other 61 (1.1, 1.2")
    assert reading.completed_by == {"name": "", "organisation": "", "contact": ""}
    assert not any(s.signed or s.name for s in reading.signatures.values())


def test_the_word_form_ticks_are_checkbox_content_controls(questionnaire: Questionnaire) -> None:
    import io
    import zipfile

    data = write_form(questionnaire, "docx", _filled(questionnaire))
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # Two ticks a question (61 x 2) and one a signatory (3).
    assert body.count("<w14:checkbox>") == 61 * 2 + 3
    assert body.count('<w14:checked w14:val="1"/>') == 5  # 1.1 twice, 2.1, 2.2, the chair's signature


def test_the_opendocument_form_ticks_are_form_checkboxes(questionnaire: Questionnaire) -> None:
    import io
    import zipfile

    data = write_form(questionnaire, "odt", _filled(questionnaire))
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode()
    assert content.count("<form:checkbox ") == 61 * 2 + 3
    assert content.count('form:current-state="checked"') == 5


def test_the_excel_form_ticks_are_yes_no_lists(questionnaire: Questionnaire) -> None:
    import io

    import openpyxl

    data = write_form(questionnaire, "xlsx", _filled(questionnaire))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"Yes,No"' in lists and '"Yes,Partially,No,Not applicable,No answer"' in lists


def test_an_unknown_format_is_refused_in_words(questionnaire: Questionnaire) -> None:
    with pytest.raises(UnknownFormat) as err:
        write_form(questionnaire, "pdf")
    assert str(err.value) == "There is no form in the format 'pdf'. Choose one of: docx, odt, xlsx."


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ("odt", "docx"))
def test_the_form_saved_again_by_libreoffice_still_reads_back_exactly(
    fmt: str, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    """The controls are real: LibreOffice keeps them (and their state) when it saves the file again."""
    source = tmp_path / f"form.{fmt}"
    source.write_bytes(write_form(questionnaire, fmt, _filled(questionnaire)))
    target = {"odt": "odt:writer8", "docx": "docx:MS Word 2007 XML"}[fmt]
    out = tmp_path / "saved"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore"]
    subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    assert_reads_as_written(read_document(out / f"form.{fmt}", questionnaire=questionnaire))
