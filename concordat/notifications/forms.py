from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from concordat.notifications.kinds import OPTIONAL


class ForgottenPasswordForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address your Concordat account uses",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]  # SetPasswordForm is generic in the stubs
    """Django's set-password form with GOV.UK wording."""

    error_messages = {"password_mismatch": "The two passwords do not match. Enter the same password twice"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters. A few unrelated words work well."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class PreferencesForm(forms.Form):
    """One checkbox per optional kind of message."""

    def __init__(self, *args: Any, wanted: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in OPTIONAL:
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.key in wanted
            )

    def wanted(self) -> list[str]:
        return [kind.key for kind in OPTIONAL if self.cleaned_data.get(kind.key)]
