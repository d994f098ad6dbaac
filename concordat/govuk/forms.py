"""The one date input: GOV.UK's three boxes (day, month, year) as a Django form field and widget.

Every date a person types goes through ``DateInputField``, so every form gives the Design System's messages
("Deadline must include a month", "Deadline must be a real date", "Year must include 4 numbers") and the
page shows the boxes through ``govuk/components/date_input.html``.

The field is posted as ``NAME-day``, ``NAME-month`` and ``NAME-year``. A single ``NAME`` value (``2013-09-30``
or ``30/09/2013``) is read too, so links and bookmarks that carry a date in one parameter keep working.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import format as date_format

from concordat.govuk.dates import long_date

PARTS = ("day", "month", "year")
# Long enough for "September"; anything longer is cut before it is shown back or parsed.
MAX_PART_CHARS = 10
# Dates before the Concordat's world or far beyond it are typing mistakes, not plans.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2099, 12, 31)

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        date_format(datetime.date(2000, number, 1), "F").lower(),
        date_format(datetime.date(2000, number, 1), "M").lower(),
    )
}
_ONE_VALUE = re.compile(r"^\s*(\d{1,4})\s*[-/.]\s*(\d{1,2}|[A-Za-z]+)\s*[-/.]\s*(\d{1,4})\s*$")


def _one_value(text: str) -> dict[str, str]:
    """Parts of a date given in one parameter: 2013-09-30 (ISO) or 30/09/2013."""
    match = _ONE_VALUE.match(text[:40])
    if not match:
        # Not a date's shape: kept whole in the day box so the field says it is not a real date.
        return {"day": text[:MAX_PART_CHARS], "month": "?", "year": "?"} if text.strip() else {}
    first, month, last = match.groups()
    day, year = (last, first) if len(first) == 4 else (first, last)
    return {"day": day, "month": month, "year": year}


class DateInputWidget(forms.Widget):
    """Reads the three boxes; the page draws them with ``govuk/components/date_input.html``."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> dict[str, str] | None:
        if any(f"{name}-{part}" in data for part in PARTS):
            return {part: str(data.get(f"{name}-{part}") or "").strip()[:MAX_PART_CHARS] for part in PARTS}
        if name in data:
            return _one_value(str(data.get(name) or ""))
        return None

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in PARTS)


def _missing_phrase(missing: list[str]) -> str:
    return " and ".join(missing) if len(missing) < 3 else "day, month and year"


class DateInputField(forms.Field):
    """A date typed into three boxes, checked with GOV.UK's messages.

    ``subject`` names the date in messages, capitalised as it starts a sentence ("Deadline", "Review date");
    ``required_message`` defaults to "Enter <subject>". ``earliest``/``latest`` bound the date (after the
    always-applied 1900 to 2099) with "must be the same as or after/before" messages; ``not_future`` refuses
    a date after today ("must be today or in the past").
    """

    widget = DateInputWidget

    def __init__(
        self,
        *,
        subject: str,
        required_message: str | None = None,
        earliest: datetime.date | None = None,
        latest: datetime.date | None = None,
        not_future: bool = False,
        **kwargs: Any,
    ) -> None:
        self.subject = subject
        self.earliest, self.latest, self.not_future = earliest, latest, not_future
        messages = {"required": required_message or f"Enter {subject[0].lower()}{subject[1:]}"}
        messages.update(kwargs.pop("error_messages", {}))
        kwargs.setdefault("label", subject)
        super().__init__(error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if not value or not any(value.values()):
            return None
        missing = [part for part in PARTS if not value.get(part)]
        if missing:
            raise ValidationError(
                f"{self.subject} must include a {_missing_phrase(missing)}",
                code="incomplete",
                params={"parts": missing},
            )
        return self._parse(value["day"], value["month"], value["year"])

    def _parse(self, day: str, month: str, year: str) -> datetime.date:
        month_number = month if month.isdigit() else str(_MONTHS.get(month.lower(), ""))
        numbers = (day, month_number, year)
        if not all(n.isdecimal() and n.isascii() for n in numbers):
            bad = [
                part for part, n in zip(PARTS, numbers, strict=True) if not (n.isdecimal() and n.isascii())
            ]
            raise ValidationError(
                f"{self.subject} must be a real date", code="invalid", params={"parts": bad}
            )
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="year", params={"parts": ["year"]})
        try:
            return datetime.date(int(year), int(month_number), int(day))
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        # Checked before the fixed range, so a year like 2999 gets the message that says what to do.
        if self.not_future and value > timezone.localdate():
            raise ValidationError(f"{self.subject} must be today or in the past", code="future")
        earliest = max(self.earliest or EARLIEST, EARLIEST)
        latest = min(self.latest or LATEST, LATEST)
        if value < earliest:
            raise ValidationError(
                f"{self.subject} must be the same as or after {long_date(earliest)}", code="too_early"
            )
        if value > latest:
            raise ValidationError(
                f"{self.subject} must be the same as or before {long_date(latest)}", code="too_late"
            )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        return value


def date_parts_of(field: forms.BoundField) -> list[tuple[str, str, int, str, bool]]:
    """(part, label, width, value, in_error) for each box of a bound ``DateInputField``.

    An error about missing or wrong parts marks only those boxes; any other error marks all three.
    """
    value = field.field.prepare_value(field.value()) if isinstance(field.field, DateInputField) else None
    values = value if isinstance(value, dict) else {}
    wrong: set[str] = set()
    for error in field.errors.as_data() if field.errors else ():
        wrong.update((error.params or {}).get("parts", PARTS))
    return [
        (part, part.capitalize(), 4 if part == "year" else 2, str(values.get(part, "")), part in wrong)
        for part in PARTS
    ]
