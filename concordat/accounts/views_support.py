"""The national team's help for a person who cannot get in: unlock, reset two-factor, reset the password.

Each asks for confirmation on a page of its own (GET) and acts on POST, on a session verified with
two-factor recently (``privileged``). Nobody sets up another person's authenticator: after a reset, the
person is emailed a one-time link when they next need one (``accounts.enrolment``).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concordat.accounts import access, actions
from concordat.accounts.decorators import privileged
from concordat.accounts.forms import TemporaryPasswordForm
from concordat.accounts.http import AuthenticatedHttpRequest


@privileged
def user_unlock(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    if request.method == "POST":
        removed = actions.unlock_account(person, acting_user=request.user)
        messages.success(request, f"{person} can sign in again ({removed} failed attempts forgotten).")
        return redirect("accounts:user_detail", person.pk)
    return render(request, "accounts/user_unlock.html", {"person": person})


@privileged
def user_two_factor_reset(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    if request.method == "POST":
        actions.reset_two_factor(person, acting_user=request.user)
        messages.success(request, f"{person} will set up a new authenticator app when they next need one.")
        return redirect("accounts:user_detail", person.pk)
    has_device = access.confirmed_totp_device(person) is not None
    return render(
        request, "accounts/user_two_factor_reset.html", {"person": person, "has_device": has_device}
    )


@privileged
def user_password_reset(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    form = TemporaryPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.set_temporary_password(person, form.cleaned_data["password"], acting_user=request.user)
        messages.success(
            request, f"{person} has a temporary password. They must change it when they sign in."
        )
        return redirect("accounts:user_detail", person.pk)
    return render(request, "accounts/user_password_reset.html", {"person": person, "form": form})
