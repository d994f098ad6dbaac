import csv
import io
import zipfile
from datetime import date

import openpyxl
import pytest

from concordat.register.template import reading
from concordat.register.template.columns import COLUMNS, HEADERS, MAX_ROWS
from concordat.register.template.reading import MAX_BYTES, UploadError, read_rows
from concordat.register.template.validation import RowError, validate_rows
from concordat.register.template.writing import (
    data_dictionary_rows,
    write_data_dictionary_csv,
    write_template_csv,
    write_template_xlsx,
)
from concordat.spreadsheets import safe_cell

AS_AT = date(2014, 3, 31)
AREA = "E09000015"  # Harrow


def person(**changes: str) -> dict[str, str]:
    row = {
        "Local reference": "HAR-0001",
        "NHS number": "943 476 5919",
        "Commissioner type": "CCG",
        "Commissioner name": "NHS Harrow CCG",
        "Provider or hospital": "Example Healthcare, Oak Lodge",
        "Ward type": "Assessment and treatment",
        "In or out of area": "out",
        "Distance from home": "100+",
        "Legal status": "MHA",
        "Age band": "25-34",
        "Child or young person": "n",
        "Admission date": "14/02/2011",
        "On register since": "2013-04-01",
        "Care review date": "20/05/2013",
        "Care review outcome": "MOVE",
        "Personal care plan agreed": "Y",
        "Named care co-ordinator": "Yes",
        "Independent advocacy": "No",
        "Health check date": "03/06/2013",
        "Health action plan": "Y",
        "Planned transfer date": "15/05/2014",
        "Actual discharge date": "",
        "Discharge destination": "SUPPORTED",
        "Reason no transfer plan": "",
    }
    for key, value in changes.items():
        row[key.replace("_", " ")] = value
    return row


