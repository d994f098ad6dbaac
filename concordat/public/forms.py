"""The national team's publishing forms: the embargo date, and the notice left by a withdrawal."""

from django import forms

from concordat.govuk.forms import DateInputField


class PublishForm(forms.Form):
    """The embargo date, as a GOV.UK date input (day, month and year in separate boxes)."""

    embargo_until = DateInputField(
        subject="Embargo date",
        label="Public from (embargo date)",
        required_message="Enter the date the returns become public",
    )
    confirm = forms.BooleanField(
        label="I have checked the preview: publish these returns from the embargo date",
        error_messages={"required": "Confirm that you have checked the preview"},
    )


class WithdrawForm(forms.Form):
    notice = forms.CharField(
        label="Notice the public will see instead",
        help_text="Say what was withdrawn and why, without naming anyone.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the notice the public will see instead"},
    )
