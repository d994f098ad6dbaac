"""The Concordat's milestones for each person, judged "as at" a date that is always passed in.

Conventions:

* A person is in hospital on day D when admitted on or before D and not discharged on or before D
  (the discharge day itself counts as out, like a midnight census).
* Facts dated after the as-at date are ignored, so a report as at 1 June 2014 comes out the same whenever
  it is rebuilt. Planned transfer dates are plans, so a future planned date is used.
* A deadline is met by anything on the deadline day; a milestone is overdue from the day after.
* A review or health check counts only if it is on or after the current admission.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol


class PersonLike(Protocol):
    """What the rules need to know about a person (a PersonFacts, a model instance, a synthetic person)."""

    @property
    def admission_date(self) -> date: ...
    @property
    def care_review_date(self) -> date | None: ...
    @property
    def health_check_date(self) -> date | None: ...
    @property
    def planned_transfer_date(self) -> date | None: ...
    @property
    def actual_discharge_date(self) -> date | None: ...


@dataclass(frozen=True)
class PersonFacts:
    admission_date: date
    care_review_date: date | None = None
    health_check_date: date | None = None
    planned_transfer_date: date | None = None
    actual_discharge_date: date | None = None


@dataclass(frozen=True)
class MilestoneRules:
    """The programme's deadlines. The defaults are the Winterbourne View Concordat's (December 2012)."""

    review_deadline: date = date(2013, 6, 1)  # everyone in hospital reviewed by this date
    review_within_months: int = 3  # people admitted later: reviewed within 3 months of admission
    health_check_within_months: int = 6  # a health check within 6 months of admission
    discharge_target: date = date(2014, 6, 1)  # moved to community-based support by this date


CONCORDAT_RULES = MilestoneRules()


class DischargeStatus(StrEnum):
    NOT_ADMITTED = "not_admitted"  # admitted after the as-at date
    DISCHARGED_BY_TARGET = "discharged_by_target"
    DISCHARGED_AFTER_TARGET = "discharged_after_target"
    PLANNED_BY_TARGET = "planned_by_target"  # in hospital, transfer planned on or before the target
    PLANNED_AFTER_TARGET = "planned_after_target"
    PLAN_DATE_PASSED = "plan_date_passed"  # in hospital, planned date already gone by
    NO_PLAN = "no_plan"


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the month's end: 31 Aug + 6 months = 28/29 Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _known(day: date | None, as_at: date) -> date | None:
    return day if day is not None and day <= as_at else None


def in_hospital(person: PersonLike, as_at: date) -> bool:
    if person.admission_date > as_at:
        return False
    discharged = _known(person.actual_discharge_date, as_at)
    return discharged is None


def review_due_date(person: PersonLike, rules: MilestoneRules = CONCORDAT_RULES) -> date:
    """The programme deadline, or 3 months after admission for people admitted too late to meet it."""
    return max(rules.review_deadline, add_months(person.admission_date, rules.review_within_months))


def _done(day: date | None, person: PersonLike, as_at: date) -> bool:
    known = _known(day, as_at)
    return known is not None and known >= person.admission_date


def review_overdue(person: PersonLike, as_at: date, rules: MilestoneRules = CONCORDAT_RULES) -> bool:
    """In hospital, past the review due date, and no care review since admission recorded by ``as_at``."""
    if not in_hospital(person, as_at) or as_at <= review_due_date(person, rules):
        return False
    return not _done(person.care_review_date, person, as_at)


def health_check_due_date(person: PersonLike, rules: MilestoneRules = CONCORDAT_RULES) -> date:
    return add_months(person.admission_date, rules.health_check_within_months)


def health_check_overdue(person: PersonLike, as_at: date, rules: MilestoneRules = CONCORDAT_RULES) -> bool:
    """In hospital more than 6 months after admission with no health check since admission."""
    if not in_hospital(person, as_at) or as_at <= health_check_due_date(person, rules):
        return False
    return not _done(person.health_check_date, person, as_at)


def discharge_status(
    person: PersonLike, as_at: date, rules: MilestoneRules = CONCORDAT_RULES
) -> DischargeStatus:
    if person.admission_date > as_at:
        return DischargeStatus.NOT_ADMITTED
    discharged = _known(person.actual_discharge_date, as_at)
    if discharged is not None:
        if discharged <= rules.discharge_target:
            return DischargeStatus.DISCHARGED_BY_TARGET
        return DischargeStatus.DISCHARGED_AFTER_TARGET
    planned = person.planned_transfer_date
    if planned is None:
        return DischargeStatus.NO_PLAN
    if planned < as_at:
        return DischargeStatus.PLAN_DATE_PASSED
    if planned <= rules.discharge_target:
        return DischargeStatus.PLANNED_BY_TARGET
    return DischargeStatus.PLANNED_AFTER_TARGET


def expected_out_by_target(person: PersonLike, as_at: date, rules: MilestoneRules = CONCORDAT_RULES) -> bool:
    """Already discharged by the target date, or still in with a transfer planned on or before it.

    A planned date that has already passed without discharge does not count: the plan has slipped.
    """
    return discharge_status(person, as_at, rules) in (
        DischargeStatus.DISCHARGED_BY_TARGET,
        DischargeStatus.PLANNED_BY_TARGET,
    )
