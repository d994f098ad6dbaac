"""Submitted versions: read, compare, sign; the national team's decision; the area's answer to a query.

The version page is rendered by ``_version_page`` for a plain read and again, with the bound form and its
errors, when a signature, decision or answer posted to it does not validate (GOV.UK error summary and inline
errors, not a banner).
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concordat.accounts import access as account_access
from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped, national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.questionnaires.models import Section
from concordat.returns import access, actions, steps
from concordat.returns.content import diff
from concordat.returns.forms import QueryResponseForm, ReviewForm, SignForm
from concordat.returns.lifecycle import Step
from concordat.returns.models import ReturnVersion, Review, ReviewDecision
from concordat.returns.panels import render_panels
from concordat.returns.progress import signatory_labels
from concordat.returns.since import since_last_round

Errors = list[tuple[str, str]]


@area_scoped(Capability.READ)
def version_list(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    versions = access.versions_of(ret)
    return render(request, "returns/version_list.html", {"ret": ret, "versions": versions})


def _open_query(version: ReturnVersion, reviews: list[Review]) -> Review | None:
    """The version's query still waiting for the area's answer, if the return is at that stage."""
    last = reviews[-1] if reviews else None
    waiting = version.ret.state == "queried" and version.ret.latest_version_id == version.pk
    if waiting and last and last.decision == ReviewDecision.QUERIED and last.responded_at is None:
        return last
    return None


def _forms_offered(
    request: AuthenticatedHttpRequest, version: ReturnVersion, reviews: list[Review]
) -> dict[str, Any]:
    """The unbound forms the lifecycle offers this person on this version (none on a superseded one)."""
    ret = version.ret
    offered = (
        {s.step for s in steps.next_steps(request.user, ret)}
        if ret.latest_version_id == version.pk
        else set()
    )
    forms: dict[str, Any] = {"sign_form": None, "review_form": None, "query_form": None}
    if Step.SIGN in offered:
        roles = steps.roles_to_sign(request.user, ret)
        forms["sign_form"] = SignForm(roles=roles, initial={"content_hash": version.content_hash})
    if offered & {Step.ACCEPT, Step.QUERY}:
        forms["review_form"] = ReviewForm(can_accept=actions.is_signed_off(version))
    if Step.ANSWER in offered and _open_query(version, reviews):
        forms["query_form"] = QueryResponseForm()
    return forms


def _version_page(
    request: AuthenticatedHttpRequest, version: ReturnVersion, *, errors: Errors | None = None, **bound: Any
) -> HttpResponse:
    ret = version.ret
    labels = signatory_labels(ret)
    signed = {s.role: s for s in version.signatures.all()}
    reviews = access.reviews_of(version)
    forms = {**_forms_offered(request, version, reviews), **bound}
    is_latest = ret.latest_version_id == version.pk
    sections = Section.objects.filter(questionnaire=ret.round.questionnaire).prefetch_related("questions")
    return render(
        request,
        "returns/version_detail.html",
        {
            "ret": ret,
            "version": version,
            "is_latest": is_latest,
            "latest": ret.latest_version,
            "my_roles_to_sign": steps.roles_to_sign(request.user, ret),
            "is_signatory": bool(account_access.signatory_roles(request.user, ret.area)),
            "next_steps": steps.next_steps(request.user, ret) if is_latest else [],
            "waiting": steps.waiting(ret),
            "sections": sections,
            "panels": render_panels(request, ret, sections),
            "content": version.content,
            "since": since_last_round(ret, version.content),
            "signatories": [(r, lbl, signed.get(r)) for r, lbl in labels],
            "reviews": reviews,
            "open_query": _open_query(version, reviews),
            "previous": version.number - 1 if version.number > 1 else None,
            "errors": errors or [],
            **forms,
        },
    )


@area_scoped(Capability.READ)
def version_detail(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int
) -> HttpResponse:
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    return _version_page(request, version)


def _form_errors(form: Any, prefix: str = "") -> Errors:
    return [(f"{prefix}{form[name].auto_id}", str(e)) for name, errs in form.errors.items() for e in errs]


@area_scoped(Capability.SIGN)
def version_sign(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int
) -> HttpResponse:
    if request.method != "POST":
        return redirect("returns:version_detail", round_slug, ons_code, number)
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    ret = version.ret
    roles = [
        (r, lbl)
        for r, lbl in signatory_labels(ret)
        if r in account_access.signatory_roles(request.user, ret.area)
    ]
    form = SignForm(request.POST, roles=roles)
    if not form.is_valid():
        return _version_page(request, version, errors=_form_errors(form), sign_form=form)
    try:
        actions.sign_version(
            version,
            form.cleaned_data["role"],
            seen_hash=form.cleaned_data["content_hash"],
            acting_user=request.user,
        )
    except actions.ActionError as exc:
        return _version_page(request, version, errors=[("", exc.message)])
    messages.success(request, f"You have signed version {version.number}.")
    return redirect("returns:version_detail", round_slug, ons_code, number)


@area_scoped(Capability.READ)
def version_diff(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int, other: int
) -> HttpResponse:
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    before = access.get_version_for_user(request.user, round_slug, ons_code, other)
    if before.pk == version.pk:
        raise Http404
    return render(
        request,
        "returns/version_diff.html",
        {
            "ret": version.ret,
            "version": version,
            "before": before,
            "changes": diff(before.content, version.content),
        },
    )


@area_scoped(Capability.EDIT)
def query_respond(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int
) -> HttpResponse:
    if request.method != "POST":
        return redirect("returns:version_detail", round_slug, ons_code, number)
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    review = access.latest_query(version)
    if review is None:
        raise Http404
    form = QueryResponseForm(request.POST)
    if form.is_valid():
        try:
            actions.respond_to_query(review, acting_user=request.user, response=form.cleaned_data["response"])
        except actions.ActionError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
                return _version_page(request, version, errors=_form_errors(form), query_form=form)
            return _version_page(request, version, errors=[("", exc.message)])
        messages.success(request, "Your response has been sent to the national team.")
        return redirect("returns:task_list", round_slug, ons_code)
    return _version_page(request, version, errors=_form_errors(form), query_form=form)


@require_POST
@national_only
def review(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int) -> HttpResponse:
    """The national team accepts the version or queries it (again, after an answer)."""
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    form = ReviewForm(request.POST, can_accept=actions.is_signed_off(version))
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                actions.accept_version(
                    version, acting_user=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, f"{version.ret.area.name}'s return is accepted and locked.")
            else:
                actions.query_version(version, acting_user=request.user, comment=form.cleaned_data["comment"])
                messages.success(request, f"Query sent to {version.ret.area.name}.")
        except actions.ActionError as exc:
            if exc.field not in form.fields:
                return _version_page(request, version, errors=[("", exc.message)])
            form.add_error(exc.field, exc.message)
        else:
            return redirect("returns:version_detail", round_slug, ons_code, number)
    return _version_page(request, version, errors=_form_errors(form), review_form=form)
