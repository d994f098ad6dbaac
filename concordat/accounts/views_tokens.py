"""A person's own API tokens: make one (shown once), see them, revoke one."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts import access, actions, tokens
from concordat.accounts.decorators import signed_in
from concordat.accounts.forms import ApiTokenForm
from concordat.accounts.http import AuthenticatedHttpRequest


def _revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    token_id = request.POST.get("token", "")
    token = tokens.tokens_for_user(request.user).filter(pk=token_id).first() if token_id.isdigit() else None
    if token is None:
        raise Http404
    actions.revoke_api_token(token, acting_user=request.user, now=timezone.now())
    messages.success(request, f"{token.name} is revoked. It no longer works.")
    return redirect("accounts:api_tokens")


@signed_in
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    verified = request.user.is_verified()
    may_register = verified and access.can_see_register(request.user)
    if request.method == "POST" and request.POST.get("action") == "revoke":
        return _revoke(request)
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if not may_register:
        del form.fields["register"]
    new_token = ""
    if form.is_bound and form.is_valid():
        _, new_token = actions.create_api_token(
            request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            register=bool(form.cleaned_data.get("register")),
            days=form.cleaned_data["days"],
            verified=verified,
            now=timezone.now(),
        )
        form = ApiTokenForm()
        if not may_register:
            del form.fields["register"]
    now = timezone.now()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": [
                (t, t.is_usable(now)) for t in tokens.tokens_for_user(request.user).select_related("user")
            ],
            "can_see_register": access.can_see_register(request.user),
            "may_register": may_register,
        },
    )
