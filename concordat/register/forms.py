"""Forms for the register. A person's record is checked by the same rules as a bulk upload row."""

from datetime import date
from typing import Any

from django import forms

from concordat.govuk.forms import DateInputField
from concordat.register.models import Person
from concordat.register.template.columns import COLUMNS, Column, ColumnType
from concordat.register.template.validation import RegisterRow, validate_rows


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
                # Not required here: the row's rules say which dates are needed, with their own words.
                self.fields[column.name] = DateInputField(
                    subject=column.header,
                    label=column.header + ("" if column.required else " (optional)"),
                    help_text=f"{column.description} For example, 27 3 2014.",
                    required=False,
                )
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
        return [{"kind": kind, "column": column, "field": self[column.name]} for kind, column in self.layout]

    def date_text(self, column: Column) -> str:
        """The date as the upload's rules read it (dd/mm/yyyy); a date the field refused is left out."""
        value = self.cleaned_data.get(column.name)
        return value.strftime("%d/%m/%Y") if isinstance(value, date) else ""

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
            elif col.name not in self.errors:  # a date the field refused already says why
                self.add_error(col.name, error.message)
        if result.rows:
            self.row = result.rows[0]
        return cleaned


def initial_for(person: Person) -> dict[str, Any]:
    initial: dict[str, Any] = {"revision": person.revision, "local_reference": person.local_reference}
    for column in COLUMNS:
        value = getattr(person, column.name, None)
        if column.type is ColumnType.DATE:
            initial[column.name] = value
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
    as_at = DateInputField(
        subject="As at date",
        help_text="Usually the last day of a month, for example 31 3 2014",
        required_message="Enter the as-at date",
    )
