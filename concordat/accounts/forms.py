from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password

from concordat.accounts.models import Role, SignatoryRole, TokenScope, User
from concordat.accounts.tokens import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from concordat.areas.models import Area, Region


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Contact the programme team.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # AuthenticationForm's signature
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class TokenForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code shown in the app, for example 123456",
        max_length=8,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("The code must be 6 digits, for example 123456")
        return code


class NewUserForm(forms.Form):
    username = forms.RegexField(
        label="Username",
        regex=r"^[a-z0-9._-]{3,150}$",
        help_text="Lower case letters, numbers, dots, hyphens or underscores",
        error_messages={
            "required": "Enter a username",
            "invalid": "The username can only have lower case letters, numbers, dots, hyphens or underscores",
        },
    )
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter a first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter a last name"}
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username=username).exists():
            raise forms.ValidationError("That username is already taken")
        return username


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label="Role", error_messages={"required": "Select a role"})
    area = forms.ChoiceField(label="Area (for area roles)", required=False)
    region = forms.ChoiceField(label="Region (for regional leads)", required=False)
    signatory_role = forms.ChoiceField(label="Signs as (for signatories)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("role", Role.choices)
        self._set_choices(
            "area", [("", "None"), *Area.objects.order_by("name").values_list("ons_code", "name")]
        )
        self._set_choices(
            "region", [("", "None"), *Region.objects.order_by("name").values_list("code", "name")]
        )
        self._set_choices("signatory_role", [("", "None"), *SignatoryRole.choices])

    def _set_choices(self, name: str, choices: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role in (Role.AREA_EDITOR, Role.AREA_SIGNATORY, Role.VIEWER) and not cleaned.get("area"):
            self.add_error("area", "Select the area this role is for")
        if role == Role.REGIONAL_LEAD and not cleaned.get("region"):
            self.add_error("region", "Select the region this person leads")
        if role == Role.AREA_SIGNATORY and not cleaned.get("signatory_role"):
            self.add_error("signatory_role", "Select who this person signs as")
        if role != Role.AREA_SIGNATORY:
            cleaned["signatory_role"] = ""
        if role != Role.REGIONAL_LEAD:
            cleaned["region"] = ""
        if role in (Role.NATIONAL_TEAM, Role.REGIONAL_LEAD):
            cleaned["area"] = ""
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="What it is for, so you can tell your tokens apart, for example Leeds returns script",
        max_length=100,
        error_messages={"required": "Enter a name for the token"},
    )
    scope = forms.ChoiceField(
        label="What the token may do",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        error_messages={"required": "Select what the token may do"},
    )
    days = forms.IntegerField(
        label="Days until it expires",
        help_text=f"From 1 to {MAX_TOKEN_DAYS}",
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=DEFAULT_TOKEN_DAYS,
        error_messages={
            "required": "Enter how many days the token lasts",
            "invalid": "Enter the number of days as a whole number, for example 90",
            "min_value": "A token must last at least 1 day",
            "max_value": f"A token can last at most {MAX_TOKEN_DAYS} days",
        },
    )
    register = forms.BooleanField(
        label="Person-level register data (only after you sign in with your authenticator app)",
        required=False,
    )


class TemporaryPasswordForm(forms.Form):
    password = forms.CharField(
        label="Temporary password",
        help_text="At least 12 characters. Give it to the person by a different route from their username. "
        "They must choose their own when they next sign in.",
        error_messages={"required": "Enter a temporary password"},
    )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password