def to_csv(rows: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def errors_for(*rows: dict[str, str]) -> list[RowError]:
    return validate_rows(read_rows(to_csv(list(rows)), "register.csv"), area_code=AREA, as_at=AS_AT).errors


def only_error(*rows: dict[str, str]) -> RowError:
    errors = errors_for(*rows)
    assert len(errors) == 1, errors
    return errors[0]


def test_valid_file_has_no_errors_and_typed_rows() -> None:
    second = person(
        **{
            "Local reference": "HAR-0002",
            "NHS number": "",
            "Planned transfer date": "",
            "Discharge destination": "",
            "Reason no transfer plan": "Housing",
        }
    )
    result = validate_rows(read_rows(to_csv([person(), second]), "x.csv"), area_code=AREA, as_at=AS_AT)
    assert result.errors == []
    assert result.ok and len(result.rows) == 2
    first = result.rows[0]
    assert first.row == 2 and first.nhs_number == "9434765919"
    assert first.admission_date == date(2011, 2, 14) and first.on_register_since == date(2013, 4, 1)
    assert first.ward_type == "AT" and first.placement == "OUT" and first.care_coordinator is True
    assert first.facts().planned_transfer_date == date(2014, 5, 15)
    assert result.rows[1].reason_no_plan == "HOUSING" and result.rows[1].nhs_number is None


def test_headers_match_case_and_spacing_and_field_names() -> None:
    row = {k.upper() + "  ": v for k, v in person().items()}
    row["ward_type"] = row.pop("WARD TYPE  ")
    assert errors_for(row) == []


def test_missing_required_column() -> None:
    row = person()
    del row["Ward type"]
    error = only_error(row)
    assert error.row == 1 and error.column == "Ward type" and "Add the column" in error.message


def test_unknown_and_duplicate_columns() -> None:
    rows = read_rows(b"Local reference,Favourite colour,local_reference\r\nA,blue,B\r\n", "x.csv")
    messages = [e.message for e in validate_rows(rows, area_code=AREA, as_at=AS_AT).errors]
    assert any("Favourite colour" in m and "not in the template" in m for m in messages)
    assert any("appears twice" in m for m in messages)


def test_missing_required_value() -> None:
    error = only_error(person(**{"Commissioner name": "  "}))
    assert error.column == "Commissioner name" and "must be filled in" in error.message


@pytest.mark.parametrize("bad", ["31/02/2013", "2013-13-01", "yesterday", "14/02/11", "02/14/2011"])
def test_bad_dates(bad: str) -> None:
    error = only_error(person(**{"Admission date": bad}))
    assert error.column == "Admission date" and "dd/mm/yyyy" in error.message


def test_dates_accept_uk_and_iso_forms() -> None:
    for text in ("14/02/2011", "14/2/2011", "2011-02-14", "14.02.2011", "2011-02-14 00:00:00"):
        assert errors_for(person(**{"Admission date": text})) == []


def test_very_old_date() -> None:
    assert "Check the year" in only_error(person(**{"Admission date": "14/02/1011"})).message


def test_discharge_before_admission() -> None:
    error = only_error(person(**{"Actual discharge date": "01/01/2011"}))
    assert error.column == "Actual discharge date" and "before the admission date" in error.message


def test_future_dates_are_rejected_except_planned_transfer() -> None:
    error = only_error(person(**{"Health check date": "01/04/2014"}))
    assert "after the as-at date (31/03/2014)" in error.message
    assert errors_for(person(**{"Planned transfer date": "01/09/2015"})) == []


def test_invalid_nhs_number_is_not_echoed() -> None:
    error = only_error(person(**{"NHS number": "943 476 5918"}))
    assert error.column == "NHS number" and "not a valid NHS number" in error.message
    assert error.value == "(not shown)"


def test_duplicate_local_reference() -> None:
    second = person(**{"NHS number": "401 023 2137", "Local reference": "har-0001"})
    error = only_error(person(), second)
    assert error.row == 3 and "also used in row 2" in error.message


def test_duplicate_nhs_number() -> None:
    error = only_error(person(), person(**{"Local reference": "HAR-0002", "NHS number": "9434765919"}))
    assert error.row == 3 and error.column == "NHS number" and "also used in row 2" in error.message


def test_value_not_in_allowed_list() -> None:
    error = only_error(person(**{"Ward type": "Locked rehab"}))
    assert (
        "Use one of the allowed values" in error.message and "AT = Assessment and treatment" in error.message
    )


@pytest.mark.parametrize(
    "hostile", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", ' =HYPERLINK("x")']
)
def test_formula_looking_text_is_rejected(hostile: str) -> None:
    error = only_error(person(**{"Provider or hospital": hostile}))
    assert error.column == "Provider or hospital" and "formula" in error.message


def test_control_characters_and_overlong_text() -> None:
    assert "hidden characters" in only_error(person(**{"Commissioner name": "NHS\x07Harrow"})).message
    assert "30 characters" in only_error(person(**{"Local reference": "X" * 31})).message


def test_nhs_number_used_as_local_reference() -> None:
    assert "not an NHS number" in only_error(person(**{"Local reference": "943 476 5919"})).message


def test_cross_field_rules() -> None:
    assert "outcome as well" in only_error(person(**{"Care review outcome": ""})).message
    discharged = person(**{"Actual discharge date": "01/03/2014", "Discharge destination": ""})
    assert "discharge destination" in only_error(discharged).message
    no_plan = person(**{"Planned transfer date": "", "Reason no transfer plan": ""})
    assert "reason there is no transfer plan" in only_error(no_plan).message
    assert "child" in only_error(person(**{"Age band": "Under 18"})).message
    assert "under 25" in only_error(person(**{"Child or young person": "Y"})).message


def test_values_beyond_the_last_column() -> None:
    data = (
        to_csv([person()])
        .replace(b"\r\n", b",surprise\r\n")
        .replace(b"Reason no transfer plan,surprise", b"Reason no transfer plan")
    )
    assert "right of the last column" in only_error_from_bytes(data).message


def only_error_from_bytes(data: bytes) -> RowError:
    errors = validate_rows(read_rows(data, "x.csv"), area_code=AREA, as_at=AS_AT).errors
    assert len(errors) == 1, errors
    return errors[0]


def test_cp1252_and_bom_csv_are_read() -> None:
    row = person(**{"Commissioner name": "Café CCG"})
    assert read_rows(to_csv([row], "cp1252"), "x.csv")[0]["Commissioner name"] == "Café CCG"
    assert read_rows(b"\xef\xbb\xbf" + to_csv([row]), "x.csv")[0]["Commissioner name"] == "Café CCG"


def test_a_csv_in_mixed_encodings_reads_every_row_right_and_says_which_rows_were_windows_text() -> None:
    utf8 = to_csv([person(**{"Commissioner name": "Café CCG"})])
    windows_row = to_csv(
        [person(**{"Local reference": "HAR-0002", "NHS number": "", "Commissioner name": "Café CCG"})],
        "cp1252",
    )
    data = utf8 + windows_row.split(b"\r\n", 1)[1]  # a row pasted in from a file saved as Windows text
    assert b"Caf\xc3\xa9" in data and b"Caf\xe9" in data
    rows, warnings = reading.read_file(data, "x.csv")
    assert [r["Commissioner name"] for r in rows] == ["Café CCG", "Café CCG"]
    assert len(warnings) == 1 and warnings[0].startswith(
        "Lines 3 of this file were saved in a different text"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_csv_in_one_encoding_has_no_warning(encoding: str) -> None:
    data = to_csv([person(**{"Commissioner name": "Café CCG"}), person(**{"Local reference": "B"})], encoding)
    rows, warnings = reading.read_file(data, "x.csv")
    assert rows[0]["Commissioner name"] == "Café CCG" and warnings == []


def test_blank_rows_are_skipped_and_row_numbers_kept() -> None:
    data = (
        to_csv([person()])
        + b",,,\r\n"
        + to_csv([person(**{"Local reference": "B", "NHS number": ""})]).split(b"\r\n", 1)[1]
    )
    rows = read_rows(data, "x.csv")
    assert [r["__row__"] for r in rows] == ["2", "4"]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.csv", "empty"),
        (b"a,b\r\n", "x.csv", "no people"),
        (b"\x00\x01binary", "x.csv", "not a CSV"),
        (b"hello", "x.pdf", "CSV file or an Excel"),
        (b"\xd0\xcf\x11\xe0old", "x.xls", ".xls"),
        (b"PK\x03\x04broken", "x.xlsx", "not a valid Excel"),
        (b'a,b\r\n"unclosed,1\r\n', "x.csv", "not laid out correctly"),
    ],
)
def test_unreadable_files(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        read_rows(data, filename)


def test_oversize_file() -> None:
    with pytest.raises(UploadError, match="10 MB"):
        read_rows(b"a" * (MAX_BYTES + 1), "x.csv")


def test_too_many_rows() -> None:
    data = b"Local reference\r\n" + b"x\r\n" * (MAX_ROWS + 1)
    with pytest.raises(UploadError, match="20,000 people"):
        read_rows(data, "x.csv")


def test_zip_bomb_is_refused_before_opening(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (2 * 1024 * 1024))
    assert len(out.getvalue()) < 10_000  # tiny file, huge once opened
    with pytest.raises(UploadError, match="too large once opened"):
        read_rows(out.getvalue(), "x.xlsx")


def test_unreadable_encoding() -> None:
    with pytest.raises(UploadError, match="encoding"):
        read_rows(b"Local reference\r\n\x81\x8d\r\n", "x.csv")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_real_dates_and_numbers() -> None:
    values: list[object] = list(person().values())
    values[1] = 9434765919  # NHS number typed as a number
    values[11] = date(2011, 2, 14)  # a real Excel date
    result = validate_rows(read_rows(_xlsx([list(HEADERS), values]), "x.xlsx"), area_code=AREA, as_at=AS_AT)
    assert result.errors == []
    assert result.rows[0].admission_date == date(2011, 2, 14) and result.rows[0].nhs_number == "9434765919"


def test_xlsx_formulas_are_never_evaluated() -> None:
    values: list[object] = list(person().values())
    values[4] = "=1+1"  # stored as a formula; openpyxl has no cached value, so it reads as empty
    rows = read_rows(_xlsx([list(HEADERS), values]), "x.xlsx")
    assert rows[0]["Provider or hospital"] in ("", "=1+1")
    errors = validate_rows(rows, area_code=AREA, as_at=AS_AT).errors
    assert [e.column for e in errors] == ["Provider or hospital"]


def test_template_downloads_round_trip() -> None:
    rows = list(csv.reader(io.StringIO(write_template_csv().decode("utf-8-sig"))))
    assert rows == [list(HEADERS)]
    book = openpyxl.load_workbook(io.BytesIO(write_template_xlsx()))
    assert book.sheetnames == ["Register", "Data dictionary"]
    assert [c.value for c in book["Register"][1]] == list(HEADERS)
    assert book["Data dictionary"].max_row == len(COLUMNS) + 1
    assert b"Allowed values" in write_data_dictionary_csv()


def test_data_dictionary_describes_every_column() -> None:
    rows = data_dictionary_rows()
    assert [r["Column"] for r in rows] == list(HEADERS)
    ward = next(r for r in rows if r["Field name"] == "ward_type")
    assert (
        ward["Allowed values"]
        == "AT = Assessment and treatment; SECURE = Secure; REHAB = Rehabilitation; OTHER = Other"
    )
    assert all(r["Description"] for r in rows)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-x", "'-x"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Oak Lodge", "Oak Lodge"),
        ("", ""),
    ],
)
def test_safe_cell(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


def test_five_thousand_rows_validate_as_one_upload() -> None:
    # Its speed is measured by `concordat bench register` (the 5,041-row upload), not asserted here.
    rows = [person(**{"Local reference": f"HAR-{i:05d}", "NHS number": ""}) for i in range(5000)]
    result = validate_rows(read_rows(to_csv(rows), "x.csv"), area_code=AREA, as_at=AS_AT)
    assert result.ok and len(result.rows) == 5000
