"""Template helpers for GOV.UK Design System markup."""

from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.utils.dateformat import format as date_format

register = template.Library()


@register.simple_tag
def form_errors(form: forms.BaseForm | None) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, anchored to each field's input."""
    if form is None or not form.is_bound or not form.errors:
        return []
    pairs: list[tuple[str, str]] = []
    for name, errors in form.errors.items():
        anchor = form[name].auto_id if name in form.fields else ""
        pairs.extend((anchor, str(e)) for e in errors)
    return pairs


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def date_parts(form: forms.BaseForm, name: str) -> list[tuple[str, str, int, str]]:
    """(part, label, width, value) for a GOV.UK date input posted as ``name``-day, -month and -year."""
    data = form.data if form.is_bound else {}
    return [
        (part, part.capitalize(), 4 if part == "year" else 2, str(data.get(f"{name}-{part}", "")))
        for part in ("day", "month", "year")
    ]


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
