"""The published bulk-upload template for the person-level register: columns, data dictionary, reading and
checking an uploaded CSV or XLSX file, and writing the blank template.

Reading (:func:`read_rows`) turns a file into raw rows of text; checking (:func:`validate_rows`) turns raw
rows into typed :class:`RegisterRow` objects plus a list of :class:`RowError` whose messages tell the person
uploading what to do. Nothing here touches the database; the caller saves the rows (hashing the NHS number
with :func:`concordat.register.nhs_number.hash_nhs_number` before storing anything).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from concordat.register.nhs_number import validate_nhs_number
from concordat.register.rules import PersonFacts
from concordat.spreadsheets import FORMULA_PREFIXES, looks_like_formula, safe_cell  # noqa: F401  # re-exported

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip: refuse zip bombs before openpyxl opens it
MAX_BLANK_ROWS_READ = 100_000  # formatted-but-empty rows Excel leaves behind
EARLIEST_DATE = date(1940, 1, 1)
SHEET_NAME = "Register"


class UploadError(Exception):
    """The file cannot be read at all. The message says what to do."""


class ColumnType(StrEnum):
    TEXT = "text"
    NHS_NUMBER = "NHS number"
    CHOICE = "choice"
    YES_NO = "yes/no"
    DATE = "date"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    required: bool
    type: ColumnType
    description: str
    example: str
    choices: tuple[Choice, ...] = ()
    max_length: int = 100

    @property
    def allowed_values(self) -> str:
        if self.type is ColumnType.YES_NO:
            return "Y = Yes; N = No"
        return "; ".join(f"{c.code} = {c.label}" for c in self.choices)


YES_NO = (Choice("Y", "Yes"), Choice("N", "No"))

COMMISSIONER_TYPES = (
    Choice("CCG", "Clinical commissioning group"),
    Choice("NHSE", "NHS England specialised commissioning"),
)
WARD_TYPES = (
    Choice("AT", "Assessment and treatment"),
    Choice("SECURE", "Secure"),
    Choice("REHAB", "Rehabilitation"),
    Choice("OTHER", "Other"),
)
PLACEMENTS = (Choice("IN", "In area"), Choice("OUT", "Out of area"))
DISTANCE_BANDS = (
    Choice("LT10", "Less than 10 km"),
    Choice("10-50", "10 to 50 km"),
    Choice("50-100", "50 to 100 km"),
    Choice("100+", "100 km or more"),
)
LEGAL_STATUSES = (
    Choice("INFORMAL", "Informal"),
    Choice("MHA", "Mental Health Act section"),
    Choice("MOJ", "Ministry of Justice restrictions"),
)
AGE_BANDS = (
    Choice("0-17", "Under 18"),
    Choice("18-24", "18 to 24"),
    Choice("25-34", "25 to 34"),
    Choice("35-44", "35 to 44"),
    Choice("45-54", "45 to 54"),
    Choice("55-64", "55 to 64"),
    Choice("65+", "65 and over"),
)
REVIEW_OUTCOMES = (
    Choice("STAY", "Hospital is the right place for now"),
    Choice("MOVE", "Should move to community-based support"),
    Choice("OTHER", "Other outcome"),
)
DESTINATIONS = (
    Choice("SUPPORTED", "Supported living"),
    Choice("RESIDENTIAL", "Residential care"),
    Choice("FAMILY", "Family home"),
    Choice("HOSPITAL", "Another hospital"),
    Choice("OTHER", "Other"),
)
NO_PLAN_REASONS = (
    Choice("CLINICAL", "Clinical decision"),
    Choice("PROVIDER", "No suitable provider"),
    Choice("FUNDING", "Funding not agreed"),
    Choice("HOUSING", "Housing"),
    Choice("MOJ", "Ministry of Justice"),
    Choice("OTHER", "Other"),
)

_T, _C, _Y, _D = ColumnType.TEXT, ColumnType.CHOICE, ColumnType.YES_NO, ColumnType.DATE

COLUMNS: tuple[Column, ...] = (
    Column(
        "local_reference",
        "Local reference",
        True,
        _T,
        "Your area's own reference for the person. Never use a name, NHS number or hospital number.",
        "HAR-0042",
        max_length=30,
    ),
    Column(
        "nhs_number",
        "NHS number",
        False,
        ColumnType.NHS_NUMBER,
        "10 digits, spaces allowed. Used only to spot the same person twice; it is stored as a keyed "
        "pseudonym and never shown.",
        "943 476 5919",
    ),
    Column(
        "commissioner_type",
        "Commissioner type",
        True,
        _C,
        "Who commissions the placement.",
        "CCG",
        COMMISSIONER_TYPES,
    ),
    Column(
        "commissioner_name",
        "Commissioner name",
        True,
        _T,
        "Name of the commissioning organisation.",
        "NHS Harrow CCG",
    ),
    Column(
        "provider",
        "Provider or hospital",
        True,
        _T,
        "The provider and hospital the person is in.",
        "Example Healthcare, Oak Lodge",
    ),
    Column("ward_type", "Ward type", True, _C, "The kind of ward the person is on.", "AT", WARD_TYPES),
    Column(
        "placement",
        "In or out of area",
        True,
        _C,
        "Whether the hospital is in the person's home area.",
        "OUT",
        PLACEMENTS,
    ),
    Column(
        "distance_band",
        "Distance from home",
        True,
        _C,
        "Distance from the person's home to the hospital.",
        "50-100",
        DISTANCE_BANDS,
    ),
    Column(
        "legal_status",
        "Legal status",
        True,
        _C,
        "The person's legal status in hospital.",
        "MHA",
        LEGAL_STATUSES,
    ),
    Column("age_band", "Age band", True, _C, "The person's age on the as-at date.", "25-34", AGE_BANDS),
    Column(
        "child_or_young_person",
        "Child or young person",
        True,
        _Y,
        "Y if the person is a child or young person (under 18, or 18 to 24 with children's services "
        "involved).",
        "N",
    ),
    Column(
        "admission_date",
        "Admission date",
        True,
        _D,
        "Date of admission to the current hospital stay.",
        "14/02/2011",
    ),
    Column(
        "on_register_since",
        "On register since",
        True,
        _D,
        "Date the person was added to your register.",
        "01/04/2013",
    ),
    Column(
        "care_review_date",
        "Care review date",
        False,
        _D,
        "Date of the most recent care review.",
        "20/05/2013",
    ),
    Column(
        "care_review_outcome",
        "Care review outcome",
        False,
        _C,
        "Outcome of that review. Fill in when there is a review date.",
        "MOVE",
        REVIEW_OUTCOMES,
    ),
    Column(
        "personal_care_plan",
        "Personal care plan agreed",
        True,
        _Y,
        "Y if a personal care plan has been agreed with the person and their family.",
        "Y",
    ),
    Column(
        "care_coordinator",
        "Named care co-ordinator",
        True,
        _Y,
        "Y if the person has a named care co-ordinator.",
        "Y",
    ),
    Column("advocacy", "Independent advocacy", True, _Y, "Y if the person has independent advocacy.", "N"),
    Column(
        "health_check_date",
        "Health check date",
        False,
        _D,
        "Date of the most recent health check.",
        "03/06/2013",
    ),
    Column(
        "health_action_plan", "Health action plan", True, _Y, "Y if the person has a health action plan.", "Y"
    ),
    Column(
        "planned_transfer_date",
        "Planned transfer date",
        False,
        _D,
        "Date the person is planned to move to community-based support.",
        "15/05/2014",
    ),
    Column("actual_discharge_date", "Actual discharge date", False, _D, "Date the person left hospital.", ""),
    Column(
        "discharge_destination",
        "Discharge destination",
        False,
        _C,
        "Where the person went, or is planned to go. Required when there is an actual discharge date.",
        "SUPPORTED",
        DESTINATIONS,
    ),
    Column(
        "reason_no_plan",
        "Reason no transfer plan",
        False,
        _C,
        "Required when the person is still in hospital and has no planned transfer date.",
        "",
        NO_PLAN_REASONS,
    ),
)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number: 1 is the header row, 2 the first person
    column: str  # column header, or "" for the whole row or file
    value: str
    message: str


@dataclass(frozen=True)
class PersonRecord:
    """One person's facts as the template holds them: the shape of an upload row and of a synthetic person."""

    local_reference: str
    nhs_number: str | None  # 10 digits; hash it before storing
    commissioner_type: str
    commissioner_name: str
    provider: str
    ward_type: str
    placement: str
    distance_band: str
    legal_status: str
    age_band: str
    child_or_young_person: bool
    admission_date: date
    on_register_since: date
    care_review_date: date | None
    care_review_outcome: str | None
    personal_care_plan: bool
    care_coordinator: bool
    advocacy: bool
    health_check_date: date | None
    health_action_plan: bool
    planned_transfer_date: date | None
    actual_discharge_date: date | None
    discharge_destination: str | None
    reason_no_plan: str | None

    def facts(self) -> PersonFacts:
        return PersonFacts(
            admission_date=self.admission_date,
            care_review_date=self.care_review_date,
            health_check_date=self.health_check_date,
            planned_transfer_date=self.planned_transfer_date,
            actual_discharge_date=self.actual_discharge_date,
        )


