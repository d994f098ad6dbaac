"""The GOV.UK Design System's form components for a bound Django form field, written in Python.

They were template includes (``govuk/components/*.html``); a section page of nine questions rendered about
ninety of them, and resolving their variables through the template engine was two thirds of the page's CPU
(decision 0803). The markup is the Design System's, as the includes had it; the template tags in
``templatetags/govuk.py`` take the same arguments the includes did.

Every value is escaped (``format_html`` below); only markup built here is marked safe.
"""

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def _escaped(value: Any) -> str:
    """Django's ``conditional_escape`` without its lazy-string wrapper, which cost more than the markup."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def format_html(markup: str, *values: Any) -> SafeString:
    """``django.utils.html.format_html``: each value escaped unless already safe."""
    return mark_safe(markup.format(*(_escaped(v) for v in values)))


def format_html_join(sep: str, markup: str, rows: Iterable[Sequence[Any]]) -> SafeString:
    return mark_safe(sep.join(format_html(markup, *row) for row in rows))


ERROR_PREFIX = mark_safe('<span class="govuk-visually-hidden">Error:</span> ')


@dataclass(frozen=True)
class Field:
    """What a component reads of a bound field, each read once."""

    id: str
    name: str
    label: str
    hint: str
    errors: Sequence[str]

    @classmethod
    def of(cls, field: forms.BoundField, *, by_auto_id: bool = False) -> "Field":
        the_id = field.auto_id if by_auto_id else field.id_for_label
        return cls(
            id=str(the_id or ""),
            name=field.html_name,
            label=str(field.label or ""),
            hint=str(field.help_text or ""),
            errors=[str(e) for e in field.errors],
        )

    def group_class(self, base: str = "govuk-form-group") -> str:
        return f"{base} govuk-form-group--error" if self.errors else base

    def described_by(self, hint: str | None = None) -> SafeString:
        """` aria-describedby="…"` naming the hint and the error; nothing without them."""
        has_hint = self.hint if hint is None else hint
        if not has_hint and not self.errors:
            return mark_safe("")
        ids = [f"{self.id}-hint"] if has_hint else []
        ids += [f"{self.id}-error"] if self.errors else []
        return format_html(' aria-describedby="{}"', " ".join(ids))

    def hint_html(self, hint: str | None = None) -> SafeString:
        text = self.hint if hint is None else hint
        if not text:
            return mark_safe("")
        return format_html('<div id="{}-hint" class="govuk-hint">{}</div>', self.id, text)

    def errors_html(self) -> SafeString:
        return format_html_join(
            "",
            '<p id="{}-error" class="govuk-error-message">{}{}</p>',
            ((self.id, ERROR_PREFIX, e) for e in self.errors),
        )


def _label(f: Field, label: Any, label_class: Any = "") -> SafeString:
    css = f"govuk-label {label_class}" if label_class else "govuk-label"
    return format_html('<label class="{}" for="{}">{}</label>', css, f.id, label or f.label)


def _group_open(f: Field, label: SafeString) -> SafeString:
    """A single input's form group, up to the input: label, hint, errors."""
    return format_html(
        '<div class="{}">\n  {}\n  {}\n  {}\n  ', f.group_class(), label, f.hint_html(), f.errors_html()
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def textarea(field: forms.BoundField, *, label: Any = "", label_class: Any = "", rows: Any = 5) -> SafeString:
    f = Field.of(field)
    css = "govuk-textarea govuk-textarea--error" if f.errors else "govuk-textarea"
    return format_html(
        '{}<textarea class="{}" id="{}" name="{}" rows="{}"{}>{}</textarea>\n</div>',
        _group_open(f, _label(f, label, label_class)),
        css,
        f.id,
        f.name,
        rows or 5,
        f.described_by(),
        _text(field.value()),
    )


def text_input(
    field: forms.BoundField,
    *,
    label: Any = "",
    label_class: Any = "",
    type: Any = "text",  # the include's argument: the input's attribute
    width: Any = "",
    autocomplete: Any = "",
    spellcheck: Any = "",
) -> SafeString:
    f = Field.of(field)
    css = "govuk-input" + (f" govuk-input--width-{width}" if width else "")
    css += " govuk-input--error" if f.errors else ""
    value = field.value()
    if type == "date" and hasattr(value, "isoformat"):
        value = value.isoformat()[:10]
    extra = format_html(' autocomplete="{}"', autocomplete) if autocomplete else mark_safe("")
    extra += format_html(' spellcheck="{}"', spellcheck) if spellcheck else mark_safe("")
    return format_html(
        '{}<input class="{}" id="{}" name="{}" type="{}" value="{}"{}{}>\n</div>',
        _group_open(f, _label(f, label, label_class)),
        css,
        f.id,
        f.name,
        type or "text",
        _text(value),
        f.described_by(),
        extra,
    )


def file_input(field: forms.BoundField, *, label: Any = "", accept: Any = "") -> SafeString:
    f = Field.of(field)
    css = "govuk-file-upload govuk-file-upload--error" if f.errors else "govuk-file-upload"
    return format_html(
        '{}<input class="{}" id="{}" name="{}" type="file"{}{}>\n</div>',
        _group_open(f, _label(f, label)),
        css,
        f.id,
        f.name,
        format_html(' accept="{}"', accept) if accept else mark_safe(""),
        f.described_by(),
    )


def checkbox(field: forms.BoundField, *, label: Any = "", conditional: Any = "") -> SafeString:
    """One checkbox (a ``BooleanField``), for a ``govuk-checkboxes`` block the template opens."""
    f = Field.of(field)
    return format_html(
        '<div class="govuk-checkboxes__item">\n  <input class="govuk-checkboxes__input" id="{}" name="{}"'
        ' type="checkbox" value="on"{}{}>\n'
        '  <label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>\n</div>',
        f.id,
        f.name,
        mark_safe(" checked") if field.value() else mark_safe(""),
        format_html(' data-aria-controls="{}"', conditional) if conditional else mark_safe(""),
        f.id,
        label or f.label,
    )


def _fieldset_open(f: Field, legend: Any, legend_class: Any) -> SafeString:
    """The form group and fieldset a set of radios or checkboxes sits in, with its legend, hint and errors."""
    return format_html(
        '<div class="{}">\n  <fieldset class="govuk-fieldset"{}>\n'
        '    <legend class="govuk-fieldset__legend {}">{}</legend>\n    {}\n    {}',
        f.group_class(),
        f.described_by(),
        legend_class or "govuk-fieldset__legend--s",
        legend or f.label,
        f.hint_html(),
        f.errors_html(),
    )


def _choice_items(
    f: Field, choices: Iterable[tuple[Any, Any]], input_type: str, selected: set[str]
) -> SafeString:
    """The radios' or checkboxes' items: the first takes the field's id (where its label and errors
    point), each other the id with its value."""
    item = "radios" if input_type == "radio" else "checkboxes"
    rows: list[str] = []
    for value, text in choices:
        if input_type == "radio" and value == "":
            continue  # a blank choice means "not answered", not an option to pick
        the_id = f"{f.id}-{value}" if rows else f.id
        rows.append(
            format_html(
                '      <div class="govuk-{}__item">\n'
                '        <input class="govuk-{}__input" id="{}" name="{}" type="{}" value="{}"{}>\n'
                '        <label class="govuk-label govuk-{}__label" for="{}">{}</label>\n      </div>',
                item,
                item,
                the_id,
                f.name,
                input_type,
                value,
                mark_safe(" checked") if str(value) in selected else mark_safe(""),
                item,
                the_id,
                text,
            )
        )
    return mark_safe("\n".join(rows))


def radios(
    field: forms.BoundField,
    *,
    legend: Any = "",
    legend_class: Any = "",
    inline: Any = False,
    small: Any = False,
) -> SafeString:
    f = Field.of(field, by_auto_id=True)
    value = field.value()
    css = "govuk-radios" + (" govuk-radios--inline" if inline else "")
    css += " govuk-radios--small" if small else ""
    return format_html(
        '{}\n    <div class="{}" data-module="govuk-radios">\n{}\n    </div>\n  </fieldset>\n</div>',
        _fieldset_open(f, legend, legend_class),
        css,
        _choice_items(f, getattr(field.field, "choices", ()), "radio", {_text(value)}),
    )


def checkboxes(
    field: forms.BoundField, *, legend: Any = "", legend_class: Any = "", small: Any = False
) -> SafeString:
    f = Field.of(field, by_auto_id=True)
    values = field.value() or ()
    css = "govuk-checkboxes" + (" govuk-checkboxes--small" if small else "")
    return format_html(
        '{}\n    <div class="{}" data-module="govuk-checkboxes">\n{}\n    </div>\n  </fieldset>\n</div>',
        _fieldset_open(f, legend, legend_class),
        css,
        _choice_items(f, getattr(field.field, "choices", ()), "checkbox", {_text(v) for v in values}),
    )


def hidden(field: forms.BoundField) -> SafeString:
    """A hidden input, as ``BoundField.as_hidden`` writes it without going through the widget's template."""
    value = _text(field.value())
    return format_html(
        '<input type="hidden" name="{}" value="{}" id="{}">', field.html_name, value, field.auto_id
    )


# A return's state as a GOV.UK tag: the colour says the stage (grey: not started or unknown).
STATE_COLOURS = {
    "accepted": "green",
    "signed_off": "turquoise",
    "submitted": "blue",
    "queried": "orange",
    "answered": "purple",
    "in_progress": "light-blue",
}


def status_tag(state: Any, label: Any) -> SafeString:
    colour = STATE_COLOURS.get(str(state), "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
