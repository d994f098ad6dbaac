"""Checking raw rows from :func:`.reading.read_rows` against the template: typed :class:`RegisterRow` objects
for the good rows, and every problem found as a :class:`RowError` whose message says what to do.

Nothing here touches the database; the caller saves the rows (hashing the NHS number with
:func:`concordat.register.nhs_number.hash_nhs_number` before storing anything).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from concordat.register.nhs_number import validate_nhs_number
from concordat.register.template.columns import (
    COLUMNS,
    COLUMNS_BY_NAME,
    YES_NO,
    Column,
    ColumnType,
    PersonRecord,
)
from concordat.register.template.reading import cell_text
from concordat.spreadsheets import looks_like_formula

EARLIEST_DATE = date(1940, 1, 1)
NOT_SHOWN = "(not shown)"  # stands in for an NHS number in an error: the number is never echoed back


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number: 1 is the header row, 2 the first person
    column: str  # column header, or "" for the whole row or file
    value: str
    message: str


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


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _header_lookup() -> dict[str, Column]:
    """A column by its header, its field name, or its field name with spaces, in any case and spacing."""
    lookup: dict[str, Column] = {}
    for column in COLUMNS:
        lookup[_norm(column.header)] = column
        lookup[_norm(column.name)] = column
        lookup[_norm(column.name.replace("_", " "))] = column
    return lookup


def _choice_lookup() -> dict[str, dict[str, str]]:
    """Per column, each allowed code and label (normalised) to its code: uploads may use either."""
    lookups: dict[str, dict[str, str]] = {}
    for column in COLUMNS:
        options = YES_NO if column.type is ColumnType.YES_NO else column.choices
        lookup: dict[str, str] = {}
        for choice in options:
            lookup[_norm(choice.code)] = choice.code
            lookup[_norm(choice.label)] = choice.code
        lookups[column.name] = lookup
    return lookups


_HEADER_LOOKUP = _header_lookup()
_CHOICE_LOOKUP = _choice_lookup()
_DATE_HELP = "Enter the date as dd/mm/yyyy, for example 14/02/2011"
_ROW_KEYS = ("__row__", "__extra__")
_PLANS = ("planned_transfer_date", "estimated_discharge_date")  # added by read_rows; not columns


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
    """Checks one row's cells, recording each error and which columns failed."""

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

    def clean(self, *names: str) -> bool:
        """None of these columns has an error (so a rule relating them is worth checking)."""
        return not self.failed_columns.intersection(names)

    def value(self, column: Column, raw: str) -> object:
        """The cell's typed value, or None when it is empty or has an error."""
        match column.type:
            case ColumnType.TEXT:
                return self.text(column, raw)
            case ColumnType.CHOICE:
                return self.choice(column, raw)
            case ColumnType.YES_NO:
                return self.yes_no(column, raw)
            case ColumnType.DATE:
                # planned and estimated dates are plans: the only dates that may be in the future
                return self.date(column, raw, future_allowed=column.name in _PLANS)
            case _:
                return self.nhs_number(column, raw)

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
            self.error(column, NOT_SHOWN, f"{exc}. Leave the cell empty if the NHS number is not known")
            return None


# --- the header row -------------------------------------------------------------------------------------


def _map_headers(keys: Iterable[str], errors: list[RowError]) -> dict[str, Column]:
    """The file's header text -> template column, recording unknown and repeated columns."""
    mapping: dict[str, Column] = {}
    seen: set[str] = set()
    for key in keys:
        if key in _ROW_KEYS:
            continue
        column = _HEADER_LOOKUP.get(_norm(key))
        if column is None:
            message = (
                f"Remove the column '{key}' or rename it to one of the template's headers: it is not in the "
                "template"
            )
            errors.append(RowError(1, key, key, message))
        elif column.name in seen:
            errors.append(
                RowError(1, key, key, f"The column '{column.header}' appears twice. Delete one of them")
            )
        else:
            seen.add(column.name)
            mapping[key] = column
    return mapping


def _missing_columns(mapping: Mapping[str, Column]) -> list[RowError]:
    present = {column.name for column in mapping.values()}
    return [
        RowError(
            1,
            column.header,
            "",
            f"Add the column '{column.header}' (download the template to see every column)",
        )
        for column in COLUMNS
        if column.required and column.name not in present
    ]


# --- each person's row --------------------------------------------------------------------------------


@dataclass
class _FirstRows:
    """The row each local reference (casefolded) and NHS number first appeared in, to spot repeats."""

    references: dict[str, int] = field(default_factory=dict)
    nhs_numbers: dict[str, int] = field(default_factory=dict)


_C = COLUMNS_BY_NAME
_Values = dict[str, object]
_Raw = dict[str, str]


def _check_local_reference(check: _RowChecker, reference: object, first: _FirstRows) -> None:
    if not isinstance(reference, str):
        return
    digits = reference.replace(" ", "")
    if digits.isdigit() and len(digits) == 10:
        check.error(
            _C["local_reference"],
            reference,
            "Use your own local reference, not an NHS number, in Local reference",
        )
    key = reference.casefold()
    if key in first.references:
        check.error(
            _C["local_reference"],
            reference,
            f"This local reference is also used in row "
            f"{first.references[key]}. Each person must appear once, with their own reference",
        )
    else:
        first.references[key] = check.row


