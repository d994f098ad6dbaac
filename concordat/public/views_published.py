"""Published returns: the public pages, the area's preview, and the national team's publish and withdraw."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped, national_only, public
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.govuk.templatetags.govuk import form_errors
from concordat.returns import actions
from concordat.returns.actions import ActionError

from . import access
from .forms import PublishForm, WithdrawForm
from .published import STATUS_LABELS, public_return


@public
def round_published(request: HttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round(round_slug)
    publication = access.live_publication(rnd, timezone.localdate())
    items = list(access.live_items(publication)) if publication else []
    return render(
        request, "public/round_published.html", {"round": rnd, "publication": publication, "items": items}
    )


@public
def return_published(request: HttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    rnd, area = access.get_round(round_slug), access.get_area(ons_code)
    item = access.published_item(rnd, area, timezone.localdate())
    content = public_return(item.version) if item and item.withdrawn_at is None else None
    return render(
        request,
        "public/return_published.html",
        {"round": rnd, "area": area, "item": item, "content": content, "labels": STATUS_LABELS},
    )


@area_scoped(Capability.READ)
def return_preview(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    rnd, area = access.get_round(round_slug), access.get_area(ons_code)
    version, published = access.preview_version_for_user(request.user, rnd, area)
    return render(
        request,
        "public/return_preview.html",
        {
            "round": rnd,
            "area": area,
            "published": published,
            "publication": getattr(rnd, "publication", None) if published else None,
            "content": public_return(version) if version else None,
            "labels": STATUS_LABELS,
        },
    )


@national_only
def round_publish(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round(round_slug)
    publication = access.publication_preview_for_user(request.user, rnd)
    form = PublishForm(request.POST or None)
    error = ""
    if request.method == "POST" and publication is None and form.is_valid():
        try:
            actions.publish_round(
                rnd,
                embargo_until=form.cleaned_data["embargo_until"],
                as_at=timezone.localdate(),
                acting_user=request.user,
            )
        except ActionError as exc:
            error = str(exc)
        else:
            messages.success(request, f"{rnd.title} is published.")
            return redirect("public:round_publish", round_slug=rnd.slug)
    versions = actions.accepted_versions(rnd) if publication is None else []
    return render(
        request,
        "public/round_publish.html",
        {
            "round": rnd,
            "publication": publication,
            "form": form,
            "versions": versions,
            "errors": form_errors(form) + ([("", error)] if error else []),
        },
    )


@national_only
def return_withdraw(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    rnd, area = access.get_round(round_slug), access.get_area(ons_code)
    ret, item = access.return_for_withdrawal(request.user, rnd, area)
    form = WithdrawForm(request.POST or None)
    error = ""
    if request.method == "POST" and ret is not None and form.is_valid():
        try:
            actions.withdraw_published_return(
                ret, notice=form.cleaned_data["notice"], acting_user=request.user
            )
        except ActionError as exc:
            error = str(exc)
        else:
            messages.success(request, f"{area.name}'s published return is withdrawn.")
            return redirect("public:round_publish", round_slug=rnd.slug)
    return render(
        request,
        "public/return_withdraw.html",
        {
            "round": rnd,
            "area": area,
            "item": item,
            "form": form,
            "errors": form_errors(form) + ([("", error)] if error else []),
        },
    )
