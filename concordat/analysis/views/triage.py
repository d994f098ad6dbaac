"""Support requests by section, and the deep-dive triage ranking with each area's reasons."""

from django.http import HttpResponse
from django.shortcuts import render

from concordat.accounts.decorators import overview
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.govuk.pagination import paginate

from .. import access
from ..forms import BasisForm
from ..indicators import compute_indicators
from ..scoring import rank_areas
from ..sources import end_of_day, load_round
from .common import basis_options, narrowed_to


@overview
def triage(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    """Support requests and the triage ranking: every area for the national team, a region for its lead."""
    rnd = access.get_round_for_analysis(request.user, round_slug)
    scope = access.analysis_scope(request.user)
    form = BasisForm(request.GET or None)
    options = basis_options(form)
    data = narrowed_to(
        load_round(
            rnd,
            provisional=options["provisional"],
            as_at=end_of_day(options["as_at"]) if options["as_at"] else None,
        ),
        scope,
    )
    indicators = compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)
    ranking = rank_areas(data.returns, data.areas, data.questionnaire, deadline=data.deadline)
    requests: dict[str, list[tuple[str, str, str]]] = {s.number: [] for s in indicators.sections_ref}
    section_of = {q.number: s.number for s in indicators.sections_ref for q in s.questions}
    for ret in data.returns:
        for number, answer in ret.answers.items():
            if answer.support_required:
                requests[section_of[number]].append(
                    (data.area_names.get(ret.ons_code, ret.ons_code), number, answer.support_description)
                )
    page = paginate(request, ranking)
    sections = [
        {"figures": indicators.sections[s.number], "requests": sorted(requests[s.number])}
        for s in indicators.sections_ref
    ]
    return render(
        request,
        "analysis/triage.html",
        {
            "round": rnd,
            "form": form,
            "data": data,
            "ind": indicators,
            "sections": sections,
            "ranking": page.items,
            "page": page,
            "area_names": data.area_names,
            "regional": scope is not None,
        },
    )
