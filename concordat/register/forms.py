"""Forms for the register. A person's record is checked by the same rules as a bulk upload row."""

from datetime import date
from typing import Any

from django import forms

from concordat.register.models import Person
from concordat.register.template.columns import COLUMNS, Column, ColumnType
from concordat.register.template.validation import RegisterRow, validate_rows

DATE_PARTS = ("day", "month", "year")


class PersonForm(forms.Form):
    """Every column of the template; ``clean`` runs ``template.validate_rows`` on the row it makes."""

    revision = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, area_code: str, as_at: date, person: Person | None = None, **kwargs: Any):
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(person)
        super().__init__(*args, **kwargs)
        self.area_code, self.as_at, self.person = area_code, as_at, person
        self.row: RegisterRow | None = None
        self.layout: list[tuple[str, Column]] = []  # (kind, column) in template order
        for column in COLUMNS:
            hint = column.description
            if column.type is ColumnType.DATE:
                for part in DATE_PARTS:
                    self.fields[f"{column.name}_{part}"] = forms.CharField(required=False, max_length=4)
                self.layout.append(("date", column))
                continue
            if column.type is ColumnType.CHOICE:
                options = [("", "Not known" if not column.required else "Select")]
                options += [(c.code, c.label) for c in column.choices]
                field: forms.Field = forms.ChoiceField(choices=options, required=False)
                kind = "select"
            elif column.type is ColumnType.YES_NO:
                field = forms.ChoiceField(choices=[("Y", "Yes"), ("N", "No")], required=False)
                kind = "yes_no"
            else:
                field = forms.CharField(required=False, max_length=200)
                kind = "text"
                if column.type is ColumnType.NHS_NUMBER and person is not None and person.nhs_number_recorded:
                    hint = (
                        "An NHS number is recorded. Leave this empty to keep it, "
                        "or enter it again to change it."
                    )
            field.label = column.header + ("" if column.required else " (optional)")
            field.help_text = hint
            self.fields[column.name] = field
            self.layout.append((kind, column))

    def items(self) -> list[dict[str, Any]]:
        """What the template renders, in column order: one field, or a date's three parts."""
        out: list[dict[str, Any]] = []
        for kind, column in self.layout:
            if kind == "date":
                parts = [(p.title(), self[f"{column.name}_{p}"]) for p in DATE_PARTS]
                errors = self[f"{column.name}_day"].errors
                out.append({"kind": kind, "column": column, "parts": parts, "errors": errors})
            else:
                out.append({"kind": kind, "column": column, "field": self[column.name]})
        return out

    def date_text(self, column: Column) -> str:
        parts = [str(self.cleaned_data.get(f"{column.name}_{p}") or "").strip() for p in DATE_PARTS]
        if not any(parts):
            return ""
        day, month, year = parts
        return f"{day}/{month}/{year}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        raw: dict[str, str] = {}
        for column in COLUMNS:
            if column.type is ColumnType.DATE:
                raw[column.header] = self.date_text(column)
            else:
                raw[column.header] = str(cleaned.get(column.name) or "")
        raw["__row__"] = "2"
        result = validate_rows([raw], area_code=self.area_code, as_at=self.as_at)
        by_header = {c.header: c for c in COLUMNS}
        for error in result.errors:
            col = by_header.get(error.column)
            if col is None:
                self.add_error(None, error.message)
            elif col.type is ColumnType.DATE:
                self.add_error(f"{col.name}_day", error.message)
            else:
                self.add_error(col.name, error.message)
        if result.rows:
            self.row = result.rows[0]
        return cleaned


def initial_for(person: Person) -> dict[str, Any]:
    initial: dict[str, Any] = {"revision": person.revision, "local_reference": person.local_reference}
    for column in COLUMNS:
        value = getattr(person, column.name, None)
        if column.type is ColumnType.DATE:
            if value:
                initial.update({f"{column.name}_day": value.day, f"{column.name}_month": value.month})
                initial[f"{column.name}_year"] = value.year
        elif column.type is ColumnType.YES_NO:
            initial[column.name] = "Y" if value else "N"
        elif column.type in (ColumnType.CHOICE, ColumnType.TEXT):
            initial[column.name] = value or ""  # the NHS number is never shown back
    return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV file or an Excel workbook (.xlsx), using the template's columns. Up to 10 MB.",
        error_messages={
            "required": "Select a CSV or Excel file to upload",
            "empty": "The selected file is empty",
        },
    )


class SnapshotForm(forms.Form):
    as_at = forms.DateField(
        label="As at date",
        help_text="Usually the last day of a month, for example 2014-03-31",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Enter the as-at date",
            "invalid": "Enter a real date, for example 2014-03-31",
        },
    )
