"""What the public may see of the returns: facts about organisations (exact counts), never the answers."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from concordat.areas.models import Area
from concordat.register import figures
from concordat.register.models import Snapshot
from concordat.returns.lifecycle import SENT
from concordat.returns.models import Return, ReturnState, Round, RoundState


@dataclass(frozen=True)
class RoundProgress:
    round: Round
    areas: int
    sent: int
    signed_off: int
    accepted: int
    on_time: int


@dataclass(frozen=True)
class AreaRoundFact:
    round: Round
    sent: bool
    sent_on: datetime.date | None
    on_time: bool | None
    signed_off: bool
    accepted: bool


def public_rounds() -> list[Round]:
    """Rounds the public hears about: real ones that have opened."""
    return list(
        Round.objects.filter(
            synthetic=False, state__in=[RoundState.OPEN, RoundState.CLOSED, RoundState.PUBLISHED]
        )
    )


def round_progress(rnd: Round) -> RoundProgress:
    """One aggregate query: how many areas have sent, had signed off and had accepted their return."""
    counts = Return.objects.filter(round=rnd).aggregate(
        sent=Count("pk", filter=Q(state__in=SENT)),
        signed_off=Count("pk", filter=Q(state__in=[ReturnState.SIGNED_OFF, ReturnState.ACCEPTED])),
        accepted=Count("pk", filter=Q(state=ReturnState.ACCEPTED)),
        on_time=Count("pk", filter=Q(state__in=SENT, first_submitted_at__date__lte=rnd.deadline)),
    )
    return RoundProgress(rnd, Area.objects.current(rnd.deadline).count(), **counts)


def area_facts(area: Area, rounds: list[Round]) -> list[AreaRoundFact]:
    returns = {r.round_id: r for r in Return.objects.filter(area=area, round__in=rounds)}
    facts = []
    for rnd in rounds:
        ret = returns.get(rnd.pk)
        sent = ret is not None and ret.state in SENT
        sent_on = ret.first_submitted_at.date() if ret and sent and ret.first_submitted_at else None
        facts.append(
            AreaRoundFact(
                round=rnd,
                sent=sent,
                sent_on=sent_on,
                on_time=(sent_on <= rnd.deadline) if sent_on else None,
                signed_off=bool(ret and ret.state in (ReturnState.SIGNED_OFF, ReturnState.ACCEPTED)),
                accepted=bool(ret and ret.state == ReturnState.ACCEPTED),
            )
        )
    return facts


@dataclass(frozen=True)
class PublishedPeopleFigures:
    """Register figures for the public: always through ``register.figures.publish`` (disclosure control)."""

    snapshot: Snapshot
    figures: dict[str, object]
    shares: list[tuple[str, object]]


def people_figures(area: Area | None) -> PublishedPeopleFigures | None:
    """The latest snapshot's figures for an area (or England), as they may be published."""
    snapshot = Snapshot.objects.order_by("-as_at").first()
    if snapshot is None:
        return None
    scope = figures.Scope.for_area(area) if area is not None else figures.Scope.england()
    published = figures.publish(figures.for_snapshot(snapshot, scope))
    shares = [(label, published[name]) for name, label in figures.Figures.SHARES]
    return PublishedPeopleFigures(snapshot, published, shares)
