"""The indicators dashboard: every question's answers for a round, filtered by region and area type."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from concordat.accounts import access as accounts_access
from concordat.accounts.decorators import overview
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.areas.models import Area, Region
from concordat.returns.models import Round

from .. import access, report_cache
from ..forms import DashboardFilterForm
from ..indicators import compute_indicators
from ..ratings import rating_distributions
from ..records import NOT_RETURNED, Status
from ..sources import end_of_day, load_round
from ..summaries import type_summaries
from .common import basis_options, narrowed_to


@overview
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The national team's analysis of every area; a regional lead's of their region's areas."""
    rounds = Round.objects.select_related("questionnaire")
    return render(
        request,
        "analysis/index.html",
        {
            "rounds": rounds,
            "is_national": accounts_access.is_national(request.user),
            "regions": list(accounts_access.readable_regions(request.user)),
        },
    )


@overview
def dashboard(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_analysis(request.user, round_slug)
    scope = access.analysis_scope(request.user)
    regions = [r for r in Region.objects.all() if scope is None or r.code in scope]
    form = DashboardFilterForm(request.GET or None)
    everywhere = "All regions" if scope is None else "All your regions"
    form.fields["region"].choices = [("", everywhere), *((r.code, r.name) for r in regions)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    types = sorted(set(Area.objects.current(on=rnd.deadline).values_list("type_label", flat=True)))
    form.fields["area_type"].choices = [("", "All area types"), *((t, t) for t in types)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    options = basis_options(form)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    variant = (
        sorted(scope) if scope is not None else None,
        options,
        filters.get("region"),
        filters.get("area_type"),
    )
    figures = report_cache.dashboard_figures(rnd, variant, lambda: _figures(rnd, scope, options, filters))
    return render(
        request,
        "analysis/dashboard.html",
        {"round": rnd, "form": form, "figures": figures, "regional": scope is not None},
    )


def _figures(rnd: Round, scope: set[str] | None, options: dict[str, Any], filters: dict[str, Any]) -> str:
    """The headline figures and the tables, for the areas in scope that the filters leave."""
    data = narrowed_to(
        load_round(
            rnd,
            provisional=options["provisional"],
            as_at=end_of_day(options["as_at"]) if options["as_at"] else None,
        ),
        scope,
    )
    areas = data.areas
    if filters.get("region"):
        areas = [a for a in areas if a.region_code == filters["region"]]
    if filters.get("area_type"):
        areas = [a for a in areas if a.type == filters["area_type"]]
    codes = {a.ons_code for a in areas}
    shown = [r for r in data.returns if r.ons_code in codes]
    indicators = compute_indicators(shown, areas, data.questionnaire, deadline=data.deadline)
    ratings = rating_distributions(shown, data.questionnaire)
    summaries = type_summaries(shown, data.questionnaire)
    # A rating or another typed answer has no status: its question is in the ratings or the summaries table.
    rated = {r.number for r in ratings} | {s.number for s in summaries}
    rows = [
        {"ref": q, "figures": indicators.questions[q.number]}
        for section in indicators.sections_ref
        for q in section.questions
        if q.number not in rated
    ]
    return render_to_string(
        "analysis/_dashboard_figures.html",
        {
            "ind": indicators,
            "rows": rows,
            "ratings": ratings,
            "summaries": summaries,
            "columns": [*(s.value for s in Status), NOT_RETURNED],
            "provisional": data.provisional,
        },
    )