@dataclass(frozen=True)
class RegisterRow(PersonRecord):
    row: int


@dataclass
class ValidationResult:
    rows: list[RegisterRow] = field(default_factory=list)  # only rows without errors
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- reading ------------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise UploadError(
            "This file is not a CSV file. Save it as 'CSV UTF-8' or as an Excel workbook (.xlsx)."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(
        "The file's text encoding could not be read. Save it as 'CSV UTF-8' and upload it again."
    )


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), strict=True)
    except csv.Error as exc:
        raise UploadError(
            f"The CSV file is not laid out correctly ({exc}). Save it again as CSV and re-upload."
        ) from exc


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    import openpyxl  # imported here: only needed for workbooks

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise UploadError(
            "This file is not a valid Excel workbook. Save it as .xlsx and upload it again."
        ) from exc
    if unzipped > MAX_UNZIPPED_BYTES:
        raise UploadError(
            "The workbook is too large once opened. Remove other sheets and formatting, then retry."
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise UploadError(
            "This Excel workbook could not be opened. Save it again as .xlsx and retry."
        ) from exc
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            yield [_cell_text(v) for v in values]
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:  # damaged sheet XML etc.
        raise UploadError(
            "Part of this Excel workbook could not be read. Save it again as .xlsx and retry."
        ) from exc
    finally:
        book.close()


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """Read an uploaded CSV or XLSX file into rows keyed by header text. Formulas are never evaluated.

    Raises :class:`UploadError` for files that cannot be read, are over 10 MB or have over 20,000 people.
    Completely blank rows are skipped. The header row is returned as the keys; each row also carries its
    spreadsheet row number under the key ``"__row__"``.
    """
    if len(data) > MAX_BYTES:
        raise UploadError(
            "The file is bigger than 10 MB. Split it into smaller files, or remove other sheets."
        )
    if not data:
        raise UploadError("The file is empty. Download the template, fill it in and upload it again.")
    name = filename.lower()
    is_zip = data[:4] == b"PK\x03\x04"
    if name.endswith(".xls") and not is_zip:
        raise UploadError("Old Excel files (.xls) are not accepted. Save the file as .xlsx or CSV.")
    if name.endswith((".xlsx", ".xlsm")) or is_zip:
        source: Iterable[list[str]] = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        source = _csv_rows(data)
    else:
        raise UploadError("Upload the register as a CSV file or an Excel workbook (.xlsx).")

    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    blank = 0
    for number, values in enumerate(source, start=1):
        if not any(v.strip() for v in values):
            blank += 1
            if blank > MAX_BLANK_ROWS_READ:
                raise UploadError(
                    "The file has too many empty rows. Delete the empty rows and upload it again."
                )
            continue
        if header is None:
            header = [v.strip() for v in values]
            while header and not header[-1]:
                header.pop()
            if len(header) > MAX_COLUMNS:
                raise UploadError(
                    f"The file has more than {MAX_COLUMNS} columns. Use the template's columns."
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise UploadError(f"The file has more than {MAX_ROWS:,} people. Split it into smaller files.")
        row = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header)}
        extra = [v for v in values[len(header) :] if v.strip()]
        if extra:
            row["__extra__"] = ", ".join(extra)
        row["__row__"] = str(number)
        rows.append(row)
    if header is None:
        raise UploadError("The file has no header row. Download the template and copy your data into it.")
    if not rows:
        raise UploadError("The file has a header row but no people. Add one row per person.")
    return rows


