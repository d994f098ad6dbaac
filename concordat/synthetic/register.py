"""A deterministic, clearly-labelled SYNTHETIC person-level register for demos, tests and benchmarks.

No real person is described. Every person has ``synthetic=True``, a local reference ``SYN-000123`` and (if
any) an NHS number in the 999 range that is reserved for testing.

Calibration (at ``scale=1.0``; counts scale and are rounded, shares are applied to the scaled counts):

* 2013 Learning Disability Census, 30 September 2013: 3,250 in hospital; 60.0% in hospital a year or more;
  17.6% five years or more; 18.2% 100 km or more from home.
* Assuring Transformation, 31 March 2014: 2,615 in hospital; 256 with a planned transfer date, 182 of them
  before 1 June 2014; 534 in secure services.

The calibration figures are constructed exactly (choose the counts, then assign people to them), so the
``truth`` of a register generated with ``as_at`` on or after 31 March 2014 reproduces them exactly. In
between, 100 admissions a month (scaled) arrive after the census, and enough people leave to bring 3,250
down to 2,615; before the census about 150 a month leave (people with a mean stay of about 2.5 years), so
the count drifts down from about 3,700 to 3,250 over the 18 months before the census. Monthly flows vary
by +-15%. Areas get people in proportion to a rough weight by area type (counties are big, metropolitan
districts next, and so on), so per-area figures vary like real ones.
"""

from __future__ import annotations

import csv
import io
import random
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from concordat.register.nhs_number import check_digit
from concordat.register.rules import add_months
from concordat.register.template import columns as template

SYNTHETIC = True
CENSUS_DATE = date(2013, 9, 30)
AT_DATE = date(2014, 3, 31)
DISCHARGE_TARGET = date(2014, 6, 1)
REGISTER_START = date(2013, 4, 1)

TYPE_WEIGHTS = {
    "County council": 3.0,
    "Metropolitan district": 1.3,
    "Unitary authority": 0.9,
    "London borough": 0.8,
}
OTHER_TYPE_WEIGHT = 0.02  # City of London, Isles of Scilly


@dataclass(frozen=True)
class Calibration:
    census_in_hospital: int = 3250
    census_stay_1y_percent: float = 60.0
    census_stay_5y_percent: float = 17.6
    census_100km_percent: float = 18.2
    at_in_hospital: int = 2615
    at_with_transfer_date: int = 256
    at_transfer_before_target: int = 182
    at_secure: int = 534
    admissions_per_month: int = 100  # after the census
    discharges_per_month_before_census: int = 150  # people not in hospital on census day
    historic_mean_stay_days: int = 900
    new_admissions_discharged_by_at: int = 100


PUBLISHED = Calibration()


@dataclass(frozen=True)
class AreaRef:
    ons_code: str
    name: str
    area_type: str
    region_code: str = ""


def areas_from_csv(text: str) -> list[AreaRef]:
    """Areas from the reference CSV (ons_code, name, type, region_code, ...)."""
    return [
        AreaRef(row["ons_code"], row["name"], row["type"], row.get("region_code", ""))
        for row in csv.DictReader(io.StringIO(text))
    ]


@dataclass(frozen=True)
class SyntheticPerson(template.PersonRecord):
    area_code: str
    synthetic: bool = True

    def in_hospital(self, day: date) -> bool:
        return self.admission_date <= day and (
            self.actual_discharge_date is None or self.actual_discharge_date > day
        )

    def as_upload_row(self) -> dict[str, str]:
        """The person as a row of the bulk-upload template (header -> text)."""
        out: dict[str, str] = {}
        for column in template.COLUMNS:
            value = getattr(self, column.name)
            if value is None:
                text = ""
            elif isinstance(value, bool):
                text = "Y" if value else "N"
            elif isinstance(value, date):
                text = f"{value:%d/%m/%Y}"
            else:
                text = str(value)
            out[column.header] = text
        return out


