"""The Harrow return re-created as Word, Excel, OpenDocument and PDF files reads the same as its text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from concordat.imports.reading import Questionnaire, Reading, ReadingError, read_document

from .conftest import HAS_SOFFICE

needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")


def _squash(text: str) -> str:
    # PDF wrapping adds or drops spaces at line ends ('Assessment/ Placement'); compare without whitespace.
    return re.sub(r"\s+", "", text)


def assert_same_reading(got: Reading, want: Reading) -> None:
    assert got.found_count == want.found_count == 61
    for number, expected in want.questions.items():
        actual = got.questions[number]
        assert _squash(actual.evidence) == _squash(expected.evidence), number
        for field in (
            "status",
            "good_practice",
            "support_required",
            "attachments",
            "good_practice_description",
            "needs_review",
        ):
            assert getattr(actual, field) == getattr(expected, field), (number, field)
    assert got.completed_by == want.completed_by
    assert {r: s.to_json_dict() for r, s in got.signatures.items()} == {
        r: s.to_json_dict() for r, s in want.signatures.items()
    }


def test_docx_with_word_checkbox_content_controls(
    generated: dict[str, Path], text_reading: Reading, questionnaire: Questionnaire
) -> None:
    reading = read_document(generated["docx-checkbox"], questionnaire=questionnaire)
    assert reading.source_format == "docx"
    assert_same_reading(reading, text_reading)


def test_docx_with_tick_characters(
    generated: dict[str, Path], text_reading: Reading, questionnaire: Questionnaire
) -> None:
    assert_same_reading(read_document(generated["docx-ticks"], questionnaire=questionnaire), text_reading)


def test_fillable_pdf_form_fields(
    generated: dict[str, Path], text_reading: Reading, questionnaire: Questionnaire
) -> None:
    reading = read_document(generated["pdf-form"], questionnaire=questionnaire)
    assert reading.source_format == "pdf"
    assert_same_reading(reading, text_reading)


@needs_soffice
@pytest.mark.parametrize("kind", ["docx", "odt", "pdf", "ods", "xlsx"])
def test_file_written_by_libreoffice_reads_like_the_text(
    kind: str, generated: dict[str, Path], text_reading: Reading, questionnaire: Questionnaire
) -> None:
    path = generated[kind]
    reading = read_document(path.read_bytes(), path.name, questionnaire)
    assert reading.source_format == kind
    assert_same_reading(reading, text_reading)


@needs_soffice
def test_legacy_doc_is_converted_through_libreoffice(
    generated: dict[str, Path], text_reading: Reading, questionnaire: Questionnaire
) -> None:
    assert_same_reading(read_document(generated["doc"], questionnaire=questionnaire), text_reading)


def test_legacy_doc_without_libreoffice_says_how_to_convert(
    monkeypatch: pytest.MonkeyPatch, questionnaire: Questionnaire
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # the shutil module legacy.py calls
    fake_doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600
    with pytest.raises(ReadingError) as err:
        read_document(fake_doc, "harrow.doc", questionnaire)
    assert err.value.code == "legacy_format"
    assert "Save As" in err.value.message and ".docx" in err.value.message


def test_the_library_has_no_django_imports() -> None:
    import concordat.imports.reading as reading

    for module in Path(reading.__file__).parent.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, module


def test_word_table_with_a_number_column_and_repeated_heading_rows(
    tmp_path: Path, text_reading: Reading, questionnaire: Questionnaire
) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=5)
    heading = ["1.", "Models of partnership", *questionnaire.column_headings]
    for question in questionnaire.questions:
        q = text_reading.questions[question.number]
        if question.number.endswith(".1"):
            section = question.section
            table.add_row()
            cells = table.rows[-1].cells
            cells[0].text = f"{section}. {questionnaire.section_titles[int(section) - 1]}"
        first, _, rest = q.evidence.partition(". ")
        cells = table.add_row().cells
        cells[0].text, cells[1].text = question.number, question.text
        cells[2].text = f"{first}." if rest else q.evidence
        cells[3].text = "; ".join(["X", *q.attachments]) if q.good_practice else ""
        cells[4].text = "X" if q.support_required else ""
        if rest:  # a page break: the heading row repeats, then the answer carries on
            repeated = table.add_row().cells
            repeated[0].text = f"{heading[0]} {heading[1]}"
            for cell, text in zip(repeated[2:], heading[2:], strict=True):
                cell.text = text
            table.add_row().cells[2].text = rest
    document.save(str(tmp_path / "numbered.docx"))
    reading = read_document(tmp_path / "numbered.docx", questionnaire=questionnaire)
    assert reading.found_count == 61
    for number, want in text_reading.questions.items():
        got = reading.questions[number]
        assert _squash(got.evidence) == _squash(want.evidence), number
        assert (got.status, got.good_practice, got.support_required, got.attachments) == (
            want.status,
            want.good_practice,
            want.support_required,
            want.attachments,
        ), number
