"""The national team's view of each round's reminder schedule: what was sent on each step, and who is next."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.reminders import overview, rounds
from concordat.returns.models import Round


@national_only
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = [
        (rnd, *rounds.schedule_for(rnd))
        for rnd in Round.objects.filter(synthetic=False).order_by("-deadline", "title")
    ]
    return render(request, "reminders/index.html", {"rows": rows})


def _as_at(value: str) -> tuple[datetime.date, str]:
    """The date to show the schedule as at (``?as_at=2013-06-28``), or today; and an error if unreadable."""
    today = timezone.localdate()
    if not value:
        return today, ""
    try:
        return datetime.date.fromisoformat(value), ""
    except ValueError:
        return today, f"{value[:40]!r} is not a date like 2013-06-28, so this is the schedule as at today."


@national_only
def round_schedule(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = get_object_or_404(Round, slug=round_slug, synthetic=False)
    as_at, error = _as_at(request.GET.get("as_at", ""))
    days_before, weekly = rounds.schedule_for(rnd)
    context = {
        "round": rnd,
        "as_at": as_at,
        "as_at_error": error,
        "errors": [error] if error else [],
        "days_before": days_before,
        "weekly": weekly,
        "timeline": overview.timeline(rnd, as_at),
        "current": rounds.current_step(rnd, as_at),
    }
    return render(request, "reminders/round_schedule.html", context)
