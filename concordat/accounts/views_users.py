"""The national team manages accounts and roles; everyone can change their own password."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from concordat.accounts import access, actions
from concordat.accounts.decorators import national_only, signed_in
from concordat.accounts.forms import MembershipForm, NewUserForm
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.areas.models import Area, Region


@national_only
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    users = access.accounts_for_user(request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@national_only
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


@national_only
def user_detail(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    person = access.get_account_for_user(request.user, user_id)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        actions.add_membership(
            person,
            role=data["role"],
            area=Area.objects.get(ons_code=data["area"]) if data["area"] else None,
            region=Region.objects.get(code=data["region"]) if data["region"] else None,
            signatory_role=data["signatory_role"],
            acting_user=request.user,
        )
        messages.success(request, f"Role added for {person}.")
        return redirect("accounts:user_detail", person.pk)
    memberships = person.memberships.select_related("area", "region")
    return render(
        request, "accounts/user_detail.html", {"person": person, "memberships": memberships, "form": form}
    )


@require_POST
@national_only
def membership_remove(request: AuthenticatedHttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for_user(request.user, user_id, membership_id)
    actions.remove_membership(membership, acting_user=request.user)
    messages.success(request, "Role removed.")
    return redirect("accounts:user_detail", user_id)


@require_POST
@national_only
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
