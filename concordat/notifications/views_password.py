"""Setting a password from an invitation or reset link, and asking for a reset link.

The reset request never says whether an address has an account: the same page follows either way.
"""

from typing import Any

from axes.utils import reset as reset_lockouts
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from concordat.accounts import actions as account_actions
from concordat.accounts.decorators import public
from concordat.notifications.account_mail import queue_password_reset
from concordat.notifications.forms import ChoosePasswordForm, ForgottenPasswordForm


@public
def forgotten(request: HttpRequest) -> HttpResponse:
    form = ForgottenPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        queue_password_reset(form.cleaned_data["email"])
        request.session["reset_address"] = form.cleaned_data["email"]
        return redirect("passwords:check_email")
    return render(request, "notifications/password_forgotten.html", {"form": form})


@public
def check_email(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/password_check_email.html",
        {"address": request.session.get("reset_address", "")},
    )


class ChoosePasswordView(auth_views.PasswordResetConfirmView):
    template_name = "notifications/password_set.html"
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.user
        how = "invitation" if not user.has_usable_password() else "reset link"
        account_actions.set_password(user, form.cleaned_data["new_password1"], acting_user=None, how=how)
        reset_lockouts(username=user.get_username())
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(
            self.request, "Your password has been set. Sign in with your username and new password."
        )
        return redirect(self.success_url)


set_password = public(ChoosePasswordView.as_view())
