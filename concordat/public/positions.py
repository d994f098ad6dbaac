"""An area's latest published position by theme, beside its region's and England's (shares of areas), and
its register figures over time (always through disclosure control)."""

from dataclasses import dataclass

from concordat.analysis.indicators import GroupFigures, compute_indicators
from concordat.analysis.narrative import THEMES
from concordat.analysis.ratings import NOT_RATED, RATINGS, rating_distributions
from concordat.analysis.records import Share
from concordat.analysis.sources import RoundData, load_round
from concordat.areas.models import Area
from concordat.register import figures
from concordat.register.models import Snapshot
from concordat.returns import vocabulary
from concordat.returns.models import PublishedReturn

from .published import PublicReturn, public_return
from .typed import TypedPosition, typed_positions


@dataclass(frozen=True)
class QuestionPosition:
    number: str
    question: str
    answer: str  # the area's answer, in the form's words
    region_yes: Share
    england_yes: Share


@dataclass(frozen=True)
class ThemePosition:
    key: str
    title: str
    yes: int
    questions: tuple[QuestionPosition, ...]


@dataclass(frozen=True)
class RatedPosition:
    """A red/amber/green question: the area's rating, and how England's returned areas rated it."""

    number: str
    question: str
    rating: str  # "Amber", or "Not rated"
    england: tuple[tuple[str, Share], ...]  # ("Red", share), ("Amber", share), ("Green", share)


@dataclass(frozen=True)
class AreaPosition:
    item: PublishedReturn
    content: PublicReturn
    themes: tuple[ThemePosition, ...]
    ratings: tuple[RatedPosition, ...] = ()
    typed: tuple[TypedPosition, ...] = ()  # yes/no, numbers, dates, choices and words


def _ratings(area: Area, data: RoundData) -> tuple[RatedPosition, ...]:
    own = next((r for r in data.returns if r.ons_code == area.ons_code and r.returned), None)
    rated = []
    for counts in rating_distributions(data.returns, data.questionnaire):
        answer = own.answers.get(counts.number) if own else None
        value = answer.value if answer is not None and isinstance(answer.value, dict) else {}
        rating = value.get("rating") if value.get("rating") in RATINGS else NOT_RATED
        england = tuple((r.capitalize(), Share.of(counts.counts[r], counts.returned)) for r in RATINGS)
        label = "Not rated" if rating == NOT_RATED else str(rating).capitalize()
        rated.append(RatedPosition(counts.number, counts.text, label, england))
    return tuple(rated)


def _yes(group: GroupFigures, number: str) -> Share:
    return group.questions[number].of_returned.get(str(vocabulary.Status.YES)) or Share.of(0, 0)


def area_position(area: Area, item: PublishedReturn) -> AreaPosition:
    """``item``'s answers theme by theme, with the share of the region's and England's returned areas (as
    accepted when the round was published) that answered Yes."""
    content = public_return(item.version)
    data = load_round(item.publication.round, as_at=item.publication.published_at)
    ind = compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)
    region = ind.by_region.get(area.region.code, ind.national)
    texts = {a.number: a.question for s in content.sections for a in s.answers}
    ratings = _ratings(area, data)
    typed = typed_positions(area, data)
    # A rating or a typed answer has no Yes: it is shown with England's ratings or summaries instead.
    rated = {r.number for r in ratings} | {t.number for t in typed}
    themes = []
    for theme in THEMES:
        rows = tuple(
            QuestionPosition(
                number=q,
                question=texts.get(q, ""),
                answer=vocabulary.FORM_LABELS[content.status_of(q)],
                region_yes=_yes(region, q),
                england_yes=_yes(ind.national, q),
            )
            for q in theme.questions
            if q in ind.questions and q not in rated
        )
        yes = sum(1 for r in rows if r.answer == vocabulary.FORM_LABELS[vocabulary.Status.YES])
        if rows:
            themes.append(ThemePosition(theme.key, theme.title, yes, rows))
    return AreaPosition(item, content, tuple(themes), ratings, typed)


@dataclass(frozen=True)
class PeoplePoint:
    as_at: str
    synthetic: bool
    in_hospital: str  # as published: "*", a multiple of 5, or exact for England


def people_over_time(area: Area) -> list[PeoplePoint]:
    """The number of people in hospital at each snapshot, as it may be published."""
    scope = figures.Scope.for_area(area)
    points = []
    for snapshot in Snapshot.objects.order_by("as_at"):
        published = figures.publish(figures.for_snapshot(snapshot, scope))
        day = f"{snapshot.as_at.day} {snapshot.as_at:%B %Y}"
        points.append(PeoplePoint(day, snapshot.synthetic, published["in_hospital"]))
    return points
