"""Which reminder step a date falls in. Pure: no database, no clock.

The step due on ``as_at`` is the latest scheduled date on or before it, so a day the worker missed is
caught up the next day (once: each step has its own dedup key).
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    key: str  # "before-14", "before-0", "late-1" (weeks late)
    on: datetime.date

    @property
    def late(self) -> bool:
        return self.key.startswith("late-")


def steps(
    deadline: datetime.date, days_before: list[int], *, weekly_when_late: bool, until: datetime.date
) -> list[Step]:
    """Every step from the first reminder up to ``until``, in date order."""
    result = [
        Step(f"before-{d}", deadline - datetime.timedelta(days=d))
        for d in sorted(set(days_before), reverse=True)
    ]
    if weekly_when_late:
        weeks = (until - deadline).days // 7
        result += [Step(f"late-{w}", deadline + datetime.timedelta(weeks=w)) for w in range(1, weeks + 1)]
    return [s for s in result if s.on <= until]


def step_due(
    deadline: datetime.date,
    days_before: list[int],
    *,
    weekly_when_late: bool,
    as_at: datetime.date,
    opens_on: datetime.date,
) -> Step | None:
    """The step to send on ``as_at``: the latest one on or before it, and not before the round opened."""
    due = [
        s
        for s in steps(deadline, days_before, weekly_when_late=weekly_when_late, until=as_at)
        if s.on >= opens_on
    ]
    return due[-1] if due else None