@dataclass(frozen=True)
class AreaTruth:
    in_hospital: int  # at as_at
    admitted: int  # admitted in the window (after window_start, up to as_at)
    discharged: int  # discharged in the window
    with_transfer_date: int  # of those in hospital at as_at
    transfer_before_target: int  # planned transfer date before 1 June 2014
    secure: int
    distance_100km_plus: int


@dataclass(frozen=True)
class CensusTruth:
    day: date
    in_hospital: int
    stay_1y_plus: int
    stay_5y_plus: int
    distance_100km_plus: int


@dataclass(frozen=True)
class AssuringTransformationTruth:
    day: date
    in_hospital: int
    with_transfer_date: int
    transfer_before_target: int
    secure: int


@dataclass(frozen=True)
class RegisterTruth:
    as_at: date
    window_start: date
    in_hospital: int
    by_area: dict[str, AreaTruth]
    in_hospital_at_month_end: dict[date, int]
    admissions_by_month: dict[date, int]  # keyed by the first of the month
    discharges_by_month: dict[date, int]
    census: CensusTruth | None  # None when as_at is before the census date
    assuring_transformation: AssuringTransformationTruth | None


@dataclass
class SyntheticRegister:
    seed: int
    as_at: date
    scale: float
    people: list[SyntheticPerson]
    truth: RegisterTruth
    calibration: Calibration = field(default_factory=Calibration)
    synthetic: bool = True

    def upload_rows(self, area_code: str) -> list[dict[str, str]]:
        return [p.as_upload_row() for p in self.people if p.area_code == area_code]

    def upload_csv(self, area_code: str) -> bytes:
        rows = self.upload_rows(area_code)
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(template.HEADERS))
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode("utf-8")


# --- generation -----------------------------------------------------------------------------------


