"""Register figures for an area, a region or England, as at a date, computed with SQL aggregates.

The same code runs over frozen ``SnapshotRow``s (the published "as at" figures, which never move) and
over live ``Person``s (an officer's own area today): both carry the same fact columns. Every condition is
the SQL form of a rule in ``rules.py`` (tested against it and against the synthetic truth):

* in hospital on D: admitted on or before D and not discharged on or before D;
* length of stay: D minus the admission date; "over 1 year" = admitted on or before D minus 12 months;
* reviewed: a care review on or after admission and on or before D;
* health check on time: one done since admission, or admitted less than 6 months ago (not yet due);
* expected out by 1 June 2014: a planned transfer date from D up to and including 1 June 2014.

Projection to 1 June 2014 (docs/decisions/0203-register-figures-projection.md): the mean monthly net
change (admissions minus discharges) over the last 6 complete months, times the months left; the range
uses the lowest and highest of those 6 monthly changes. It says what happens if the recent pace holds,
nothing more.

``publish(figures, national=...)`` applies disclosure control (``disclosure.py``) for anyone without
register rights over every person counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from concordat.areas.models import Area, Region
from concordat.register import disclosure
from concordat.register.models import Person, Snapshot, SnapshotRow
from concordat.register.rules import CONCORDAT_RULES, add_months

TARGET = CONCORDAT_RULES.discharge_target
WINDOW_MONTHS = 24
PROJECTION_MONTHS = 6
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Scope:
    kind: str  # "england" | "region" | "area"
    code: str
    name: str

    @property
    def national(self) -> bool:
        return self.kind == "england"

    @classmethod
    def england(cls) -> Scope:
        return cls("england", "E92000001", "England")

    @classmethod
    def for_area(cls, area: Area) -> Scope:
        return cls("area", area.ons_code, area.name)

    @classmethod
    def for_region(cls, region: Region) -> Scope:
        return cls("region", region.code, region.name)


def snapshot_rows(snapshot: Snapshot, scope: Scope) -> QuerySet[SnapshotRow]:
    rows = SnapshotRow.objects.filter(snapshot=snapshot)
    if scope.kind == "area":
        return rows.filter(area__ons_code=scope.code)
    if scope.kind == "region":
        return rows.filter(region__code=scope.code)
    return rows


def live_rows(scope: Scope) -> QuerySet[Person]:
    people = Person.objects.all()
    if scope.kind == "area":
        return people.filter(area__ons_code=scope.code)
    if scope.kind == "region":
        return people.filter(area__region__code=scope.code)
    return people


@dataclass(frozen=True)
class Projection:
    months_left: float
    mean_net_change: float  # per month; negative = fewer people in hospital
    central: int
    low: int
    high: int
    months_used: tuple[date, ...]


@dataclass
class Figures:
    scope: Scope
    as_at: date
    in_hospital: int
    median_stay_days: float | None
    stay_1y_plus: int
    stay_5y_plus: int
    out_of_area: int
    distance_100km_plus: int
    reviewed: int
    care_coordinator: int
    health_check_on_time: int
    with_transfer_date: int
    transfer_before_target: int
    expected_out_by_target: int
    secure: int
    admissions_by_month: dict[date, int] = field(default_factory=dict)
    discharges_by_month: dict[date, int] = field(default_factory=dict)
    projection: Projection | None = None

    SHARES = (
        ("stay_1y_plus", "In hospital more than 1 year"),
        ("stay_5y_plus", "In hospital more than 5 years"),
        ("out_of_area", "Out of area"),
        ("distance_100km_plus", "100 km or more from home"),
        ("reviewed", "Care reviewed since admission"),
        ("care_coordinator", "With a named care co-ordinator"),
        ("health_check_on_time", "Health check within 6 months (done, or not yet due)"),
        ("with_transfer_date", "With a planned transfer date"),
        ("expected_out_by_target", "Expected out by 1 June 2014"),
    )

    def share(self, name: str) -> float | None:
        if not self.in_hospital:
            return None
        count: int = getattr(self, name)
        return 100 * count / self.in_hospital

    def months(self) -> list[tuple[date, int, int]]:
        return [
            (m, self.admissions_by_month.get(m, 0), self.discharges_by_month.get(m, 0))
            for m in month_starts(self.as_at)
        ]


def month_starts(as_at: date, months: int = WINDOW_MONTHS) -> list[date]:
    last = as_at.replace(day=1)
    return [add_months(last, -i) for i in range(months - 1, -1, -1)]


def in_hospital_q(as_at: date) -> Q:
    return Q(admission_date__lte=as_at) & (
        Q(actual_discharge_date__isnull=True) | Q(actual_discharge_date__gt=as_at)
    )


def _conditions(as_at: date) -> dict[str, Q]:
    """Conditions on people already known to be in hospital on ``as_at``."""
    return {
        "stay_1y_plus": Q(admission_date__lte=add_months(as_at, -12)),
        "stay_5y_plus": Q(admission_date__lte=add_months(as_at, -60)),
        "out_of_area": Q(placement="OUT"),
        "distance_100km_plus": Q(distance_band="100+"),
        "reviewed": Q(care_review_date__gte=F("admission_date"), care_review_date__lte=as_at),
        "care_coordinator": Q(care_coordinator=True),
        "health_check_on_time": Q(health_check_date__gte=F("admission_date"), health_check_date__lte=as_at)
        | Q(health_check_due__gte=as_at),
        "with_transfer_date": Q(planned_transfer_date__isnull=False),
        "transfer_before_target": Q(planned_transfer_date__lt=TARGET),
        "expected_out_by_target": Q(planned_transfer_date__gte=as_at, planned_transfer_date__lte=TARGET),
        "secure": Q(ward_type="SECURE"),
    }


def compute(rows: QuerySet[Any], scope: Scope, as_at: date) -> Figures:
    """Four queries: one conditional aggregate, the median, admissions and discharges by month."""
    counts = rows.filter(in_hospital_q(as_at)).aggregate(
        in_hospital=Count("pk"), **{name: Count("pk", filter=q) for name, q in _conditions(as_at).items()}
    )
    n = counts["in_hospital"]
    median = None
    if n:
        middle = list(
            rows.filter(in_hospital_q(as_at))
            .order_by("admission_date")
            .values_list("admission_date", flat=True)[(n - 1) // 2 : n // 2 + 1]
        )
        median = sum((as_at - d).days for d in middle) / len(middle)
    first = month_starts(as_at)[0]
    admissions = dict(
        rows.filter(admission_date__lte=as_at, admission_month__gte=first)
        .values_list("admission_month")
        .annotate(n=Count("pk"))
        .values_list("admission_month", "n")
    )
    discharges = dict(
        rows.filter(actual_discharge_date__lte=as_at, discharge_month__gte=first)
        .values_list("discharge_month")
        .annotate(n=Count("pk"))
        .values_list("discharge_month", "n")
    )
    figures = Figures(
        scope=scope,
        as_at=as_at,
        median_stay_days=median,
        admissions_by_month=dict(sorted(admissions.items())),
        discharges_by_month=dict(sorted(discharges.items())),
        **counts,
    )
    figures.projection = project(figures)
    return figures


def project(figures: Figures) -> Projection | None:
    """People still in hospital on 1 June 2014 if the last 6 complete months' net change carries on."""
    as_at = figures.as_at
    if as_at >= TARGET:
        return None
    month_end = (as_at + timedelta(days=1)).day == 1
    last = as_at.replace(day=1) if month_end else add_months(as_at.replace(day=1), -1)
    months = tuple(add_months(last, -i) for i in range(PROJECTION_MONTHS - 1, -1, -1))
    changes = [figures.admissions_by_month.get(m, 0) - figures.discharges_by_month.get(m, 0) for m in months]
    months_left = (TARGET - as_at).days / DAYS_PER_MONTH
    mean = sum(changes) / len(changes)

    def at(rate: float) -> int:
        return max(0, round(figures.in_hospital + rate * months_left))

    return Projection(
        months_left=round(months_left, 2),
        mean_net_change=round(mean, 2),
        central=at(mean),
        low=at(min(changes)),
        high=at(max(changes)),
        months_used=months,
    )


