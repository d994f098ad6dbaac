"""The register's CSV/XLSX upload is read in the bounded child (concordat.sandbox): hostile workbooks give
the upload's plain reasons, and a file that outruns the child's time limit is refused, not served."""

import pytest

from concordat.imports.tests.hostile.make_corpus import SHEET, xlsx
from concordat.register.template import reading
from concordat.register.template.reading import UploadError, read_rows_bounded

WHOLE_GRID = SHEET.format(
    dim='<dimension ref="A1:XFD1048576"/>',
    rows='<row r="1"><c r="A1" t="inlineStr"><is><t>NHS number</t></is></c></row>'
    '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
)


def test_rows_read_in_the_child_are_the_rows_read_in_process() -> None:
    data = b"NHS number,Local reference\r\n943 476 5919,H-1\r\n"
    assert read_rows_bounded(data, "people.csv") == reading.read_rows(data, "people.csv")


def test_a_workbook_claiming_the_whole_grid_is_refused_in_plain_english() -> None:
    with pytest.raises(UploadError) as refused:
        read_rows_bounded(xlsx(WHOLE_GRID), "people.xlsx")
    assert "too many empty rows" in refused.value.message


def test_a_workbook_outrunning_the_time_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "BOUNDS_SECONDS", 0.05)  # less than the child needs to start
    with pytest.raises(UploadError) as refused:
        read_rows_bounded(xlsx(WHOLE_GRID), "people.xlsx")
    assert "could not be read within the limits" in refused.value.message
