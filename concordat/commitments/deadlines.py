"""Parse the Concordat's deadline phrases ("by 1 April 2013", "Spring 2013", ...) into date windows.

No Django here: the parser is pure so that the dataset loader, the importer and the tests can share it.

Semantics (see docs/decisions/0301-commitments-dataset.md):

* A *period* is a day ("1 June 2014"), a month ("March 2013"), a season ("Spring 2013": meteorological,
  March-May; Summer June-August; Autumn September-November; Winter December to the end of the following
  February), a third of a year ("early 2013" January-April, "mid 2013" May-August, "late 2013"
  September-December), a financial year ("2014/15": 1 April 2014 to 31 March 2015) or a calendar year.
* "by / no later than / by the end of / end of <period>" -> kind ``due``, ``end`` = last day of the period.
  "before <period>" -> ``due``, ``end`` = the day before the period starts.
* "in / during / within <period>" or a bare period -> kind ``window`` (start and end of the period);
  a bare or "on" day is ``due`` on that day.
* "from / starting <period>" -> kind ``start``, ``start`` = first day of the period (not a deadline).
  "following / after <period>" -> ``start`` = the day after the period ends. "from now" starts on publication.
* Relative periods count from publication. The Concordat gives its publication date only to the month
  ("December 2012"), so month- and year-based periods end on the last day of the month they land in:
  "within three months" -> 31 March 2013; "Over the next 12 months" and "one year on" -> 31 December 2013.
  "within N days/weeks" is counted exactly from ``published``. "within" is ``due``; "over the next" is a
  ``window`` starting on publication.
* Recurrences ("regularly", "twice yearly", "ongoing") -> kind ``ongoing`` with no dates.
* Recognised undated phrases ("as soon as possible", "immediately", "in due course") and ``None`` / blank
  -> kind ``none``, phrase kept.
* Anything else raises :class:`DeadlineParseError`, so a typo in the dataset fails loudly at load time.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "PUBLISHED",
    "DeadlineKind",
    "DeadlineParseError",
    "DeadlineWindow",
    "is_due_between",
    "is_overdue",
    "parse_deadline",
]

PUBLISHED = date(2012, 12, 10)

DeadlineKind = Literal["due", "window", "start", "ongoing", "none"]


class DeadlineParseError(ValueError):
    """The phrase is not one the parser understands (it is never silently treated as "no deadline")."""


@dataclass(frozen=True)
class DeadlineWindow:
    kind: DeadlineKind
    start: date | None
    end: date | None
    phrase: str

    @property
    def has_deadline(self) -> bool:
        """True when the window has a date by which the work is due (kinds ``due`` and ``window``)."""
        return self.kind in ("due", "window") and self.end is not None


@dataclass(frozen=True)
class _Period:
    start: date
    end: date


_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}

_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_THIRDS = {"early": 1, "mid": 5, "late": 9}

_UNDATED = frozenset(
    {
        "as soon as possible",
        "as quickly as possible",
        "immediately",
        "in due course",
        "now",
        "tbc",
        "to be confirmed",
    }
)
_RECURRING = frozenset(
    {
        "ongoing",
        "regularly",
        "continuously",
        "continually",
        "annually",
        "every year",
        "yearly",
        "twice yearly",
        "twice a year",
        "quarterly",
        "monthly",
    }
)

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_RE = re.compile(
    rf"^(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\s+(\d{{4}})$", re.ASCII
)
_MONTH_YEAR_RE = re.compile(rf"^({_MONTH_RE})\s+(\d{{4}})$", re.ASCII)
_SEASON_RE = re.compile(r"^(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})$", re.ASCII)
_THIRD_RE = re.compile(r"^(early|mid|late)[\s-]+(\d{4})$", re.ASCII)
_FINANCIAL_YEAR_RE = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.ASCII)
_YEAR_RE = re.compile(r"^(\d{4})$", re.ASCII)
_UNIT_RE = r"(day|week|month|year)s?"
_NUMBER_RE = rf"(\d+|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
_WITHIN_RE = re.compile(rf"^(?:within|in)\s+(?:the\s+next\s+)?{_NUMBER_RE}\s+{_UNIT_RE}$", re.ASCII)
_OVER_NEXT_RE = re.compile(rf"^(?:over|during)\s+the\s+next\s+{_NUMBER_RE}\s+{_UNIT_RE}$", re.ASCII)
_ON_RE = re.compile(rf"^{_NUMBER_RE}\s+{_UNIT_RE}\s+on$", re.ASCII)

_DUE_PREFIXES = ("no later than", "not later than", "by no later than", "by")
_WINDOW_PREFIXES = ("during", "in", "within", "throughout")
_START_PREFIXES = ("starting from", "starting", "from", "beginning")
_AFTER_PREFIXES = ("as soon as possible following", "as soon as possible after", "following", "after")


def _normalise(text: str) -> str:
    phrase = " ".join(text.split()).lower()
    phrase = phrase.strip(" .;,:")
    phrase = phrase.replace("\u2013", "-").replace("\u2014", "-")
    if phrase.startswith("certainly "):
        phrase = phrase.removeprefix("certainly ")
    return phrase


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_span(year: int, first_month: int, months: int) -> _Period:
    last_year, last_month = _add_months(year, first_month, months - 1)
    return _Period(date(year, first_month, 1), _end_of_month(last_year, last_month))


def _parse_period(text: str) -> _Period | None:
    """A calendar period named absolutely, or None when ``text`` is not one. Raises on impossible dates."""
    text = text.removeprefix("the ")
    if match := _DAY_RE.match(text):
        day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
        try:
            value = date(year, month, day)
        except ValueError as error:
            raise DeadlineParseError(f"no such date: {text!r}") from error
        return _Period(value, value)
    if match := _MONTH_YEAR_RE.match(text):
        return _month_span(int(match[2]), _MONTHS[match[1]], 1)
    if match := _SEASON_RE.match(text):
        return _month_span(int(match[2]), _SEASONS[match[1]], 3)
    if match := _THIRD_RE.match(text):
        return _month_span(int(match[2]), _THIRDS[match[1]], 4)
    if match := _FINANCIAL_YEAR_RE.match(text):
        first = int(match[1])
        second = int(match[2])
        expected = first + 1 if len(match[2]) == 4 else (first + 1) % 100
        if second != expected:
            raise DeadlineParseError(f"not a financial year: {text!r}")
        return _month_span(first, 4, 12)
    if match := _YEAR_RE.match(text):
        return _month_span(int(match[1]), 1, 12)
    return None


def _relative_end(number: str, unit: str, published: date) -> date:
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    if unit == "day":
        return published + timedelta(days=count)
    if unit == "week":
        return published + timedelta(weeks=count)
    months = count * 12 if unit == "year" else count
    year, month = _add_months(published.year, published.month, months)
    return _end_of_month(year, month)


def _strip_prefix(phrase: str, prefixes: tuple[str, ...]) -> str | None:
    for prefix in prefixes:
        if phrase.startswith(prefix + " "):
            return phrase.removeprefix(prefix + " ")
    return None


def _parse_end_of(rest: str) -> _Period | None:
    """``rest`` after a due prefix: "the end of 2013", "end of March 2013" or a plain period."""
    for lead in ("the end of ", "end of ", "the close of "):
        if rest.startswith(lead):
            return _parse_period(rest.removeprefix(lead))
    return _parse_period(rest)


def parse_deadline(text: str | None, *, published: date = PUBLISHED) -> DeadlineWindow:
    """Parse one deadline phrase as written in the Concordat; see the module docstring for the rules.

    ``None`` or blank gives kind ``none``; a phrase the parser does not know raises
    :class:`DeadlineParseError`. The returned ``phrase`` is the input with runs of whitespace collapsed.
    """
    phrase = "" if text is None else " ".join(text.split())
    try:
        return _parse(phrase, _normalise(phrase), published)
    except DeadlineParseError:
        raise
    except (ValueError, OverflowError) as error:  # a date outside what datetime can represent
        raise DeadlineParseError(f"date out of range in {phrase!r}") from error


_Found = tuple[DeadlineKind, date | None, date | None]  # a window without its phrase

# Relative phrases: pattern, kind, and whether the window starts on publication.
_RELATIVE: tuple[tuple[re.Pattern[str], DeadlineKind, bool], ...] = (
    (_WITHIN_RE, "due", False),
    (_OVER_NEXT_RE, "window", True),
    (_ON_RE, "due", False),
)

# "<prefix> <period>" phrases anchored on one end of the period, tried in this order.
_ANCHORED: tuple[tuple[tuple[str, ...], Callable[[_Period], _Found]], ...] = (
    (_AFTER_PREFIXES, lambda period: ("start", period.end + timedelta(days=1), None)),
    (_START_PREFIXES, lambda period: ("start", period.start, None)),
    (("before",), lambda period: ("due", None, period.start - timedelta(days=1))),
)


def _parse(phrase: str, normal: str, published: date) -> DeadlineWindow:
    found = (
        _parse_word(normal, published)
        or _parse_relative(normal, published)
        or _parse_anchored(normal)
        or _parse_due(normal)
        or _parse_period_alone(normal)
    )
    if found is None:
        raise DeadlineParseError(f"unrecognised deadline phrase: {phrase!r}")
    kind, start, end = found
    return DeadlineWindow(kind, start, end, phrase)


def _parse_word(normal: str, published: date) -> _Found | None:
    """Phrases recognised whole: no date, a recurrence, or "from now"."""
    if not normal or normal in _UNDATED:
        return "none", None, None
    if normal in _RECURRING:
        return "ongoing", None, None
    if normal == "from now":
        return "start", published, None
    return None


def _parse_relative(normal: str, published: date) -> _Found | None:
    for pattern, kind, starts_on_publication in _RELATIVE:
        if match := pattern.match(normal):
            start = published if starts_on_publication else None
            return kind, start, _relative_end(match[1], match[2], published)
    return None


def _parse_anchored(normal: str) -> _Found | None:
    for prefixes, window in _ANCHORED:
        rest = _strip_prefix(normal, prefixes)
        if rest is not None and (period := _parse_period(rest)) is not None:
            return window(period)
    return None


def _parse_due(normal: str) -> _Found | None:
    """Due on the period's last day: "by <period>", "no later than the end of <period>", "end of <period>"."""
    rest = _strip_prefix(normal, _DUE_PREFIXES)
    if rest is None and normal.startswith(("the end of ", "end of ", "at the end of ", "in the end of ")):
        rest = normal.removeprefix("in ").removeprefix("at ")
    if rest is not None and (period := _parse_end_of(rest)) is not None:
        return "due", None, period.end
    return None