# --- checking -----------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


_HEADER_LOOKUP: dict[str, Column] = {}
for _column in COLUMNS:
    _HEADER_LOOKUP[_norm(_column.header)] = _column
    _HEADER_LOOKUP[_norm(_column.name)] = _column
    _HEADER_LOOKUP[_norm(_column.name.replace("_", " "))] = _column

_CHOICE_LOOKUP: dict[str, dict[str, str]] = {}
for _column in COLUMNS:
    options = YES_NO if _column.type is ColumnType.YES_NO else _column.choices
    lookup: dict[str, str] = {}
    for _choice in options:
        lookup[_norm(_choice.code)] = _choice.code
        lookup[_norm(_choice.label)] = _choice.code
    _CHOICE_LOOKUP[_column.name] = lookup

_DATE_HELP = "Enter the date as dd/mm/yyyy, for example 14/02/2011"


def _parse_date(text: str) -> date:
    """dd/mm/yyyy (also d/m/yyyy, and - or . separators) or ISO yyyy-mm-dd (with an optional time)."""
    t = text.strip()
    if len(t) >= 10 and t[4] == "-" and t[:4].isdigit():
        return date.fromisoformat(t[:10])
    for sep in ("/", ".", "-"):
        parts = t.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
    raise ValueError(t)