@dataclass(frozen=True)
class Source:
    """Where everything "as at" a date comes from: that date's month-end snapshot, or (saying so) the live
    register. Figures and the March 2014 return both read people through here, so they agree."""

    as_at: date
    snapshot: Snapshot | None

    @property
    def live(self) -> bool:
        return self.snapshot is None

    def rows(self, scope: Scope) -> QuerySet[Any]:
        """``SnapshotRow``s of the snapshot, or live ``Person``s: both carry the same fact columns."""
        return live_rows(scope) if self.snapshot is None else snapshot_rows(self.snapshot, scope)

    @property
    def description(self) -> str:
        if self.snapshot is None:
            return (
                f"Live data as at {self.as_at:%-d %B %Y}, not a snapshot: the register as it is now, which "
                "changes as records change and includes people added since. Month-end snapshots never change."
            )
        return f"From the register's snapshot as at {self.as_at:%-d %B %Y}, which never changes."


def source_as_at(as_at: date) -> Source:
    """The snapshot as at ``as_at`` if one was taken, else the live register as at that date."""
    return Source(as_at, Snapshot.objects.filter(as_at=as_at).first())


def from_source(source: Source, scope: Scope) -> Figures:
    return compute(source.rows(scope), scope, source.as_at)


def for_snapshot(snapshot: Snapshot, scope: Scope) -> Figures:
    return from_source(Source(snapshot.as_at, snapshot), scope)


