"""The outbox (what was sent, to whom, when) and each person's choice of optional emails."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concordat.accounts.access import get_account_for_user
from concordat.accounts.decorators import national_only, privileged, signed_in
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.notifications import access, actions
from concordat.notifications.account_mail import queue_invitation
from concordat.notifications.forms import PreferencesForm
from concordat.notifications.kinds import ALL
from concordat.notifications.models import MessageState

PAGE_SIZE = 50


@national_only
def outbox(request: HttpRequest) -> HttpResponse:
    messages_sent = access.outbox_for_user(request.user)
    state = request.GET.get("state", "")
    if state in MessageState.values:
        messages_sent = messages_sent.filter(state=state)
    page = Paginator(messages_sent, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox.html",
        {"page": page, "state": state, "states": MessageState.choices},
    )


@signed_in
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, wanted=access.wanted_kinds(request.user))
    if request.method == "POST" and form.is_valid():
        actions.set_preferences(request.user, form.wanted(), acting_user=request.user)
        messages.success(request, "Your email choices have been saved.")
        return redirect("notifications:preferences")
    always = [kind for kind in ALL if not kind.optional]
    return render(request, "notifications/preferences.html", {"form": form, "always": always})


@require_POST
@privileged
def invite_again(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    """A new invitation link, for someone whose link stopped working or never arrived."""
    person = get_account_for_user(request.user, user_id)
    if not person.is_active:
        raise Http404
    if queue_invitation(person, acting_user=request.user, again=True) is None:
        messages.error(request, f"{person} has no email address, so no invitation was sent.")
    else:
        messages.success(request, f"A new invitation has been sent to {person.email}.")
    return redirect("accounts:user_detail", person.pk)
