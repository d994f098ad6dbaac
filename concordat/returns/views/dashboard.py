"""Where a signed-in person lands: their areas' returns, and the rounds they oversee."""

from django.http import HttpResponse
from django.shortcuts import render

from concordat.accounts import access
from concordat.accounts.decorators import signed_in
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.returns.access import returns_of_areas
from concordat.returns.models import Round, RoundState


@signed_in
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What this person can do now: their areas' returns in every open or recent round."""
    rounds = list(Round.objects.exclude(state=RoundState.DRAFT).select_related("questionnaire")[:5])
    areas = (
        list(access.readable_areas(request.user).order_by("name")[:20])
        if not access.is_national(request.user)
        else []
    )
    returns = returns_of_areas(rounds, areas)
    rows = [
        {"round": rnd, "area": area, "ret": returns.get((rnd.pk, area.pk))}
        for rnd in rounds
        for area in areas
    ]
    return render(
        request,
        "returns/home.html",
        {
            "rows": rows,
            "rounds": rounds,
            "is_national": access.is_national(request.user),
            "regions": list(access.readable_regions(request.user)),
            "can_see_register": access.can_see_register(request.user),
        },
    )