def _parse_period_alone(normal: str) -> _Found | None:
    """A day (bare or "on") is due that day; a longer period, bare or after "in"/"during", is a window."""
    day = _parse_period(_strip_prefix(normal, ("on",)) or normal)
    if day is not None and day.start == day.end:
        return "due", None, day.end
    period = _parse_period(_strip_prefix(normal, _WINDOW_PREFIXES) or normal)
    if period is None:
        return None
    if period.start == period.end:
        return "due", None, period.end
    return "window", period.start, period.end


def is_overdue(window: DeadlineWindow, *, as_at: date, completed: bool) -> bool:
    """True when work with a due date is not completed and ``as_at`` is after the last day allowed.

    The deadline day itself is not overdue. Starts, recurrences and undated commitments are never overdue.
    """
    if completed or not window.has_deadline:
        return False
    assert window.end is not None  # guaranteed by has_deadline
    return as_at > window.end


def is_due_between(window: DeadlineWindow, start: date, end: date) -> bool:
    """True when the window's due date (its ``end``) falls within ``start``..``end`` inclusive.

    Starts, recurrences and undated commitments have no due date, so are never due in a range.
    """
    if not window.has_deadline:
        return False
    assert window.end is not None  # guaranteed by has_deadline
    return start <= window.end <= end