def _has_control_characters(text: str) -> bool:
    return any(ord(ch) < 32 or ch == "\x7f" for ch in text)


class _RowChecker:
    def __init__(self, row_number: int, as_at: date, errors: list[RowError]) -> None:
        self.row = row_number
        self.as_at = as_at
        self.errors = errors
        self.failed = False
        self.failed_columns: set[str] = set()

    def error(self, column: Column | None, value: str, message: str) -> None:
        self.failed = True
        if column is not None:
            self.failed_columns.add(column.name)
        self.errors.append(RowError(self.row, column.header if column else "", value, message))

    def text(self, column: Column, raw: str) -> str | None:
        value = " ".join(raw.split()) if column.type is ColumnType.TEXT else raw.strip()
        if not value:
            if column.required:
                self.error(column, raw, f"Enter the {column.header.lower()}; this column must be filled in")
            return None
        if looks_like_formula(raw.lstrip(" ")) or looks_like_formula(value):
            self.error(
                column,
                raw,
                f"Remove the formula or the leading '{value[:1]}' from {column.header}: "
                "cells must not start with =, +, -, @, a tab or a line break",
            )
            return None
        if _has_control_characters(raw.strip()):
            self.error(column, raw, f"Remove the line breaks or hidden characters from {column.header}")
            return None
        if len(value) > column.max_length:
            self.error(column, raw, f"Shorten {column.header} to {column.max_length} characters or fewer")
            return None
        return value

    def choice(self, column: Column, raw: str) -> str | None:
        value = self.text(column, raw)
        if value is None:
            return None
        code = _CHOICE_LOOKUP[column.name].get(_norm(value))
        if code is None:
            self.error(
                column, raw, f"Use one of the allowed values for {column.header}: {column.allowed_values}"
            )
        return code

    def yes_no(self, column: Column, raw: str) -> bool | None:
        code = self.choice(column, raw)
        return None if code is None else code == "Y"

    def date(self, column: Column, raw: str, *, future_allowed: bool = False) -> date | None:
        value = self.text(column, raw)
        if value is None:
            return None
        try:
            day = _parse_date(value)
        except ValueError:
            self.error(column, raw, f"{column.header} is not a real date. {_DATE_HELP}")
            return None
        if day < EARLIEST_DATE:
            self.error(column, raw, f"Check the year in {column.header}: it is before {EARLIEST_DATE.year}")
            return None
        if not future_allowed and day > self.as_at:
            self.error(
                column,
                raw,
                f"{column.header} is after the as-at date ({self.as_at:%d/%m/%Y}). "
                "Enter only things that have already happened",
            )
            return None
        return day

    def nhs_number(self, column: Column, raw: str) -> str | None:
        value = self.text(column, raw)
        if value is None:
            return None
        try:
            return validate_nhs_number(value)
        except ValueError as exc:
            self.error(column, "(not shown)", f"{exc}. Leave the cell empty if the NHS number is not known")
            return None


