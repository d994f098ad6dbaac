"""Submitted versions: read, compare, sign; the area's answer to a query."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from concordat.accounts import access as account_access
from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.questionnaires.models import Section
from concordat.returns import access, actions
from concordat.returns.content import diff
from concordat.returns.forms import QueryResponseForm, ReviewForm, SignForm
from concordat.returns.models import ReviewDecision
from concordat.returns.progress import signatory_labels


@area_scoped(Capability.READ)
def version_list(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    versions = access.versions_of(ret)
    return render(request, "returns/version_list.html", {"ret": ret, "versions": versions})


@area_scoped(Capability.READ)
def version_detail(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, number: int
) -> HttpResponse:
    version = access.get_version_for_user(request.user, round_slug, ons_code, number)
    ret = version.ret
    labels = signatory_labels(ret)
    signed = {s.role: s for s in version.signatures.all()}
    my_roles = [
        (r, lbl)
        for r, lbl in labels
        if r in account_access.signatory_roles(request.user, ret.area) and r not in signed
    ]
    is_latest = ret.latest_version_id == version.pk
    sign_form = None
    if my_roles and is_latest:
        sign_form = SignForm(roles=my_roles, initial={"content_hash": version.content_hash})
    review_form = None
    if account_access.is_national(request.user) and is_latest and ret.state in ("submitted", "signed_off"):
        review_form = ReviewForm()
    reviews = access.reviews_of(version)
    query_form = None
    last = reviews[-1] if reviews else None
    unanswered = last is not None and last.decision == ReviewDecision.QUERIED and last.responded_at is None
    is_national = account_access.is_national(request.user)
    if unanswered and not is_national and account_access.can(request.user, Capability.EDIT, ret.area):
        query_form = QueryResponseForm()
    return render(
        request,
        "returns/version_detail.html",
        {
            "ret": ret,
            "version": version,
            "is_latest": is_latest,
            "sections": Section.objects.filter(questionnaire=ret.round.questionnaire).prefetch_related(
                "questions"
            ),
            "content": version.content,
            "signatories": [(r, lbl, signed.get(r)) for r, lbl in labels],
            "sign_form": sign_form,
            "review_form": review_form,
            "reviews": reviews,
            "query_form": query_form,
            "open_query": reviews[-1] if query_form else None,
            "previous": version.number - 1 if version.number > 1 else None,
        },
    )


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
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("returns:version_detail", round_slug, ons_code, number)
    try:
        actions.sign_version(
            version,
            form.cleaned_data["role"],
            seen_hash=form.cleaned_data["content_hash"],
            acting_user=request.user,
        )
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
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
            messages.error(request, exc.message)
        else:
            messages.success(request, "Your response has been sent to the national team.")
    else:
        messages.error(request, "Enter your response to the query.")
    return redirect("returns:version_detail", round_slug, ons_code, number)
