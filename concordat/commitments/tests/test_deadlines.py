"""The deadline-phrase parser: every phrase the Concordat uses, edge cases, and properties."""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concordat.commitments.dataset import load_dataset
from concordat.commitments.deadlines import (
    PUBLISHED,
    DeadlineKind,
    DeadlineParseError,
    DeadlineWindow,
    is_overdue,
    parse_deadline,
)

D = date

# Every distinct time phrase in the Concordat (seeds/003...), with the window expected from reading it.
# (phrase, kind, start, end). Written by hand; the parser did not produce this table.
CONCORDAT_PHRASES: list[tuple[str, DeadlineKind, date | None, date | None]] = [
    # Key actions
    ("no later than 1 June 2014", "due", None, D(2014, 6, 1)),
    ("certainly no later than 1 April 2013", "due", None, D(2013, 4, 1)),
    ("no later than 1 April 2013", "due", None, D(2013, 4, 1)),
    ("from 1 April 2013", "start", D(2013, 4, 1), None),
    ("by 1 June 2013", "due", None, D(2013, 6, 1)),
    ("within three months", "due", None, D(2013, 3, 31)),
    ("by the end of December 2012", "due", None, D(2012, 12, 31)),
    ("by June 2013", "due", None, D(2013, 6, 30)),
    ("From June 2013", "start", D(2013, 6, 1), None),
    ("Over the next 12 months", "window", PUBLISHED, D(2013, 12, 31)),
    ("during Spring 2013", "window", D(2013, 3, 1), D(2013, 5, 31)),
    ("regularly", "ongoing", None, None),
    ("by December 2013", "due", None, D(2013, 12, 31)),
    ("one year on", "due", None, D(2013, 12, 31)),
    ("as soon as possible following 1 June 2014", "start", D(2014, 6, 2), None),
    # Annex A
    ("by 1 June 2014", "due", None, D(2014, 6, 1)),
    ("from April 2013", "start", D(2013, 4, 1), None),
    ("by April 2013", "due", None, D(2013, 4, 30)),
    ("from Spring 2013", "start", D(2013, 3, 1), None),
    ("from 2013", "start", D(2013, 1, 1), None),
    ("in Spring 2013", "window", D(2013, 3, 1), D(2013, 5, 31)),
    ("in 2013", "window", D(2013, 1, 1), D(2013, 12, 31)),
    ("twice yearly", "ongoing", None, None),
    ("by February 2013", "due", None, D(2013, 2, 28)),
    ("by early 2013", "due", None, D(2013, 4, 30)),
    ("by March 2013", "due", None, D(2013, 3, 31)),
    ("By March 2013", "due", None, D(2013, 3, 31)),
    ("in Summer 2015", "window", D(2015, 6, 1), D(2015, 8, 31)),
    ("in Summer 2016", "window", D(2016, 6, 1), D(2016, 8, 31)),
    ("In January 2013", "window", D(2013, 1, 1), D(2013, 1, 31)),
    ("from now", "start", PUBLISHED, None),
    ("by December 2012", "due", None, D(2012, 12, 31)),
    ("by the end of 2013", "due", None, D(2013, 12, 31)),
    ("by Spring 2014", "due", None, D(2014, 5, 31)),
    ("during 2014", "window", D(2014, 1, 1), D(2014, 12, 31)),
    ("by summer 2013", "due", None, D(2013, 8, 31)),
    ("from 2014/15", "start", D(2014, 4, 1), None),
    # Undated phrases the document uses: recognised, no date, phrase kept.
    ("as soon as possible", "none", None, None),
    ("as quickly as possible", "none", None, None),
    ("immediately", "none", None, None),
    ("in due course", "none", None, None),
    # Per-person standards in the document; context-free, the parser reads them from publication.
    ("within 6 months", "due", None, D(2013, 6, 30)),
]


@pytest.mark.parametrize(("phrase", "kind", "start", "end"), CONCORDAT_PHRASES)
def test_parse_every_concordat_phrase(
    phrase: str, kind: DeadlineKind, start: date | None, end: date | None
) -> None:
    assert parse_deadline(phrase) == DeadlineWindow(kind, start, end, phrase)


