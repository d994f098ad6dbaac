"""The person-by-person March 2014 return, generated from the register (seeds/004: "person by person").

For each person on the area's register in hospital at any time from 1 April 2013 to 31 March 2014:
discharged (with the care package they went to), or will be discharged by 1 June 2014 (planned date and
destination), or will not be (the reason, and the estimated discharge date if there is one).
Pseudonymised: system id and local reference only. People are read from the snapshot as at 31 March 2014 when
there is one — the one the figures as at that date use (``figures.Source``) — else from the live register,
and the page says which.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from concordat.areas.models import Area
from concordat.register import figures
from concordat.register.models import Person, PersonFactsFields
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
_NOT_OUT_BY_TARGET = (
    DischargeStatus.PLANNED_AFTER_TARGET,
    DischargeStatus.PLAN_DATE_PASSED,
    DischargeStatus.NO_PLAN,
)
NOT_GIVEN = "Not given"
HEADERS = (
    "System ID",
    "Local reference",
    "Status",
    "Discharge or planned transfer date",
    "Care package or destination",
    "Reason not discharged by 1 June 2014",
    "Estimated discharge date",
)


@dataclass(frozen=True)
class ReturnLine:
    person: Person
    status: str
    discharged: bool
    day: date | None  # actual discharge date, or the planned transfer date
    destination: str
    reason: str  # for a person who will not be out by 1 June 2014
    estimated: date | None  # likewise: when they are now expected to leave, if known

    def cells(self) -> list[str]:
        return [
            self.person.public_id,
            self.person.local_reference,
            self.status,
            f"{self.day:%d/%m/%Y}" if self.day else "",
            self.destination,
            self.reason,
            f"{self.estimated:%d/%m/%Y}" if self.estimated else "",
        ]


def source() -> figures.Source:
    """As at 31 March 2014: the snapshot of that date, as the figures as at that date use, or live."""
    return figures.source_as_at(AS_AT)


def _line(person: Person, facts: PersonFactsFields, as_at: date) -> ReturnLine:
    status = discharge_status(facts, as_at)
    discharged = status in (DischargeStatus.DISCHARGED_BY_TARGET, DischargeStatus.DISCHARGED_AFTER_TARGET)
    not_out = status in _NOT_OUT_BY_TARGET
    return ReturnLine(
        person,
        _LABELS[status],
        discharged,
        facts.actual_discharge_date if discharged else facts.planned_transfer_date,
        _DESTINATIONS.get(facts.discharge_destination, ""),
        _REASONS.get(facts.reason_no_plan, NOT_GIVEN) if not_out else "",
        facts.estimated_discharge_date if not_out else None,
    )


def lines(area: Area, as_at_source: figures.Source | None = None, *, as_at: date = AS_AT) -> list[ReturnLine]:
    """Everyone on ``area``'s register as at ``as_at`` (31 March 2014 unless said) who was in hospital at
    any time from 1 April 2013 to that date; facts dated after it are ignored (``rules``), and someone put
    on the register after it is not on it yet."""
    chosen = as_at_source or figures.source_as_at(as_at)
    rows = (
        chosen.rows(figures.Scope.for_area(area))
        .filter(admission_date__lte=as_at, on_register_since__lte=as_at)
        .filter(Q(actual_discharge_date__isnull=True) | Q(actual_discharge_date__gte=PERIOD_START))
    )
    if chosen.live:
        return [_line(p, p, as_at) for p in rows.select_related("area").order_by("local_reference")]
    frozen = rows.select_related("person__area").order_by("person__local_reference")
    return [_line(r.person, r, as_at) for r in frozen]


def as_csv(return_lines: list[ReturnLine]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for line in return_lines:
        writer.writerow([safe_cell(c) for c in line.cells()])
    return out.getvalue().encode("utf-8-sig")
