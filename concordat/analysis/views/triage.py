"""Support requests by section, and the deep-dive triage ranking with each area's reasons."""

from django.http import HttpResponse
from django.shortcuts import render

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest

from .. import access
from ..forms import BasisForm
from ..indicators import compute_indicators
from ..scoring import rank_areas
from ..sources import end_of_day, load_round
from .common import basis_options


@national_only
def triage(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_user(request.user, round_slug)
    form = BasisForm(request.GET or None)
    options = basis_options(form)
    data = load_round(
        rnd,
        provisional=options["provisional"],
        as_at=end_of_day(options["as_at"]) if options["as_at"] else None,
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
            "ranking": ranking,
            "area_names": data.area_names,
        },
    )
