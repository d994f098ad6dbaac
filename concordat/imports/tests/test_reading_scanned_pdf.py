"""A scanned return (a PDF of page images, no text layer) is read by OCR, flagged, and read like its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from concordat.imports.reading import Limits, Questionnaire, Reading, ReadingError, read_document
from concordat.returns.vocabulary import Status

from .filled_return import COMPLETED_BY, filled_reading
from .scan import needs_tools


@pytest.fixture(scope="module")
def scanned_reading(printed_and_scanned: tuple[Path, Path], questionnaire: Questionnaire) -> Reading:
    return read_document(printed_and_scanned[1], questionnaire=questionnaire)


@needs_tools
def test_the_scan_has_no_text_layer(printed_and_scanned: tuple[Path, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(printed_and_scanned[1]) as pdf:
        assert len(pdf.pages) >= 2
        assert all(not page.chars and page.images for page in pdf.pages)


@needs_tools
def test_a_scanned_return_is_read_with_its_statuses_ticks_and_sign_off(
    scanned_reading: Reading, questionnaire: Questionnaire
) -> None:
    want = filled_reading(questionnaire)
    assert scanned_reading.source_format == "pdf"
    assert scanned_reading.found_count == 61
    for number, expected in want.questions.items():
        got = scanned_reading.questions[number]
        assert got.status == expected.status, number
        assert (got.good_practice, got.support_required) == (
            expected.good_practice,
            expected.support_required,
        )
    assert scanned_reading.completed_by == COMPLETED_BY
    names = {role: (s.name, s.signed) for role, s in scanned_reading.signatures.items()}
    assert names["hwb_chair"] == ("Cllr Ruth Baines", True)
    assert names["chief_executive"] == ("Tom Ashdown", True)


@needs_tools
def test_a_scanned_returns_answers_are_read_word_for_word_but_for_a_few_misreads(
    scanned_reading: Reading, questionnaire: Questionnaire
) -> None:
    # OCR is not exact: on this scan one answer of 61 loses its last line ("May.") and "panel" is read as
    # "pane]" in good-practice descriptions. Most answers must still come through word for word.
    want = filled_reading(questionnaire)
    exact = [
        n
        for n, w in want.questions.items()
        if " ".join(scanned_reading.questions[n].evidence.split()) == w.evidence
    ]
    assert len(exact) >= 59
    evidence = " ".join(scanned_reading.questions["1.1"].evidence.split())
    assert evidence == "Yes. A joint plan was agreed by the board in May."


@needs_tools
def test_a_scanned_return_keeps_an_unsigned_signatory_name(scanned_reading: Reading) -> None:
    assert (scanned_reading.signatures["ccg"].name, scanned_reading.signatures["ccg"].signed) == (
        "Nadia Okafor",
        False,
    )


# Each answer's confidence when read from the scan: its rule's (read from the printed PDF: Yes 0.95, Partially
# 0.93, No 0.95, Not applicable 0.97, blank 1.0) less OCR's 0.1, written out by hand.
OCR_CONFIDENCE = {Status.YES: 0.85, Status.PARTIAL: 0.83, Status.NO: 0.85, Status.NA: 0.87, Status.BLANK: 0.9}


@needs_tools
def test_a_scanned_return_is_flagged_as_ocr_with_lower_confidence(
    scanned_reading: Reading, printed_and_scanned: tuple[Path, Path], questionnaire: Questionnaire
) -> None:
    printed = read_document(printed_and_scanned[0], questionnaire=questionnaire)  # the same pages, with text
    assert not any(w.code == "ocr" for w in printed.warnings)
    assert printed.questions["1.1"].confidence == 0.95 and not printed.questions["1.1"].from_ocr
    (warning,) = [w for w in scanned_reading.warnings if w.code == "ocr"]
    assert warning.message.startswith("This PDF is scanned: pages 1 to ")
    assert "had no text, so it was read by OCR (Tesseract, " in warning.message
    assert warning.message.endswith("check each answer against the paper form.")
    want = filled_reading(questionnaire)
    for number, got in scanned_reading.questions.items():
        assert got.from_ocr and got.to_json_dict()["ocr"] is True, number
        assert got.confidence == OCR_CONFIDENCE[want.questions[number].status], number


@pytest.mark.parametrize(
    ("pages", "words"),
    [([3], "page 3 had"), ([1, 2, 3, 4], "pages 1 to 4 had"), ([2, 5, 6], "pages 2, 5 and 6 had")],
)
def test_the_ocr_warning_names_the_scanned_pages(pages: list[int], words: str) -> None:
    from concordat.imports.reading import _pages

    assert _pages(pages) == words


@needs_tools
def test_ocr_stops_at_the_per_page_time_limit(
    printed_and_scanned: tuple[Path, Path], questionnaire: Questionnaire
) -> None:
    with pytest.raises(ReadingError) as refused:
        read_document(
            printed_and_scanned[1], questionnaire=questionnaire, bounds=Limits(ocr_page_seconds=0.001)
        )
    assert refused.value.code == "too_slow"
    assert "longer than 0.001 seconds" in refused.value.message and "one page" in refused.value.message


def _image_only_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).text((50, 50), "1.1 Is there a joint plan?", fill=0)
    image.save(path, resolution=72.0)
    return path


def test_without_tesseract_a_scan_is_refused_in_plain_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questionnaire: Questionnaire
) -> None:
    monkeypatch.setenv("CONCORDAT_TESSERACT", str(tmp_path / "no-such-tesseract"))
    with pytest.raises(ReadingError) as refused:
        read_document(_image_only_pdf(tmp_path / "scan.pdf"), questionnaire=questionnaire)
    assert refused.value.code == "ocr_unavailable"
    assert "is a scan" in refused.value.message
    assert "Tesseract) is not installed" in refused.value.message
    assert "upload the Word version" in refused.value.message


def test_without_tesseract_the_bounded_child_gives_the_same_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, questionnaire: Questionnaire
) -> None:
    from concordat.imports.sandbox import DocumentReader

    monkeypatch.setenv("CONCORDAT_TESSERACT", str(tmp_path / "no-such-tesseract"))
    with DocumentReader(Limits()) as reader, pytest.raises(ReadingError) as refused:
        reader.read(_image_only_pdf(tmp_path / "scan.pdf"), "scan.pdf", questionnaire)
    assert refused.value.code == "ocr_unavailable"
    assert "Tesseract) is not installed" in refused.value.message