def validate_rows(rows: Sequence[Mapping[str, str]], *, area_code: str, as_at: date) -> ValidationResult:
    """Check raw rows from :func:`read_rows` against the template, as at ``as_at``.

    ``area_code`` is the ONS code of the area uploading (every row belongs to it; it is not a column).
    Returns typed rows for the rows with no errors, and every error found (not just the first).
    Error values for NHS numbers are never echoed back.
    """
    result = ValidationResult(rows_read=len(rows))
    errors = result.errors
    if not rows:
        errors.append(RowError(1, "", "", "The file has no people in it. Add one row per person."))
        return result
    if not area_code:
        raise ValueError("area_code is required")

    # Columns
    mapping: dict[str, Column] = {}
    seen: dict[str, str] = {}
    for key in rows[0]:
        if key in ("__row__", "__extra__"):
            continue
        column = _HEADER_LOOKUP.get(_norm(key))
        if column is None:
            errors.append(
                RowError(
                    1,
                    key,
                    key,
                    f"Remove the column '{key}' or rename it to one of the "
                    "template's headers: it is not in the template",
                )
            )
        elif column.name in seen:
            errors.append(
                RowError(1, key, key, f"The column '{column.header}' appears twice. Delete one of them")
            )
        else:
            seen[column.name] = key
            mapping[key] = column
    for column in COLUMNS:
        if column.required and column.name not in seen:
            errors.append(
                RowError(
                    1,
                    column.header,
                    "",
                    f"Add the column '{column.header}' (download the template to see every column)",
                )
            )
    if errors:
        return result

    first_reference: dict[str, int] = {}
    first_nhs: dict[str, int] = {}
    for index, raw_row in enumerate(rows):
        row_number = int(raw_row.get("__row__", index + 2))
        check = _RowChecker(row_number, as_at, errors)
        raw = {column.name: "" for column in COLUMNS}
        for key, column in mapping.items():
            raw[column.name] = _cell_text(raw_row.get(key, ""))
        if raw_row.get("__extra__"):
            check.error(None, raw_row["__extra__"], "Remove the values typed to the right of the last column")
        c = COLUMNS_BY_NAME
        values: dict[str, object] = {}
        for column in COLUMNS:
            value = raw[column.name]
            if column.type is ColumnType.TEXT:
                values[column.name] = check.text(column, value)
            elif column.type is ColumnType.CHOICE:
                values[column.name] = check.choice(column, value)
            elif column.type is ColumnType.YES_NO:
                values[column.name] = check.yes_no(column, value)
            elif column.type is ColumnType.DATE:
                values[column.name] = check.date(
                    column, value, future_allowed=column.name == "planned_transfer_date"
                )
            else:
                values[column.name] = check.nhs_number(column, value)

        reference = values["local_reference"]
        if isinstance(reference, str):
            if reference.replace(" ", "").isdigit() and len(reference.replace(" ", "")) == 10:
                check.error(
                    c["local_reference"],
                    reference,
                    "Use your own local reference, not an NHS number, in Local reference",
                )
            key = reference.casefold()
            if key in first_reference:
                check.error(
                    c["local_reference"],
                    reference,
                    f"This local reference is also used in row "
                    f"{first_reference[key]}. Each person must appear once, with their own reference",
                )
            else:
                first_reference[key] = row_number
        nhs = values["nhs_number"]
        if isinstance(nhs, str):
            if nhs in first_nhs:
                check.error(
                    c["nhs_number"],
                    "(not shown)",
                    f"This NHS number is also used in row {first_nhs[nhs]}. Each person must appear once",
                )
            else:
                first_nhs[nhs] = row_number

        admitted = values["admission_date"]
        if isinstance(admitted, date):
            for name, message in (
                ("actual_discharge_date", "is before the admission date. Check both dates"),
                ("planned_transfer_date", "is before the admission date. Check both dates"),
                ("on_register_since", "is before the admission date. Check both dates"),
            ):
                later = values[name]
                if isinstance(later, date) and later < admitted:
                    check.error(c[name], raw[name], f"{c[name].header} {message}")

        def clean(*names: str, check: _RowChecker = check) -> bool:
            return not check.failed_columns.intersection(names)

        review_pair = ("care_review_date", "care_review_outcome")
        if (values["care_review_date"] is None) != (values["care_review_outcome"] is None) and clean(
            *review_pair
        ):
            missing = "care_review_outcome" if values["care_review_outcome"] is None else "care_review_date"
            check.error(
                c[missing],
                "",
                f"Enter the {c[missing].header.lower()} as well: a care review needs "
                "both a date and an outcome",
            )
        discharged = values["actual_discharge_date"] is not None
        if discharged and values["discharge_destination"] is None and clean("discharge_destination"):
            check.error(
                c["discharge_destination"],
                "",
                "Enter the discharge destination for a person who has been discharged",
            )
        no_plan = values["actual_discharge_date"] is None and values["planned_transfer_date"] is None
        plan_columns = ("actual_discharge_date", "planned_transfer_date", "reason_no_plan")
        if no_plan and values["reason_no_plan"] is None and clean(*plan_columns):
            check.error(
                c["reason_no_plan"],
                "",
                "Enter the reason there is no transfer plan, or a planned transfer date",
            )
        age, child = values["age_band"], values["child_or_young_person"]
        if age == "0-17" and child is False:
            check.error(
                c["child_or_young_person"],
                raw["child_or_young_person"],
                "A person in the under-18 age band is a child: enter Y in Child or young person",
            )
        if isinstance(age, str) and age not in ("0-17", "18-24") and child is True:
            check.error(
                c["child_or_young_person"],
                raw["child_or_young_person"],
                "Only people under 25 can be a child or young person: check the age band",
            )

        if not check.failed:
            result.rows.append(RegisterRow(row=row_number, **values))  # type: ignore[arg-type]  # checked above
    return result