def _check_nhs_number_once(check: _RowChecker, nhs: object, first: _FirstRows) -> None:
    if not isinstance(nhs, str):
        return
    if nhs in first.nhs_numbers:
        check.error(
            _C["nhs_number"],
            NOT_SHOWN,
            f"This NHS number is also used in row {first.nhs_numbers[nhs]}. Each person must appear once",
        )
    else:
        first.nhs_numbers[nhs] = check.row


_ON_OR_AFTER_ADMISSION = (
    "actual_discharge_date",
    "planned_transfer_date",
    "estimated_discharge_date",
    "on_register_since",
)


def _dates_after_admission(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    admitted = values["admission_date"]
    if not isinstance(admitted, date):
        return
    for name in (
        "actual_discharge_date",
        "planned_transfer_date",
        "estimated_discharge_date",
        "on_register_since",
    ):
        later = values[name]
        if isinstance(later, date) and later < admitted:
            check.error(
                _C[name], raw[name], f"{_C[name].header} is before the admission date. Check both dates"
            )


def _review_has_date_and_outcome(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    no_date, no_outcome = values["care_review_date"] is None, values["care_review_outcome"] is None
    if no_date != no_outcome and check.clean("care_review_date", "care_review_outcome"):
        missing = _C["care_review_outcome" if no_outcome else "care_review_date"]
        check.error(
            missing,
            "",
            f"Enter the {missing.header.lower()} as well: a care review needs both a date and an outcome",
        )


def _discharge_has_destination(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    discharged = values["actual_discharge_date"] is not None
    if discharged and values["discharge_destination"] is None and check.clean("discharge_destination"):
        check.error(
            _C["discharge_destination"],
            "",
            "Enter the discharge destination for a person who has been discharged",
        )


def _estimate_only_while_in_hospital(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    if values["actual_discharge_date"] is not None and values["estimated_discharge_date"] is not None:
        check.error(
            _C["estimated_discharge_date"],
            raw["estimated_discharge_date"],
            "A person who has been discharged has no estimated discharge date: clear it, or the actual "
            "discharge date",
        )


def _no_plan_has_reason(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    no_plan = values["actual_discharge_date"] is None and values["planned_transfer_date"] is None
    plan_columns = ("actual_discharge_date", "planned_transfer_date", "reason_no_plan")
    if no_plan and values["reason_no_plan"] is None and check.clean(*plan_columns):
        check.error(
            _C["reason_no_plan"], "", "Enter the reason there is no transfer plan, or a planned transfer date"
        )


def _child_fits_age_band(check: _RowChecker, values: _Values, raw: _Raw) -> None:
    age, child = values["age_band"], values["child_or_young_person"]
    column, typed = _C["child_or_young_person"], raw["child_or_young_person"]
    if age == "0-17" and child is False:
        check.error(
            column, typed, "A person in the under-18 age band is a child: enter Y in Child or young person"
        )
    if isinstance(age, str) and age not in ("0-17", "18-24") and child is True:
        check.error(column, typed, "Only people under 25 can be a child or young person: check the age band")


# Rules relating two or more cells of a row, in the order their errors are reported.
_CROSS_CELL_RULES: tuple[Callable[[_RowChecker, _Values, _Raw], None], ...] = (
    _dates_after_admission,
    _review_has_date_and_outcome,
    _discharge_has_destination,
    _estimate_only_while_in_hospital,
    _no_plan_has_reason,
    _child_fits_age_band,
)


def _check_row(
    raw_row: Mapping[str, str], mapping: Mapping[str, Column], check: _RowChecker, first: _FirstRows
) -> RegisterRow | None:
    """The row as a RegisterRow, or None after recording its errors in ``check``."""
    raw = {column.name: "" for column in COLUMNS}
    for key, column in mapping.items():
        raw[column.name] = cell_text(raw_row.get(key, ""))
    if raw_row.get("__extra__"):
        check.error(None, raw_row["__extra__"], "Remove the values typed to the right of the last column")
    values = {column.name: check.value(column, raw[column.name]) for column in COLUMNS}
    _check_local_reference(check, values["local_reference"], first)
    _check_nhs_number_once(check, values["nhs_number"], first)
    for rule in _CROSS_CELL_RULES:
        rule(check, values, raw)
    if check.failed:
        return None
    return RegisterRow(row=check.row, **values)  # type: ignore[arg-type]  # every value checked above


def validate_rows(rows: Sequence[Mapping[str, str]], *, area_code: str, as_at: date) -> ValidationResult:
    """Check raw rows from :func:`read_rows` against the template, as at ``as_at``.

    ``area_code`` is the ONS code of the area uploading (every row belongs to it; it is not a column).
    Returns typed rows for the rows with no errors, and every error found (not just the first).
    Error values for NHS numbers are never echoed back.
    """
    result = ValidationResult(rows_read=len(rows))
    if not rows:
        result.errors.append(RowError(1, "", "", "The file has no people in it. Add one row per person."))
        return result
    if not area_code:
        raise ValueError("area_code is required")
    mapping = _map_headers(rows[0], result.errors)
    result.errors.extend(_missing_columns(mapping))
    if result.errors:
        return result
    first = _FirstRows()
    for index, raw_row in enumerate(rows):
        row_number = int(raw_row.get("__row__", index + 2))
        row = _check_row(raw_row, mapping, _RowChecker(row_number, as_at, result.errors), first)
        if row is not None:
            result.rows.append(row)
    return result