def _codes(choices: Sequence[template.Choice]) -> list[str]:
    return [c.code for c in choices]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _pick(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(options, weights=weights)[0]


def _month_starts(first: date, last: date) -> list[date]:
    months = []
    day = first.replace(day=1)
    while day <= last:
        months.append(day)
        day = add_months(day, 1)
    return months


@dataclass(slots=True, eq=False)
class _Draft:
    """A person being generated: dates first, attributes later."""

    admission: date
    discharge: date | None = None
    planned: date | None = None
    secure: bool | None = None
    distance: str | None = None
    area: AreaRef | None = None


def _scaled(n: int, scale: float) -> int:
    return round(n * scale)


def _nhs_numbers(count: int) -> list[str]:
    numbers: list[str] = []
    k = 0
    while len(numbers) < count:
        nine = f"999{k:06d}"
        k += 1
        digit = check_digit(nine)
        if digit is None or len(set(nine + str(digit))) == 1:
            continue
        numbers.append(nine + str(digit))
    return numbers


def _jittered(n: int, scale: float, rng: random.Random) -> int:
    """A monthly flow: ``n`` scaled, varied by +-15%."""
    return _scaled(n, scale * rng.uniform(0.85, 1.15))


def _census_cohort(rng: random.Random, cal: Calibration, scale: float) -> list[_Draft]:
    """Everyone in hospital on census day, with exact length-of-stay and distance counts."""
    one_year = add_months(CENSUS_DATE, -12)
    five_years = add_months(CENSUS_DATE, -60)
    n_census = _scaled(cal.census_in_hospital, scale)
    n_1y = round(n_census * cal.census_stay_1y_percent / 100)
    n_5y = round(n_census * cal.census_stay_5y_percent / 100)
    n_100 = round(n_census * cal.census_100km_percent / 100)
    census: list[_Draft] = []
    for i in range(n_census):
        if i < n_5y:
            back = int(rng.expovariate(1 / 1500))
            admission = max(date(1975, 1, 1), five_years - timedelta(days=back))
        elif i < n_1y:
            admission = _day_between(rng, five_years + timedelta(days=1), one_year)
        else:
            admission = _day_between(rng, one_year + timedelta(days=1), CENSUS_DATE)
        census.append(_Draft(admission))
    for i, draft in enumerate(rng.sample(census, len(census))):
        draft.distance = "100+" if i < n_100 else _pick(rng, ["LT10", "10-50", "50-100"], [35, 40, 25])
    return census


def _monthly_admissions(
    rng: random.Random, cal: Calibration, scale: float, first: date, last: date
) -> list[_Draft]:
    admitted: list[_Draft] = []
    for month in _month_starts(first, last):
        for _ in range(_jittered(cal.admissions_per_month, scale, rng)):
            admitted.append(_Draft(_day_between(rng, month, add_months(month, 1) - timedelta(days=1))))
    return admitted


def _admitted_after_census(rng: random.Random, cal: Calibration, scale: float) -> list[_Draft]:
    """Admissions after the census up to 31 March 2014; a few of them already out again by then."""
    new = _monthly_admissions(rng, cal, scale, CENSUS_DATE + timedelta(days=1), AT_DATE)
    early = [d for d in new if d.admission <= AT_DATE - timedelta(days=7)]
    for draft in rng.sample(early, min(len(early), _scaled(cal.new_admissions_discharged_by_at, scale))):
        draft.discharge = _day_between(rng, draft.admission + timedelta(days=1), AT_DATE)
    return new


def _assuring_transformation_cohort(
    rng: random.Random, cal: Calibration, scale: float, census: list[_Draft], new: list[_Draft]
) -> list[_Draft]:
    """Discharge census people between the census and 31 March 2014, leaving exactly the AT count in."""
    new_staying = [d for d in new if d.discharge is None]
    stay_from_census = max(0, _scaled(cal.at_in_hospital, scale) - len(new_staying))
    for draft in rng.sample(census, max(0, len(census) - stay_from_census)):
        draft.discharge = _day_between(rng, CENSUS_DATE + timedelta(days=1), AT_DATE)
    return [d for d in census if d.discharge is None] + new_staying


def _secure_and_transfer_plans(
    rng: random.Random, cal: Calibration, scale: float, at_cohort: list[_Draft]
) -> None:
    """The Assuring Transformation cohort's exact secure and transfer-plan counts."""
    n_secure = min(len(at_cohort), _scaled(cal.at_secure, scale))
    for i, draft in enumerate(rng.sample(at_cohort, len(at_cohort))):
        draft.secure = i < n_secure
    n_plan = min(len(at_cohort), _scaled(cal.at_with_transfer_date, scale))
    n_before = min(n_plan, _scaled(cal.at_transfer_before_target, scale))
    for i, draft in enumerate(rng.sample(at_cohort, n_plan)):
        if i < n_before:
            draft.planned = _day_between(
                rng, AT_DATE + timedelta(days=1), DISCHARGE_TARGET - timedelta(days=1)
            )
        else:
            draft.planned = _day_between(rng, DISCHARGE_TARGET + timedelta(days=1), date(2015, 3, 31))
        draft.discharge = draft.planned  # plans are kept; visible only once as_at reaches them


def _discharged_before_census(
    rng: random.Random, cal: Calibration, scale: float, window_start: date
) -> list[_Draft]:
    """People admitted and discharged before the census, within the window."""
    historic: list[_Draft] = []
    for month in _month_starts(window_start, CENSUS_DATE):
        first = max(month, window_start)
        last = min(add_months(month, 1) - timedelta(days=1), CENSUS_DATE)
        if first > last:
            continue
        for _ in range(_jittered(cal.discharges_per_month_before_census, scale, rng)):
            discharge = _day_between(rng, first, last)
            stay = 14 + int(rng.expovariate(1 / cal.historic_mean_stay_days))
            historic.append(_Draft(discharge - timedelta(days=stay), discharge))
    return historic


def generate_register(
    *,
    seed: int,
    as_at: date,
    areas: list[AreaRef],
    months: int = 24,
    scale: float = 1.0,
    calibration: Calibration = PUBLISHED,
) -> SyntheticRegister:
    """Generate the register as it stood on ``as_at``; the same arguments always give the same register.

    The steps draw from one random generator in a fixed order: changing the order changes every register.
    """
    if not areas:
        raise ValueError("at least one area is needed")
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = random.Random(seed)
    cal = calibration
    window_start = add_months(as_at, -months)
    census = _census_cohort(rng, cal, scale)
    new = _admitted_after_census(rng, cal, scale)
    _secure_and_transfer_plans(rng, cal, scale, _assuring_transformation_cohort(rng, cal, scale, census, new))
    historic = _discharged_before_census(rng, cal, scale, window_start)
    later = _monthly_admissions(
        rng, cal, scale, AT_DATE + timedelta(days=1), as_at
    )  # matter if as_at is later

    drafts = census + new + historic + later
    rng.shuffle(drafts)
    weights = [TYPE_WEIGHTS.get(a.area_type, OTHER_TYPE_WEIGHT) for a in areas]
    for draft, area in zip(drafts, rng.choices(areas, weights=weights, k=len(drafts)), strict=True):
        draft.area = area

    drafts = [d for d in drafts if d.admission <= as_at]
    nhs_numbers = iter(_nhs_numbers(len(drafts)))
    people = [_person(rng, i + 1, d, as_at, next(nhs_numbers)) for i, d in enumerate(drafts)]
    return SyntheticRegister(seed, as_at, scale, people, _truth(people, as_at, window_start), cal)


_WARDS_NOT_SECURE = ["AT", "REHAB", "OTHER"]
_DESTINATIONS = _codes(template.DESTINATIONS)
_REASONS = _codes(template.NO_PLAN_REASONS)
_AGE_BANDS = _codes(template.AGE_BANDS)
_OUTCOMES = _codes(template.REVIEW_OUTCOMES)


def _person(rng: random.Random, number: int, d: _Draft, as_at: date, nhs_number: str) -> SyntheticPerson:
    assert d.area is not None
    secure = d.secure if d.secure is not None else rng.random() < 0.2
    ward = "SECURE" if secure else _pick(rng, _WARDS_NOT_SECURE, [55, 30, 15])
    distance = d.distance or _pick(rng, ["LT10", "10-50", "50-100", "100+"], [30, 35, 17, 18])
    out_chance = {"LT10": 0.1, "10-50": 0.5, "50-100": 0.9, "100+": 1.0}[distance]
    commissioner = "NHSE" if rng.random() < (0.85 if secure else 0.2) else "CCG"
    legal = _pick(rng, ["INFORMAL", "MHA", "MOJ"], [5, 50, 45] if secure else [30, 60, 10])
    age = _pick(rng, _AGE_BANDS, [4, 18, 26, 22, 17, 9, 4])
    child = age == "0-17" or (age == "18-24" and rng.random() < 0.3)

    discharge = d.discharge if d.discharge is not None and d.discharge <= as_at else None
    last_day = min(as_at, discharge) if discharge is not None else as_at
    reviewed = max(d.admission + timedelta(days=20), date(2013, 1, 7)) + timedelta(days=rng.randint(0, 150))
    review = reviewed if rng.random() < 0.85 and reviewed <= last_day else None
    checked = d.admission + timedelta(days=rng.randint(10, 240))
    check = checked if rng.random() < 0.75 and checked <= last_day else None
    registered = max(d.admission, REGISTER_START)
    if registered > as_at or (discharge is not None and registered > discharge):
        registered = d.admission
    reason = rng.choice(_REASONS)
    no_plan = discharge is None and d.planned is None
    destination = _pick(rng, _DESTINATIONS, [40, 25, 10, 15, 10])
    outcome = _pick(rng, _OUTCOMES, [45, 45, 10])
    return SyntheticPerson(
        local_reference=f"SYN-{number:06d}",
        area_code=d.area.ons_code,
        nhs_number=nhs_number if rng.random() < 0.95 else None,
        commissioner_type=commissioner,
        commissioner_name=(
            f"Synthetic CCG for {d.area.name}" if commissioner == "CCG" else "NHS England (synthetic)"
        ),
        provider=f"Synthetic Hospital {rng.randint(1, 120):03d}",
        ward_type=ward,
        placement="OUT" if rng.random() < out_chance else "IN",
        distance_band=distance,
        legal_status=legal,
        age_band=age,
        child_or_young_person=child,
        admission_date=d.admission,
        on_register_since=registered,
        care_review_date=review,
        care_review_outcome=outcome if review is not None else None,
        personal_care_plan=rng.random() < 0.7,
        care_coordinator=rng.random() < 0.8,
        advocacy=rng.random() < 0.5,
        health_check_date=check,
        health_action_plan=rng.random() < 0.6,
        planned_transfer_date=d.planned,
        actual_discharge_date=discharge,
        discharge_destination=destination if discharge is not None else None,
        reason_no_plan=reason if no_plan else None,
        estimated_discharge_date=_estimate(number, d.admission) if no_plan else None,
    )


def _estimate(number: int, admitted: date) -> date | None:  # from the number, not rng: calibration stays
    return None if number % 3 == 0 else max(DISCHARGE_TARGET, admitted) + timedelta(days=30 + number % 330)


def _area_truth(people: list[SyntheticPerson], as_at: date, window_start: date) -> dict[str, AreaTruth]:
    by_area: dict[str, Counter[str]] = {}
    for p in people:
        c = by_area.setdefault(p.area_code, Counter())
        if window_start < p.admission_date:
            c["admitted"] += 1
        if p.actual_discharge_date is not None and window_start < p.actual_discharge_date:
            c["discharged"] += 1
        if p.in_hospital(as_at):
            c["in_hospital"] += 1
            c["with_transfer_date"] += p.planned_transfer_date is not None
            c["transfer_before_target"] += _transfer_before_target(p)
            c["secure"] += p.ward_type == "SECURE"
            c["distance_100km_plus"] += p.distance_band == "100+"
    return {
        code: AreaTruth(**{f.name: c[f.name] for f in fields(AreaTruth)})
        for code, c in sorted(by_area.items())
    }


def _transfer_before_target(p: SyntheticPerson) -> bool:
    return p.planned_transfer_date is not None and p.planned_transfer_date < DISCHARGE_TARGET


def _census_truth(people: list[SyntheticPerson]) -> CensusTruth:
    at_census = [p for p in people if p.in_hospital(CENSUS_DATE)]
    return CensusTruth(
        CENSUS_DATE,
        len(at_census),
        sum(p.admission_date <= add_months(CENSUS_DATE, -12) for p in at_census),
        sum(p.admission_date <= add_months(CENSUS_DATE, -60) for p in at_census),
        sum(p.distance_band == "100+" for p in at_census),
    )


def _assuring_transformation_truth(people: list[SyntheticPerson]) -> AssuringTransformationTruth:
    at_at = [p for p in people if p.in_hospital(AT_DATE)]
    return AssuringTransformationTruth(
        AT_DATE,
        len(at_at),
        sum(p.planned_transfer_date is not None for p in at_at),
        sum(_transfer_before_target(p) for p in at_at),
        sum(p.ward_type == "SECURE" for p in at_at),
    )


def _truth(people: list[SyntheticPerson], as_at: date, window_start: date) -> RegisterTruth:
    admissions = sorted(p.admission_date for p in people)
    discharges = sorted(p.actual_discharge_date for p in people if p.actual_discharge_date is not None)

    def count_in(day: date) -> int:
        return bisect_right(admissions, day) - bisect_right(discharges, day)

    month_ends = [add_months(m, 1) - timedelta(days=1) for m in _month_starts(window_start, as_at)]
    admitted_by_month = Counter(
        p.admission_date.replace(day=1) for p in people if window_start < p.admission_date <= as_at
    )
    discharged_by_month = Counter(d.replace(day=1) for d in discharges if window_start < d <= as_at)
    return RegisterTruth(
        as_at=as_at,
        window_start=window_start,
        in_hospital=count_in(as_at),
        by_area=_area_truth(people, as_at, window_start),
        in_hospital_at_month_end={d: count_in(d) for d in month_ends if window_start < d <= as_at},
        admissions_by_month=dict(sorted(admitted_by_month.items())),
        discharges_by_month=dict(sorted(discharged_by_month.items())),
        census=_census_truth(people) if as_at >= CENSUS_DATE else None,
        assuring_transformation=_assuring_transformation_truth(people) if as_at >= AT_DATE else None,
    )
