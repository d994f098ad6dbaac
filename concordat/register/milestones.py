"""Who is overdue, as at a date: the rules of ``rules.py`` applied to an area's people."""

from dataclasses import dataclass, field
from datetime import date

from concordat.areas.models import Area
from concordat.register.models import Person
from concordat.register.rules import (
    DischargeStatus,
    discharge_status,
    health_check_due_date,
    health_check_overdue,
    in_hospital,
    review_due_date,
    review_overdue,
)


@dataclass
class OverdueLists:
    as_at: date
    in_hospital: int = 0
    review: list[tuple[Person, date]] = field(default_factory=list)  # (person, due date)
    health_check: list[tuple[Person, date]] = field(default_factory=list)
    no_plan: list[Person] = field(default_factory=list)  # in hospital, no planned transfer date

    def people(self) -> list[Person]:
        seen: dict[int, Person] = {}
        for person, _ in (*self.review, *self.health_check):
            seen[person.pk] = person
        for person in self.no_plan:
            seen[person.pk] = person
        return list(seen.values())


def overdue(area: Area, as_at: date) -> OverdueLists:
    lists = OverdueLists(as_at)
    for person in Person.objects.filter(area=area, admission_date__lte=as_at).select_related("area"):
        if not in_hospital(person, as_at):
            continue
        lists.in_hospital += 1
        if review_overdue(person, as_at):
            lists.review.append((person, review_due_date(person)))
        if health_check_overdue(person, as_at):
            lists.health_check.append((person, health_check_due_date(person)))
        if discharge_status(person, as_at) in (DischargeStatus.NO_PLAN, DischargeStatus.PLAN_DATE_PASSED):
            lists.no_plan.append(person)
    return lists
