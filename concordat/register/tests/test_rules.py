from datetime import date

import pytest

from concordat.register.rules import (
    DischargeStatus,
    MilestoneRules,
    PersonFacts,
    add_months,
    discharge_status,
    expected_out_by_target,
    health_check_overdue,
    in_hospital,
    review_due_date,
    review_overdue,
)

LONG_STAY = PersonFacts(admission_date=date(2009, 5, 4))
LATE_ADMISSION = PersonFacts(admission_date=date(2013, 8, 31))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2013, 8, 31), 6, date(2014, 2, 28)),
        (date(2015, 8, 31), 6, date(2016, 2, 29)),
        (date(2013, 11, 30), 3, date(2014, 2, 28)),
        (date(2013, 1, 15), -1, date(2012, 12, 15)),
        (date(2013, 3, 1), 3, date(2013, 6, 1)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_review_due_is_programme_deadline_or_three_months_after_admission() -> None:
    assert review_due_date(LONG_STAY) == date(2013, 6, 1)
    assert review_due_date(PersonFacts(admission_date=date(2013, 3, 1))) == date(2013, 6, 1)
    assert review_due_date(LATE_ADMISSION) == date(2013, 11, 30)


@pytest.mark.parametrize(
    ("as_at", "overdue"),
    [
        (date(2013, 5, 31), False),
        (date(2013, 6, 1), False),
        (date(2013, 6, 2), True),
        (date(2014, 3, 31), True),
    ],
)
def test_review_overdue_from_the_day_after_the_deadline(as_at: date, overdue: bool) -> None:
    assert review_overdue(LONG_STAY, as_at) is overdue


def test_late_admission_review_window() -> None:
    assert not review_overdue(LATE_ADMISSION, date(2013, 11, 30))
    assert review_overdue(LATE_ADMISSION, date(2013, 12, 1))


def test_review_counts_only_once_recorded_and_since_admission() -> None:
    reviewed = PersonFacts(admission_date=date(2009, 5, 4), care_review_date=date(2013, 7, 1))
    assert review_overdue(reviewed, date(2013, 6, 30))  # not yet reviewed as at 30 June
    assert not review_overdue(reviewed, date(2013, 7, 1))
    before_admission = PersonFacts(admission_date=date(2013, 1, 10), care_review_date=date(2012, 12, 20))
    assert review_overdue(before_admission, date(2013, 6, 2))


def test_nothing_is_overdue_for_someone_discharged_or_not_yet_admitted() -> None:
    out = PersonFacts(admission_date=date(2009, 5, 4), actual_discharge_date=date(2013, 4, 1))
    assert not review_overdue(out, date(2013, 7, 1))
    assert not health_check_overdue(out, date(2013, 7, 1))
    assert not review_overdue(LATE_ADMISSION, date(2013, 8, 30))


def test_discharge_day_counts_as_out() -> None:
    person = PersonFacts(admission_date=date(2013, 1, 1), actual_discharge_date=date(2013, 9, 30))
    assert in_hospital(person, date(2013, 9, 29))
    assert not in_hospital(person, date(2013, 9, 30))
    assert not in_hospital(person, date(2012, 12, 31))
    assert in_hospital(person, date(2013, 1, 1))


@pytest.mark.parametrize(
    ("as_at", "overdue"),
    [(date(2014, 2, 27), False), (date(2014, 2, 28), False), (date(2014, 3, 1), True)],
)
def test_health_check_overdue_six_months_after_admission(as_at: date, overdue: bool) -> None:
    assert health_check_overdue(LATE_ADMISSION, as_at) is overdue


def test_health_check_done_stops_it_being_overdue() -> None:
    person = PersonFacts(admission_date=date(2013, 8, 31), health_check_date=date(2014, 3, 15))
    assert health_check_overdue(person, date(2014, 3, 14))
    assert not health_check_overdue(person, date(2014, 3, 15))


@pytest.mark.parametrize(
    ("facts", "as_at", "status"),
    [
        (
            PersonFacts(date(2010, 1, 1), actual_discharge_date=date(2014, 6, 1)),
            date(2014, 7, 1),
            DischargeStatus.DISCHARGED_BY_TARGET,
        ),
        (
            PersonFacts(date(2010, 1, 1), actual_discharge_date=date(2014, 6, 2)),
            date(2014, 7, 1),
            DischargeStatus.DISCHARGED_AFTER_TARGET,
        ),
        # a discharge recorded after the as-at date is not known yet; the plan is
        (
            PersonFacts(
                date(2010, 1, 1),
                planned_transfer_date=date(2014, 5, 1),
                actual_discharge_date=date(2014, 5, 1),
            ),
            date(2014, 3, 31),
            DischargeStatus.PLANNED_BY_TARGET,
        ),
        (
            PersonFacts(date(2010, 1, 1), planned_transfer_date=date(2014, 6, 1)),
            date(2014, 3, 31),
            DischargeStatus.PLANNED_BY_TARGET,
        ),
        (
            PersonFacts(date(2010, 1, 1), planned_transfer_date=date(2014, 6, 2)),
            date(2014, 3, 31),
            DischargeStatus.PLANNED_AFTER_TARGET,
        ),
        (
            PersonFacts(date(2010, 1, 1), planned_transfer_date=date(2014, 3, 1)),
            date(2014, 3, 31),
            DischargeStatus.PLAN_DATE_PASSED,
        ),
        (PersonFacts(date(2010, 1, 1)), date(2014, 3, 31), DischargeStatus.NO_PLAN),
        (PersonFacts(date(2014, 4, 1)), date(2014, 3, 31), DischargeStatus.NOT_ADMITTED),
    ],
)
def test_discharge_status(facts: PersonFacts, as_at: date, status: DischargeStatus) -> None:
    assert discharge_status(facts, as_at) is status
    assert expected_out_by_target(facts, as_at) is (
        status in (DischargeStatus.DISCHARGED_BY_TARGET, DischargeStatus.PLANNED_BY_TARGET)
    )


def test_rules_are_configurable_per_programme() -> None:
    rules = MilestoneRules(review_deadline=date(2015, 1, 1), discharge_target=date(2016, 3, 31))
    assert not review_overdue(LONG_STAY, date(2014, 12, 31), rules)
    person = PersonFacts(date(2010, 1, 1), planned_transfer_date=date(2016, 1, 1))
    assert expected_out_by_target(person, date(2015, 1, 1), rules)
    assert not expected_out_by_target(person, date(2015, 1, 1))
