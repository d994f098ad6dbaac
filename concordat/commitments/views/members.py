"""The national team adds and removes the people who record progress for a signatory organisation."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concordat.accounts import access as accounts_access
from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.models import User
from concordat.commitments import access, actions
from concordat.commitments.views.tracking import form_errors


class MemberForm(forms.Form):
    username = forms.CharField(
        label="Username of the person to add",
        max_length=150,
        error_messages={"required": "Enter the username of the person to add"},
    )

    def __init__(self, data: object, *, acting_user: User) -> None:
        super().__init__(data)  # type: ignore[arg-type]  # a QueryDict or None, as Form takes
        self.acting_user = acting_user

    def clean_username(self) -> User:
        username: str = self.cleaned_data["username"].strip()
        user = accounts_access.open_account_named(self.acting_user, username)
        if user is None:
            raise forms.ValidationError("There is no open account with that username")
        return user


@national_only
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = access.organisations_for_user(request.user)
    return render(request, "commitments/organisation_list.html", {"organisations": organisations})


@national_only
def organisation_members(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = access.get_organisation_for_user(request.user, organisation_slug)
    members = access.organisation_members_for_user(request.user, organisation)
    adding = request.method == "POST" and "remove" not in request.POST
    form = MemberForm(request.POST if adding else None, acting_user=request.user)
    if request.method == "POST" and "remove" in request.POST:
        membership = members.filter(pk=request.POST.get("remove") or 0).first()
        if membership is not None:
            actions.remove_organisation_member(membership, acting_user=request.user)
            messages.success(
                request, f"{membership.user} no longer records progress for {organisation.name}."
            )
        return redirect("commitments:organisation_members", organisation.slug)
    if form.is_bound and form.is_valid():
        person = form.cleaned_data["username"]
        actions.add_organisation_member(person, organisation, acting_user=request.user)
        messages.success(request, f"{person} now records progress for {organisation.name}.")
        return redirect("commitments:organisation_members", organisation.slug)
    return render(
        request,
        "commitments/organisation_members.html",
        {"organisation": organisation, "members": members, "form": form, "errors": form_errors(form)},
    )
