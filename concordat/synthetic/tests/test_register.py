import dataclasses
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from concordat.register import rules
from concordat.register.nhs_number import validate_nhs_number
from concordat.register.template.reading import read_rows
from concordat.register.template.validation import validate_rows
from concordat.synthetic.register import (
    AT_DATE,
    CENSUS_DATE,
    SYNTHETIC,
    AreaRef,
    SyntheticRegister,
    areas_from_csv,
    generate_register,
)

AREAS_CSV = Path(__file__).resolve().parents[2] / "areas" / "data" / "hwb-areas-2013.csv"
AS_AT = date(2014, 3, 31)


@cache
def areas() -> tuple[AreaRef, ...]:
    return tuple(areas_from_csv(AREAS_CSV.read_text(encoding="utf-8")))


@cache
def register(seed: int = 2013, as_at: date = AS_AT) -> SyntheticRegister:
    return generate_register(seed=seed, as_at=as_at, areas=list(areas()))


def test_reference_areas_are_the_152() -> None:
    assert len(areas()) == 152


def test_same_seed_gives_identical_register() -> None:
    a = generate_register(seed=7, as_at=AS_AT, areas=list(areas()))
    b = generate_register(seed=7, as_at=AS_AT, areas=list(areas()))
    assert [dataclasses.astuple(p) for p in a.people] == [dataclasses.astuple(p) for p in b.people]
    assert a.truth == b.truth
    c = generate_register(seed=8, as_at=AS_AT, areas=list(areas()))
    assert [p.admission_date for p in a.people] != [p.admission_date for p in c.people]


def test_everything_is_labelled_synthetic() -> None:
    reg = register()
    assert SYNTHETIC and reg.synthetic
    assert all(p.synthetic and p.local_reference.startswith("SYN-") for p in reg.people)
    numbers = [p.nhs_number for p in reg.people if p.nhs_number]
    assert all(n.startswith("999") and validate_nhs_number(n) == n for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert len({p.local_reference for p in reg.people}) == len(reg.people)


@pytest.mark.parametrize("seed", [1, 2013, 99])
def test_calibration_hits_published_figures_exactly(seed: int) -> None:
    truth = register(seed).truth
    census, at = truth.census, truth.assuring_transformation
    assert census is not None and at is not None
    assert census.in_hospital == 3250
    assert round(100 * census.stay_1y_plus / census.in_hospital, 1) == 60.0
    assert round(100 * census.stay_5y_plus / census.in_hospital, 1) == 17.6
    assert round(100 * census.distance_100km_plus / census.in_hospital, 1) == 18.2
    assert (census.stay_1y_plus, census.stay_5y_plus) == (1950, 572)
    assert (at.in_hospital, at.with_transfer_date, at.transfer_before_target, at.secure) == (
        2615,
        256,
        182,
        534,
    )
    assert truth.in_hospital == 2615


def test_truth_matches_an_independent_recount_with_the_rules() -> None:
    reg = register()
    in_hospital = [p for p in reg.people if rules.in_hospital(p.facts(), AS_AT)]
    assert len(in_hospital) == reg.truth.in_hospital
    by_area = Counter(p.area_code for p in in_hospital)
    assert {code: a.in_hospital for code, a in reg.truth.by_area.items() if a.in_hospital} == dict(by_area)
    assert sum(a.secure for a in reg.truth.by_area.values()) == 534
    assert sum(a.transfer_before_target for a in reg.truth.by_area.values()) == 182
    by_target = sum(rules.expected_out_by_target(p.facts(), AS_AT) for p in in_hospital)
    assert by_target == 182
    census = [p for p in reg.people if rules.in_hospital(p.facts(), CENSUS_DATE)]
    assert len(census) == 3250


def test_people_are_spread_over_areas_by_type() -> None:
    truth = register().truth
    assert len(truth.by_area) >= 148  # the two tiny areas may have nobody
    counts = {a.ons_code: truth.by_area.get(a.ons_code) for a in areas()}
    county = [c.in_hospital for code, c in counts.items() if c and code.startswith("E10")]
    london = [c.in_hospital for code, c in counts.items() if c and code.startswith("E09")]
    assert sum(county) / len(county) > 2 * sum(london) / len(london)


def test_count_in_hospital_falls_from_census_to_march() -> None:
    series = register().truth.in_hospital_at_month_end
    assert series[CENSUS_DATE] == 3250 and series[AT_DATE] == 2615
    autumn_to_spring = [series[d] for d in sorted(series) if CENSUS_DATE <= d <= AT_DATE]
    assert autumn_to_spring == sorted(autumn_to_spring, reverse=True)
    assert len(series) == 24
    assert all(3250 <= series[d] <= 4000 for d in series if d <= CENSUS_DATE)
    assert len(register().truth.admissions_by_month) == 24
    assert all(50 <= n <= 250 for n in register().truth.admissions_by_month.values())
    assert all(50 <= n <= 300 for n in register().truth.discharges_by_month.values())


def test_no_fact_is_dated_after_as_at() -> None:
    as_at = date(2013, 12, 31)
    reg = register(5, as_at)
    assert reg.truth.assuring_transformation is None and reg.truth.census is not None
    assert reg.truth.census.in_hospital == 3250
    for p in reg.people:
        for day in (
            p.admission_date,
            p.on_register_since,
            p.care_review_date,
            p.health_check_date,
            p.actual_discharge_date,
        ):
            assert day is None or day <= as_at


@pytest.mark.parametrize("as_at", [AS_AT, date(2014, 7, 31)])
def test_synthetic_area_uploads_pass_validation(as_at: date) -> None:
    reg = register(3, as_at)
    for code in ("E09000015", "E10000016", "E08000035"):
        result = validate_rows(read_rows(reg.upload_csv(code), "syn.csv"), area_code=code, as_at=as_at)
        assert result.errors == []
        assert len(result.rows) == len(reg.upload_rows(code)) > 0


def test_the_benchmarks_tenfold_register_keeps_the_census_shape() -> None:
    # How long it takes is part of `concordat bench register`, not asserted here.
    reg = generate_register(seed=1, as_at=AS_AT, areas=list(areas()), scale=10.0)
    assert len(reg.people) >= 50_000
    at = reg.truth.assuring_transformation
    assert at is not None and (at.in_hospital, at.secure) == (26150, 5340)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="area"):
        generate_register(seed=1, as_at=AS_AT, areas=[])
    with pytest.raises(ValueError, match="scale"):
        generate_register(seed=1, as_at=AS_AT, areas=list(areas()), scale=0)