def test_table_covers_every_deadline_text_in_the_dataset() -> None:
    used = {c.deadline_text for c in load_dataset().commitments if c.deadline_text is not None}
    assert used - {phrase for phrase, *_ in CONCORDAT_PHRASES} == set()


@pytest.mark.parametrize(
    "phrase",
    [
        "in time for the implementation of the Care and Support Bill",  # tied to an event, not a date
        "less than 12 months",
        "soonish",
        "by Blursday 2013",
        "by 31 February 2013",
        "by 29 February 2013",
        "by 0 April 2013",
        "by 1 Apr 13",
        "2013/16",
        "from 0000",
        "within 99999999999 years",
        "by the end of",
        "Spring",
    ],
)
def test_parse_rejects_unknown_or_impossible_phrases(phrase: str) -> None:
    with pytest.raises(DeadlineParseError):
        parse_deadline(phrase)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_parse_empty_is_none(text: str | None) -> None:
    window = parse_deadline(text)
    assert (window.kind, window.start, window.end, window.has_deadline) == ("none", None, None, False)


def test_parse_keeps_undated_phrase() -> None:
    assert parse_deadline("In due course").phrase == "In due course"


def test_parse_collapses_whitespace_in_phrase_and_ignores_case_and_punctuation() -> None:
    window = parse_deadline("  BY 1   april\n2013; ")
    assert (window.kind, window.end, window.phrase) == ("due", D(2013, 4, 1), "BY 1 april 2013;")


@pytest.mark.parametrize(
    ("phrase", "kind", "start", "end"),
    [
        # leap years
        ("by 29 February 2016", "due", None, D(2016, 2, 29)),
        ("by February 2016", "due", None, D(2016, 2, 29)),
        ("by February 2100", "due", None, D(2100, 2, 28)),
        ("by February 2000", "due", None, D(2000, 2, 29)),
        ("Winter 2015", "window", D(2015, 12, 1), D(2016, 2, 29)),
        # seasons (meteorological) and thirds of a year
        ("Spring 2013", "window", D(2013, 3, 1), D(2013, 5, 31)),
        ("Summer 2015", "window", D(2015, 6, 1), D(2015, 8, 31)),
        ("autumn 2013", "window", D(2013, 9, 1), D(2013, 11, 30)),
        ("Winter 2013", "window", D(2013, 12, 1), D(2014, 2, 28)),
        ("by winter 2013", "due", None, D(2014, 2, 28)),
        ("early 2014", "window", D(2014, 1, 1), D(2014, 4, 30)),
        ("by mid-2014", "due", None, D(2014, 8, 31)),
        ("late 2013", "window", D(2013, 9, 1), D(2013, 12, 31)),
        # "end of" forms
        ("end of March 2013", "due", None, D(2013, 3, 31)),
        ("by end of June 2013", "due", None, D(2013, 6, 30)),
        ("by the end of Spring 2013", "due", None, D(2013, 5, 31)),
        ("at the end of 2013", "due", None, D(2013, 12, 31)),
        ("the end of 2014/15", "due", None, D(2015, 3, 31)),
        # other prefixes and forms
        ("1 April 2013", "due", None, D(2013, 4, 1)),
        ("on 1st April 2013", "due", None, D(2013, 4, 1)),
        ("by the 1st of Sept 2013", "due", None, D(2013, 9, 1)),
        ("before 1 April 2013", "due", None, D(2013, 3, 31)),
        ("before April 2013", "due", None, D(2013, 3, 31)),
        ("after March 2013", "start", D(2013, 4, 1), None),
        ("starting April 2013", "start", D(2013, 4, 1), None),
        ("2014-15", "window", D(2014, 4, 1), D(2015, 3, 31)),
        ("during 2014/2015", "window", D(2014, 4, 1), D(2015, 3, 31)),
        ("March 2013", "window", D(2013, 3, 1), D(2013, 3, 31)),
        ("by 2013", "due", None, D(2013, 12, 31)),
        ("ongoing", "ongoing", None, None),
        # relative to publication
        ("within 2 weeks", "due", None, PUBLISHED + timedelta(days=14)),
        ("within 30 days", "due", None, PUBLISHED + timedelta(days=30)),
        ("within a year", "due", None, D(2013, 12, 31)),
        ("in the next 18 months", "due", None, D(2014, 6, 30)),
        ("six months on", "due", None, D(2013, 6, 30)),
    ],
)
def test_parse_edge_cases(phrase: str, kind: str, start: date | None, end: date | None) -> None:
    window = parse_deadline(phrase)
    assert (window.kind, window.start, window.end) == (kind, start, end)


