"""The good-practice library: search, filter, review, tag and publish examples."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.govuk.pagination import paginate
from concordat.returns.models import Round

from .. import access, actions
from ..forms import LibraryFilterForm, ReviewForm
from ..search import search_examples


@national_only
def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    rounds = list(Round.objects.all())
    form.fields["round"].choices = [("", "All rounds"), *((r.slug, r.title) for r in rounds)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    examples = access.examples_for_user(request.user)
    query = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["round"]:
            examples = examples.filter(round__slug=data["round"])
        if data["theme"]:
            examples = examples.filter(theme=data["theme"])
        if data["review"] == "unreviewed":
            examples = examples.unreviewed()
        elif data["review"] == "reviewed":
            examples = examples.filter(reviewed_at__isnull=False)
        elif data["review"] == "publishable":
            examples = examples.publishable()
        query = data["q"].strip()
    page = paginate(request, search_examples(examples, query) if query else examples)
    return render(
        request,
        "analysis/library.html",
        {
            "form": form,
            "examples": page.items,
            "page": page,
            "total": page.count,
            "query": query,
            "rounds": rounds,
        },
    )


@require_POST
@national_only
def library_refresh(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_user(request.user, round_slug)
    result = actions.sync_good_practice(rnd, acting_user=request.user)
    messages.success(
        request,
        f"The library is up to date with {rnd.title}: {result.created} examples added, "
        f"{result.updated} updated, {result.removed} removed.",
    )
    return redirect(reverse("analysis:library") + f"?round={rnd.slug}")


@national_only
def example_detail(request: AuthenticatedHttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for_user(request.user, example_id)
    initial = {
        "theme": example.theme,
        "reviewed": example.is_reviewed,
        "publishable": example.publishable,
        "note": example.note,
    }
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_example(example, acting_user=request.user, **form.cleaned_data)
        except actions.ActionError as exc:
            errors.append((f"id_{exc.field}" if exc.field else "", exc.message))
        else:
            messages.success(request, "The example is saved.")
            return redirect("analysis:example_detail", example_id=example.pk)
    return render(
        request, "analysis/example_detail.html", {"example": example, "form": form, "errors": errors}
    )
