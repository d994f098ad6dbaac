"""Filters and the good-practice review form."""

from django import forms

from concordat.govuk.forms import DateInputField

from .models import THEME_CHOICES


class BasisForm(forms.Form):
    basis = forms.ChoiceField(
        choices=[("accepted", "Accepted returns"), ("provisional", "Provisional: all submitted returns")],
        required=False,
    )
    as_at = DateInputField(subject="As at date", label="As at", required=False, not_future=True)

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
