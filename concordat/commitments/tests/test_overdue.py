"""Overdue and due-between are derived from a window and a date; nothing about them is stored."""

from __future__ import annotations

from datetime import date

import pytest

from concordat.commitments.deadlines import is_due_between, is_overdue, parse_deadline

D = date


@pytest.mark.parametrize(
    ("phrase", "as_at", "overdue"),
    [
        # a day: the deadline day itself is still on time
        ("by 1 April 2013", D(2013, 3, 31), False),
        ("by 1 April 2013", D(2013, 4, 1), False),
        ("by 1 April 2013", D(2013, 4, 2), True),
        ("no later than 1 June 2014", D(2014, 6, 2), True),
        # a month: due at its end
        ("by March 2013", D(2013, 3, 1), False),
        ("by March 2013", D(2013, 3, 31), False),
        ("by March 2013", D(2013, 4, 1), True),
        # a window is overdue only once the whole window has passed
        ("Spring 2013", D(2013, 2, 1), False),
        ("Spring 2013", D(2013, 4, 15), False),
        ("Spring 2013", D(2013, 5, 31), False),
        ("Spring 2013", D(2013, 6, 1), True),
        ("during 2014", D(2014, 12, 31), False),
        ("during 2014", D(2015, 1, 1), True),
        ("Over the next 12 months", D(2013, 12, 31), False),
        ("Over the next 12 months", D(2014, 1, 1), True),
        # starts, recurrences and undated commitments are never overdue
        ("from June 2013", D(2013, 5, 1), False),
        ("from June 2013", D(2020, 1, 1), False),
        ("from now", D(2030, 1, 1), False),
        ("twice yearly", D(2030, 1, 1), False),
        ("as soon as possible", D(2030, 1, 1), False),
        (None, D(2030, 1, 1), False),
    ],
)
def test_is_overdue_when_not_completed(phrase: str | None, as_at: date, overdue: bool) -> None:
    assert is_overdue(parse_deadline(phrase), as_at=as_at, completed=False) is overdue


@pytest.mark.parametrize(
    "phrase", ["by 1 April 2013", "Spring 2013", "by the end of 2013", "within three months"]
)
def test_is_overdue_never_when_completed(phrase: str) -> None:
    assert is_overdue(parse_deadline(phrase), as_at=D(2030, 1, 1), completed=True) is False


def test_is_overdue_is_keyword_only() -> None:
    window = parse_deadline("by 1 April 2013")
    with pytest.raises(TypeError):
        is_overdue(window, D(2014, 1, 1), False)  # type: ignore[call-arg]  # deliberately positional


@pytest.mark.parametrize(
    ("phrase", "start", "end", "due"),
    [
        ("by 1 April 2013", D(2013, 4, 1), D(2013, 4, 1), True),
        ("by 1 April 2013", D(2013, 1, 1), D(2013, 3, 31), False),
        ("by 1 April 2013", D(2013, 4, 2), D(2013, 12, 31), False),
        ("by March 2013", D(2013, 1, 1), D(2013, 3, 31), True),
        ("Spring 2013", D(2013, 4, 1), D(2013, 6, 30), True),  # due at the window's end, 31 May
        ("Spring 2013", D(2013, 3, 1), D(2013, 4, 30), False),
        ("by the end of 2013", D(2013, 10, 1), D(2013, 12, 31), True),
        ("from June 2013", D(2013, 1, 1), D(2013, 12, 31), False),
        ("regularly", D(2000, 1, 1), D(2100, 1, 1), False),
        (None, D(2000, 1, 1), D(2100, 1, 1), False),
    ],
)
def test_is_due_between(phrase: str | None, start: date, end: date, due: bool) -> None:
    assert is_due_between(parse_deadline(phrase), start, end) is due
