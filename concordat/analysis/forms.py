"""Filters and the good-practice review form."""

from typing import Any

from django import forms
from django.utils import timezone

from .models import THEME_CHOICES


class BasisForm(forms.Form):
    basis = forms.ChoiceField(
        choices=[("accepted", "Accepted returns"), ("provisional", "Provisional: all submitted returns")],
        required=False,
    )
    as_at = forms.DateField(required=False, input_formats=["%Y-%m-%d"], label="As at (YYYY-MM-DD)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        as_at = cleaned.get("as_at")
        if as_at and as_at > timezone.localdate():
            self.add_error("as_at", "The 'as at' date must be today or in the past.")
        return cleaned

    @property
    def provisional(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("basis") == "provisional"


class DashboardFilterForm(BasisForm):
    region = forms.ChoiceField(required=False)
    area_type = forms.ChoiceField(required=False, label="Area type")


class LibraryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search examples")
    round = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(choices=[("", "All themes"), *THEME_CHOICES], required=False)
    review = forms.ChoiceField(
        choices=[
            ("", "Any"),
            ("unreviewed", "Not reviewed"),
            ("reviewed", "Reviewed"),
            ("publishable", "Publishable"),
        ],
        required=False,
        label="Review",
    )


class ReviewForm(forms.Form):
    theme = forms.ChoiceField(choices=[("", "No theme yet"), *THEME_CHOICES], required=False)
    reviewed = forms.BooleanField(required=False, label="Reviewed by the national team")
    publishable = forms.BooleanField(required=False, label="Publishable in the national report")
    note = forms.CharField(required=False, widget=forms.Textarea, max_length=2000, label="Note (optional)")


class ChangeForm(forms.Form):
    since = forms.ChoiceField(label="Compare with the earlier round")
    area = forms.ChoiceField(required=False, label="Area (optional)")
