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
    """What this person can do now: their areas' returns in every open or recent round.

    Synthetic rounds (generated test data) are left out unless the person asks (``?synthetic=1``)."""
    show_synthetic = request.GET.get("synthetic") == "1"
    shown = Round.objects.exclude(state=RoundState.DRAFT).select_related("questionnaire")
    hidden_synthetic = 0 if show_synthetic else shown.filter(synthetic=True).count()
    if not show_synthetic:
        shown = shown.filter(synthetic=False)
    rounds = list(shown[:5])
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
            "show_synthetic": show_synthetic,
            "hidden_synthetic": hidden_synthetic,
        },
    )
