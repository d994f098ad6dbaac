"""The national team's publishing forms: the embargo date, and the notice left by a withdrawal."""

import datetime
from typing import Any

from django import forms


class PublishForm(forms.Form):
    """The embargo date, as a GOV.UK date input (day, month and year in separate boxes)."""

    embargo_until = forms.DateField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label="I have checked the preview: publish these returns from the embargo date",
        error_messages={"required": "Confirm that you have checked the preview"},
    )

    PARTS = ("day", "month", "year")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parts = [str(self.data.get(f"embargo_until-{p}", "")).strip() for p in self.PARTS]
        cleaned["embargo_until"] = None
        if not any(parts):
            self.add_error("embargo_until", "Enter the date the returns become public")
        elif not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            self.add_error("embargo_until", "The embargo date must be a real date, for example 1 10 2013")
        else:
            try:
                cleaned["embargo_until"] = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                self.add_error("embargo_until", "The embargo date must be a real date, for example 1 10 2013")
        return cleaned


class WithdrawForm(forms.Form):
    notice = forms.CharField(
        label="Notice the public will see instead",
        help_text="Say what was withdrawn and why, without naming anyone.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the notice the public will see instead"},
    )
