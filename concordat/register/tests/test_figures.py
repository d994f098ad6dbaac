"""Figures from snapshots against the synthetic truth, and against rules.py person by person."""

import random
from datetime import date

import pytest

from concordat.areas.models import Area, Region
from concordat.register import figures
from concordat.register.models import Person, Snapshot
from concordat.register.rules import (
    CONCORDAT_RULES,
    add_months,
    expected_out_by_target,
    health_check_overdue,
    in_hospital,
)
from concordat.synthetic.register import AT_DATE, CENSUS_DATE
from concordat.synthetic.register_loading import load_register

ENGLAND = figures.Scope.england()


@pytest.mark.django_db
def test_england_figures_reproduce_the_census_and_assuring_transformation_exactly(reference: None) -> None:
    register = load_register(seed=2013, as_at=AT_DATE, scale=1.0)
    truth = register.truth
    census = figures.for_snapshot(Snapshot.objects.get(as_at=CENSUS_DATE), ENGLAND)
    assert truth.census is not None
    assert census.in_hospital == truth.census.in_hospital == 3250
    assert census.stay_1y_plus == truth.census.stay_1y_plus
    assert census.stay_5y_plus == truth.census.stay_5y_plus
    assert census.distance_100km_plus == truth.census.distance_100km_plus
    assert round(census.share("stay_1y_plus") or 0, 1) == 60.0

    at = figures.for_snapshot(Snapshot.objects.get(as_at=AT_DATE), ENGLAND)
    at_truth = truth.assuring_transformation
    assert at_truth is not None
    assert at.in_hospital == at_truth.in_hospital == 2615
    assert at.with_transfer_date == at_truth.with_transfer_date == 256
    assert at.transfer_before_target == at_truth.transfer_before_target == 182
    assert at.secure == at_truth.secure == 534
    assert {m: n for m, n in at.admissions_by_month.items() if n} == truth.admissions_by_month
    assert {m: n for m, n in at.discharges_by_month.items() if n} == truth.discharges_by_month
    for snapshot in Snapshot.objects.all():
        assert (
            figures.for_snapshot(snapshot, ENGLAND).in_hospital
            == truth.in_hospital_at_month_end[snapshot.as_at]
        )


@pytest.fixture
def small_register(reference: None) -> object:
    return load_register(seed=7, as_at=AT_DATE, scale=0.05, months=6)


@pytest.mark.django_db
def test_area_and_region_figures_match_the_truth_and_add_up_to_england(small_register: object) -> None:
    truth = small_register.truth  # type: ignore[attr-defined]  # the fixture's register carries its truth
    snapshot = Snapshot.objects.get(as_at=AT_DATE)
    for code, area_truth in list(truth.by_area.items())[:25]:
        area = Area.objects.get(ons_code=code)
        f = figures.for_snapshot(snapshot, figures.Scope.for_area(area))
        assert f.in_hospital == area_truth.in_hospital
        assert f.with_transfer_date == area_truth.with_transfer_date
        assert f.secure == area_truth.secure
        assert f.distance_100km_plus == area_truth.distance_100km_plus
    england = figures.for_snapshot(snapshot, ENGLAND)
    regions = [figures.for_snapshot(snapshot, figures.Scope.for_region(r)) for r in Region.objects.all()]
    assert sum(r.in_hospital for r in regions) == england.in_hospital == truth.in_hospital


@pytest.mark.django_db
def test_every_count_agrees_with_rules_py_person_by_person(small_register: object) -> None:
    people = list(Person.objects.all())
    rng = random.Random(3)
    for as_at in [AT_DATE, date(2013, 12, 31), date(2014, 1, 15), *(rng.choice([date(2013, 11, 30)]),)]:
        f = figures.live(ENGLAND, as_at)
        inside = [p for p in people if in_hospital(p, as_at)]
        assert f.in_hospital == len(inside)
        assert f.stay_1y_plus == sum(p.admission_date <= add_months(as_at, -12) for p in inside)
        assert f.health_check_on_time == sum(not health_check_overdue(p, as_at) for p in inside)
        assert f.expected_out_by_target == sum(expected_out_by_target(p, as_at) for p in inside)
        assert f.reviewed == sum(
            p.care_review_date is not None and p.admission_date <= p.care_review_date <= as_at for p in inside
        )
        stays = sorted((as_at - p.admission_date).days for p in inside)
        n = len(stays)
        assert f.median_stay_days == (stays[(n - 1) // 2] + stays[n // 2]) / 2


@pytest.mark.django_db
def test_projection_uses_the_last_six_months_net_change_with_a_range(small_register: object) -> None:
    f = figures.for_snapshot(Snapshot.objects.get(as_at=AT_DATE), ENGLAND)
    p = f.projection
    assert p is not None
    assert p.months_used[0] == date(2013, 10, 1) and p.months_used[-1] == date(2014, 3, 1)
    changes = [f.admissions_by_month.get(m, 0) - f.discharges_by_month.get(m, 0) for m in p.months_used]
    assert p.mean_net_change == round(sum(changes) / 6, 2)
    assert p.low <= p.central <= p.high
    assert p.central == max(
        0,
        round(
            f.in_hospital
            + sum(changes) / 6 * (CONCORDAT_RULES.discharge_target - AT_DATE).days / (365.25 / 12)
        ),
    )
    after = figures.live(ENGLAND, date(2014, 6, 2))
    assert after.projection is None