def test_relative_periods_use_the_published_date() -> None:
    assert parse_deadline("within 1 month", published=D(2013, 1, 31)).end == D(2013, 2, 28)
    assert parse_deadline("Over the next 12 months", published=D(2014, 2, 3)) == DeadlineWindow(
        "window", D(2014, 2, 3), D(2015, 2, 28), "Over the next 12 months"
    )
    assert parse_deadline("from now", published=D(2013, 5, 1)).start == D(2013, 5, 1)


def test_window_is_frozen() -> None:
    window = parse_deadline("by 1 April 2013")
    with pytest.raises(dataclasses.FrozenInstanceError):
        window.end = D(2014, 1, 1)  # type: ignore[misc]  # frozen: the assignment must fail


# --- properties --------------------------------------------------------------------------------

_dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
_months = st.integers(min_value=1, max_value=12)
_years = st.integers(min_value=1900, max_value=2200)


@given(_dates, st.sampled_from(["by", "no later than", "by no later than", "BY"]), st.booleans())
def test_property_by_day_month_year_is_due_that_day(day: date, prefix: str, abbreviated: bool) -> None:
    names = calendar.month_abbr if abbreviated else calendar.month_name
    window = parse_deadline(f"{prefix} {day.day} {names[day.month]} {day.year}")
    assert (window.kind, window.start, window.end) == ("due", None, day)


@given(_months, _years)
def test_property_month_forms(month: int, year: int) -> None:
    name = calendar.month_name[month]
    last = D(year, month, calendar.monthrange(year, month)[1])
    assert parse_deadline(f"by {name} {year}").end == last
    assert parse_deadline(f"by the end of {name} {year}").end == last
    assert parse_deadline(f"in {name} {year}") == DeadlineWindow(
        "window", D(year, month, 1), last, f"in {name} {year}"
    )
    assert parse_deadline(f"from {name} {year}").start == D(year, month, 1)


@given(_years)
def test_property_year_forms(year: int) -> None:
    assert parse_deadline(f"during {year}") == DeadlineWindow(
        "window", D(year, 1, 1), D(year, 12, 31), f"during {year}"
    )
    assert parse_deadline(f"by the end of {year}").end == D(year, 12, 31)
    assert parse_deadline(f"from {year}").start == D(year, 1, 1)


@given(st.sampled_from(["Spring", "Summer", "Autumn", "Winter"]), _years)
def test_property_seasons_are_three_whole_months(season: str, year: int) -> None:
    window = parse_deadline(f"{season} {year}")
    assert window.kind == "window" and window.start is not None and window.end is not None
    assert window.start.day == 1 and (window.end + timedelta(days=1)).day == 1
    months = (window.end.year - window.start.year) * 12 + window.end.month - window.start.month + 1
    assert months == 3
    assert parse_deadline(f"by {season} {year}").end == window.end


@given(_dates, st.integers(min_value=0, max_value=120))
def test_property_within_months_ends_on_a_month_end_after_publication(published: date, months: int) -> None:
    window = parse_deadline(f"within {months} months", published=published)
    assert window.end is not None and window.end >= published
    assert (window.end + timedelta(days=1)).day == 1


@given(st.text(max_size=40))
def test_property_any_text_parses_or_raises_parse_error(text: str) -> None:
    try:
        window = parse_deadline(text)
    except DeadlineParseError:
        return
    assert window.phrase == " ".join(text.split())
    if window.start is not None and window.end is not None:
        assert window.start <= window.end


@given(_dates)
def test_property_due_day_is_overdue_only_after_it(day: date) -> None:
    window = parse_deadline(f"by {day.day} {calendar.month_name[day.month]} {day.year}")
    assert not is_overdue(window, as_at=day, completed=False)
    assert is_overdue(window, as_at=day + timedelta(days=1), completed=False)
    assert not is_overdue(window, as_at=day + timedelta(days=1), completed=True)