def live(scope: Scope, as_at: date) -> Figures:
    return from_source(Source(as_at, None), scope)


# --- output ---------------------------------------------------------------------------------------


def as_dict(f: Figures) -> dict[str, Any]:
    """Every figure exactly, for register users and national analysts."""
    out: dict[str, Any] = {
        "scope": f.scope.kind,
        "code": f.scope.code,
        "name": f.scope.name,
        "as_at": f.as_at.isoformat(),
        "disclosure_control": False,
        "in_hospital": f.in_hospital,
        "median_stay_days": f.median_stay_days,
        "secure": f.secure,
        "transfer_before_target": f.transfer_before_target,
    }
    for name, _ in Figures.SHARES:
        share = f.share(name)
        out[name] = {"count": getattr(f, name), "percent": None if share is None else round(share, 1)}
    out["months"] = [{"month": m.isoformat()[:7], "admissions": a, "discharges": d} for m, a, d in f.months()]
    out["projection_1_june_2014"] = _projection_dict(f.projection)
    return out


def _projection_dict(p: Projection | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "central": p.central,
        "low": p.low,
        "high": p.high,
        "mean_net_change_per_month": p.mean_net_change,
        "months_left": p.months_left,
        "method": f"mean monthly net change over {', '.join(m.isoformat()[:7] for m in p.months_used)}; "
        "range from the lowest and highest of those months",
    }


def publish(f: Figures) -> dict[str, Any]:
    """The figures as they may be shown without register rights: disclosure control below England."""
    national = f.scope.national

    def count(n: int) -> str:
        return disclosure.suppress_count(n, national=national).shown

    out: dict[str, Any] = {
        "scope": f.scope.kind,
        "code": f.scope.code,
        "name": f.scope.name,
        "as_at": f.as_at.isoformat(),
        "disclosure_control": True,
        "in_hospital": count(f.in_hospital),
        "median_stay_days": _published_median(f),
        "secure": count(f.secure),
        "transfer_before_target": count(f.transfer_before_target),
    }
    for name, _ in Figures.SHARES:
        rate = disclosure.published_rate(getattr(f, name), f.in_hospital, national=national)
        out[name] = {"count": rate.numerator.shown, "percent": rate.shown}
    out["months"] = [
        {"month": m.isoformat()[:7], "admissions": count(a), "discharges": count(d)} for m, a, d in f.months()
    ]
    p = f.projection
    if p is None:
        out["projection_1_june_2014"] = None
    else:
        out["projection_1_june_2014"] = {
            "central": count(p.central),
            "low": count(p.low),
            "high": count(p.high),
            "method": _projection_dict(p)["method"],  # type: ignore[index]  # p is not None
        }
    return out


def _published_median(f: Figures) -> str:
    if f.median_stay_days is None:
        return disclosure.NOT_APPLICABLE
    if f.in_hospital < disclosure.MIN_RATE_BASE:
        return disclosure.SUPPRESSED
    return f"{f.median_stay_days:,.1f}"