# --- writing ------------------------------------------------------------------------------------------


def data_dictionary_rows() -> list[dict[str, str]]:
    return [
        {
            "Column": c.header,
            "Field name": c.name,
            "Required": "Yes" if c.required else "No",
            "Type": str(c.type),
            "Allowed values": c.allowed_values,
            "Description": c.description,
            "Example": c.example,
        }
        for c in COLUMNS
    ]


def write_template_csv() -> bytes:
    """The blank template as CSV (UTF-8 with a byte-order mark so Excel shows accents correctly)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerow([safe_cell(h) for h in HEADERS])
    return out.getvalue().encode("utf-8-sig")


def write_data_dictionary_csv() -> bytes:
    rows = data_dictionary_rows()
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write_template_xlsx() -> bytes:
    """The blank template as a workbook: a "Register" sheet with drop-down lists, and the data dictionary."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append([safe_cell(h) for h in HEADERS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 2)
        if column.type in (ColumnType.CHOICE, ColumnType.YES_NO):
            codes = [c.code for c in (YES_NO if column.type is ColumnType.YES_NO else column.choices)]
            validation = DataValidation(type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    dictionary = book.create_sheet("Data dictionary")
    rows = data_dictionary_rows()
    dictionary.append(list(rows[0]))
    for row in rows:
        dictionary.append([safe_cell(v) for v in row.values()])
    for cell in dictionary[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
