"""The reminder step due on each date of the June 2013 stocktake (opens 20 May, deadline 5 July)."""

import datetime

import pytest

from concordat.reminders.schedule import step_due

D = datetime.date
DEADLINE = D(2013, 7, 5)


@pytest.mark.parametrize(
    ("as_at", "step"),
    [
        (D(2013, 6, 20), None),  # 15 days before: nothing yet
        (D(2013, 6, 21), "before-14"),
        (D(2013, 6, 27), "before-14"),  # still the 14-day step: sent once, so nothing new
        (D(2013, 6, 28), "before-7"),
        (D(2013, 7, 3), "before-2"),
        (D(2013, 7, 4), "before-2"),
        (D(2013, 7, 5), "before-0"),
        (D(2013, 7, 11), "before-0"),
        (D(2013, 7, 12), "late-1"),
        (D(2013, 7, 18), "late-1"),
        (D(2013, 7, 19), "late-2"),
        (D(2013, 9, 27), "late-12"),
    ],
)
def test_the_default_schedule(as_at: datetime.date, step: str | None) -> None:
    due = step_due(DEADLINE, [14, 7, 2, 0], weekly_when_late=True, as_at=as_at, opens_on=D(2013, 5, 20))
    assert (due.key if due else None) == step


def test_a_round_that_opens_late_skips_the_steps_before_it_opened() -> None:
    opens = D(2013, 7, 1)
    assert step_due(DEADLINE, [14, 7, 2, 0], weekly_when_late=True, as_at=opens, opens_on=opens) is None
    due = step_due(DEADLINE, [14, 7, 2, 0], weekly_when_late=True, as_at=D(2013, 7, 3), opens_on=opens)
    assert due is not None and due.key == "before-2"


def test_a_schedule_without_weekly_reminders_stops_at_the_deadline() -> None:
    due = step_due(DEADLINE, [3], weekly_when_late=False, as_at=D(2013, 8, 30), opens_on=D(2013, 5, 20))
    assert due is not None and (due.key, due.on) == ("before-3", D(2013, 7, 2))
