"""Template helpers for GOV.UK Design System markup."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.utils.dateformat import format as date_format

from concordat.govuk import components
from concordat.govuk.dates import clock_time, date_and_time, long_date
from concordat.govuk.forms import DateInputField, date_parts_of

register = template.Library()


@register.simple_tag
def form_errors(form: forms.BaseForm | None) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, anchored to each field's input."""
    if form is None or not form.is_bound or not form.errors:
        return []
    pairs: list[tuple[str, str]] = []
    for name, errors in form.errors.items():
        anchor = _anchor(form[name]) if name in form.fields else ""
        pairs.extend((anchor, str(e)) for e in errors)
    return pairs


def _anchor(field: forms.BoundField) -> str:
    """The input an error links to: a date input's first box in error (GOV.UK's pattern)."""
    if isinstance(field.field, DateInputField):
        wrong = [part for part, _label, _width, _value, in_error in date_parts_of(field) if in_error]
        return f"{field.auto_id}-{wrong[0] if wrong else 'day'}"
    return str(field.auto_id)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def date_parts(field: forms.BoundField) -> list[tuple[str, str, int, str, bool]]:
    """(part, label, width, value, in_error) for the boxes of a GOV.UK date input (``DateInputField``)."""
    return date_parts_of(field)


@register.filter
def govuk_date(value: datetime.date | str | None) -> str:
    """5 July 2013 (an ISO date string too). Nothing for no date; text that is not a date as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            return long_date(datetime.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return long_date(value)


@register.filter
def govuk_time(value: datetime.datetime | None) -> str:
    """9:46pm."""
    return clock_time(value) if value else ""


@register.filter
def govuk_datetime(value: datetime.datetime | None) -> str:
    """5 July 2013 at 9:46pm."""
    return date_and_time(value) if value else ""


@register.filter
def date_choices(items: Iterable[Any], attribute: str) -> list[tuple[str, str]]:
    """(value, text) pairs for a select of each item's date ``attribute``: 2013-06-30, "30 June 2013"."""
    return [
        (day.isoformat(), date_format(day, "j F Y")) for day in (getattr(item, attribute) for item in items)
    ]


@register.simple_tag
def select_options(field: Any, options: Any = (), selected: Any = None) -> list[tuple[Any, Any, bool]]:
    """(value, text, is_selected) for a select: a bound field's choices and value, else ``options`` and
    ``selected``. Compared as text, so a posted "3" selects the option for 3."""
    if isinstance(field, forms.BoundField):
        options, selected = getattr(field.field, "choices", ()), field.value()
    current = None if selected is None else str(selected)
    return [(value, text, str(value) == current) for value, text in options or ()]


# The form components a question renders (concordat/govuk/components.py, decision 0803): the same
# arguments the template includes took, e.g. {% govuk_textarea field=form.evidence label="…" rows=6 %}.
@register.simple_tag
def govuk_textarea(field: forms.BoundField, label: Any = "", label_class: Any = "", rows: Any = 5) -> str:
    return components.textarea(field, label=label, label_class=label_class, rows=rows)


@register.simple_tag
def govuk_input(field: forms.BoundField, **options: Any) -> str:
    return components.text_input(field, **options)


@register.simple_tag
def govuk_file(field: forms.BoundField, label: Any = "", accept: Any = "") -> str:
    return components.file_input(field, label=label, accept=accept)


@register.simple_tag
def govuk_checkbox(field: forms.BoundField, label: Any = "", conditional: Any = "") -> str:
    return components.checkbox(field, label=label, conditional=conditional)


@register.simple_tag
def govuk_radios(field: forms.BoundField, **options: Any) -> str:
    return components.radios(field, **options)


@register.simple_tag
def govuk_checkboxes(field: forms.BoundField, **options: Any) -> str:
    return components.checkboxes(field, **options)


@register.simple_tag
def govuk_hidden(field: forms.BoundField) -> str:
    return components.hidden(field)


@register.simple_tag
def govuk_status_tag(state: Any, label: Any) -> str:
    return components.status_tag(state, label)
