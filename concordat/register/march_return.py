"""The person-by-person March 2014 return, generated from the register (seeds/004: "person by person").

For each person on the area's register in hospital at any time from 1 April 2013 to 31 March 2014:
discharged (with the care package they went to), or will be discharged by 1 June 2014 (planned date and
destination), or will not be (the reason, and the estimated discharge date if there is one).
Pseudonymised: system id and local reference only.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from concordat.areas.models import Area
from concordat.register.models import Person
from concordat.register.rules import DischargeStatus, discharge_status
from concordat.register.template.columns import DESTINATIONS, NO_PLAN_REASONS
from concordat.spreadsheets import safe_cell

AS_AT = date(2014, 3, 31)
PERIOD_START = date(2013, 4, 1)

_LABELS = {
    DischargeStatus.DISCHARGED_BY_TARGET: "Discharged",
    DischargeStatus.DISCHARGED_AFTER_TARGET: "Discharged",
    DischargeStatus.PLANNED_BY_TARGET: "Will be discharged by 1 June 2014",
    DischargeStatus.PLANNED_AFTER_TARGET: "Will not be discharged by 1 June 2014",
    DischargeStatus.PLAN_DATE_PASSED: "Will not be discharged by 1 June 2014 (planned date passed)",
    DischargeStatus.NO_PLAN: "Will not be discharged by 1 June 2014 (no transfer plan)",
}
_DESTINATIONS = {c.code: c.label for c in DESTINATIONS}
_REASONS = {c.code: c.label for c in NO_PLAN_REASONS}
HEADERS = ("System ID", "Local reference", "Status", "Date", "Care package or destination", "Reason")


@dataclass(frozen=True)
class ReturnLine:
    person: Person
    status: str
    discharged: bool
    day: date | None  # actual discharge date, or the planned / estimated date
    destination: str
    reason: str

    def cells(self) -> list[str]:
        return [
            self.person.public_id,
            self.person.local_reference,
            self.status,
            f"{self.day:%d/%m/%Y}" if self.day else "",
            self.destination,
            self.reason,
        ]


def lines(area: Area, as_at: date = AS_AT) -> list[ReturnLine]:
    people = Person.objects.filter(area=area, admission_date__lte=as_at).filter(
        Q(actual_discharge_date__isnull=True) | Q(actual_discharge_date__gte=PERIOD_START)
    )
    out = []
    for person in people.select_related("area").order_by("local_reference"):
        status = discharge_status(person, as_at)
        discharged = status in (DischargeStatus.DISCHARGED_BY_TARGET, DischargeStatus.DISCHARGED_AFTER_TARGET)
        day = person.actual_discharge_date if discharged else person.planned_transfer_date
        out.append(
            ReturnLine(
                person,
                _LABELS[status],
                discharged,
                day,
                _DESTINATIONS.get(person.discharge_destination, ""),
                "" if discharged else _REASONS.get(person.reason_no_plan, ""),
            )
        )
    return out


def as_csv(return_lines: list[ReturnLine]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for line in return_lines:
        writer.writerow([safe_cell(c) for c in line.cells()])
    return out.getvalue().encode("utf-8-sig")
