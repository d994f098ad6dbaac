"""The national team manages accounts and roles (on a session verified with two-factor recently: the
``privileged`` decorator); everyone can change their own password.

A register role is not given here but requested: a second national user who holds register access decides
(``views_grants``). Nobody gives themselves a role."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from concordat.accounts import access, actions
from concordat.accounts.decorators import privileged, signed_in
from concordat.accounts.forms import MembershipForm, NewUserForm
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.models import User
from concordat.areas.models import Area, Region


@privileged
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    users = access.accounts_for_user(request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@privileged
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.create_user(acting_user=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Account {user.username} created and an invitation sent to {user.email}. Now give them a role.",
        )
        return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


@privileged
def user_detail(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            messages.success(request, _give_role(request.user, person, form.cleaned_data))
            return redirect("accounts:user_detail", person.pk)
        except actions.NotAllowed as refused:
            form.add_error("role", str(refused))
    context = {
        "person": person,
        "memberships": person.memberships.select_related("area", "region"),
        "grants": access.role_grants_for_account(request.user, person),
        "form": form,
    }
    return render(request, "accounts/user_detail.html", context)


def _give_role(acting_user: User, person: User, data: dict[str, Any]) -> str:
    """Give the role, or ask for it if it needs a second person; what happened, to tell the user."""
    area = Area.objects.get(ons_code=data["area"]) if data["area"] else None
    if access.needs_second_approval(data["role"]):
        actions.request_role_grant(
            person, role=data["role"], area=area, acting_user=acting_user, now=timezone.now()
        )
        return (
            f"The role for {person} is waiting for approval by a national user who holds register access. "
            "Their list of requests shows it."
        )
    actions.add_membership(
        person,
        role=data["role"],
        area=area,
        region=Region.objects.get(code=data["region"]) if data["region"] else None,
        signatory_role=data["signatory_role"],
        acting_user=acting_user,
    )
    return f"Role added for {person}."


@require_POST
@privileged
def membership_remove(request: AuthenticatedHttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, user_id, membership_id)
    actions.remove_membership(membership, acting_user=request.user)
    messages.success(request, "Role removed.")
    return redirect("accounts:user_detail", user_id)


@require_POST
@privileged
def user_active(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    if person.pk == request.user.pk:
        messages.error(request, "You cannot close your own account.")
    else:
        active = request.POST.get("active") == "yes"
        actions.set_active(person, active, acting_user=request.user)
        messages.success(request, f"{person}'s account is {'open' if active else 'closed'}.")
    return redirect("accounts:user_detail", user_id)


class _PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["forced"] = getattr(self.request.user, "must_change_password", False)
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actions.password_changed(form.user)
        messages.success(self.request, "Your password has been changed.")
        return response


password_change = signed_in(_PasswordChangeView.as_view())
