"""Disclosure control: the one implementation of the rule for publishing figures about people.

The rule (NHS Digital's method, see docs/decisions/0201-disclosure-control.md):

* A count of people below national level between 1 and 7 is shown as ``*``.
* Every other count of people below national level is rounded to the nearest 5. 0 stays 0. Integers are
  never exactly half-way between multiples of 5, so "nearest" is unambiguous: 8 -> 10, 12 -> 10, 13 -> 15.
* Rates and averages are not calculated from fewer than 8 people; below national level a rate is
  computed from the rounded figures.
* National figures and counts of organisations ("87 of 152 areas") are shown exactly.
* In a table with a total, no hidden cell may be recoverable by subtracting the published cells from the
  published total (secondary suppression, see :func:`suppress_table`).

Every public figure about people must go through this module: pages, CSV/XLSX/ODS/PDF downloads, charts
and Easy Read alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

SUPPRESSED = "*"
NOT_APPLICABLE = "-"
ROUND_TO = 5
SMALLEST_SHOWN = 8  # counts 1..7 are hidden
MIN_RATE_BASE = 8  # no rate or average from fewer than 8 people


class Treatment(StrEnum):
    EXACT = "exact"  # national figure, or a count of organisations
    ROUNDED = "rounded"  # rounded to the nearest 5 (0 stays 0)
    SUPPRESSED = "suppressed"  # 1..7 people: shown as *
    SECONDARY = "secondary"  # hidden so that another * cannot be worked out from the total


@dataclass(frozen=True)
class PublishedCount:
    """A count as it may be published. ``value`` is None when hidden; ``shown`` is the text to display."""

    value: int | None
    shown: str
    treatment: Treatment

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class PublishedRate:
    """A rate (per ``per``, e.g. a percentage) as it may be published; ``value`` is None when not shown."""

    value: Decimal | None
    shown: str
    numerator: PublishedCount
    denominator: PublishedCount
    reason: str  # why it is not shown, or "" when it is


@dataclass(frozen=True)
class PublishedTable:
    """The cells of a table and its total (None when no total is published) after disclosure control."""

    cells: dict[str, PublishedCount]
    total: PublishedCount | None

    def __getitem__(self, key: str) -> PublishedCount:
        return self.cells[key]


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"a count of people must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"a count of people cannot be negative ({n})")


def round_to_five(n: int) -> int:
    """Round a non-negative count to the nearest multiple of 5 (8 -> 10, 12 -> 10, 13 -> 15)."""
    _check_count(n)
    return ROUND_TO * ((n + ROUND_TO // 2) // ROUND_TO)


def _exact(n: int) -> PublishedCount:
    return PublishedCount(n, f"{n:,}", Treatment.EXACT)


def exact_count(n: int) -> PublishedCount:
    """A national count of people, or any count of organisations: shown exactly."""
    _check_count(n)
    return _exact(n)


def suppress_count(n: int, *, national: bool = False) -> PublishedCount:
    """Apply the rule to one count of people. ``national=True``: an England-wide figure, shown exactly."""
    _check_count(n)
    if national:
        return _exact(n)
    if 1 <= n < SMALLEST_SHOWN:
        return PublishedCount(None, SUPPRESSED, Treatment.SUPPRESSED)
    rounded = round_to_five(n)
    return PublishedCount(rounded, f"{rounded:,}", Treatment.ROUNDED)


def _format_decimal(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,}"


def published_rate(
    numerator: int, denominator: int, *, national: bool = False, per: int = 100, places: int = 1
) -> PublishedRate:
    """``numerator`` people out of ``denominator`` people, per ``per`` (100 = a percentage).

    Not calculated when the denominator is under 8 people. Below national level it is computed from the
    rounded counts, and not shown when the numerator itself is hidden (1..7), because the rate and the
    published denominator would give the hidden count back.
    """
    num = suppress_count(numerator, national=national)
    den = suppress_count(denominator, national=national)
    if denominator == 0:
        return PublishedRate(None, NOT_APPLICABLE, num, den, "no people")
    if denominator < MIN_RATE_BASE:
        return PublishedRate(None, SUPPRESSED, num, den, "fewer than 8 people")
    if num.value is None:
        return PublishedRate(None, SUPPRESSED, num, den, "numerator is 1 to 7 people")
    assert den.value is not None  # denominator >= 8 is never hidden
    quantum = Decimal(1).scaleb(-places)
    value = (Decimal(num.value) * per / Decimal(den.value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return PublishedRate(value, _format_decimal(value, places), num, den, "")


def published_average(
    values: Sequence[float | int | Decimal], *, places: int = 1
) -> tuple[Decimal | None, str]:
    """Mean of a measure about people (e.g. days in hospital): not calculated from fewer than 8 people.

    The mean of 8 or more values does not disclose a count, so the values themselves are used; the count of
    people it describes must be published through :func:`suppress_count` as usual.
    """
    if len(values) < MIN_RATE_BASE:
        return None, (NOT_APPLICABLE if not values else SUPPRESSED)
    total = sum((Decimal(str(v)) for v in values), Decimal(0))
    quantum = Decimal(1).scaleb(-places)
    mean = (total / len(values)).quantize(quantum, rounding=ROUND_HALF_UP)
    return mean, _format_decimal(mean, places)


def _upper_bound(p: PublishedCount) -> int | None:
    """The largest true value an attacker must allow for a published count (None for hidden)."""
    if p.value is None:
        return None
    return p.value + 2 if p.treatment is Treatment.ROUNDED and p.value else p.value


def _lower_bound(p: PublishedCount) -> int:
    if p.value is None or p.treatment is not Treatment.ROUNDED or p.value == 0:
        return p.value or 0
    return max(SMALLEST_SHOWN, p.value - 2)


_SECONDARY = PublishedCount(None, SUPPRESSED, Treatment.SECONDARY)


def suppress_table(
    cells: Mapping[str, int], *, total: int | None, national: bool = False, total_national: bool = False
) -> PublishedTable:
    """Disclosure control for one row (or column) of a table that adds up to ``total``.

    ``cells`` must include every category (with "other" / "not known"), so the cells add up to ``total``.
    ``national=True``: the cells are national figures, shown exactly. ``total_national=True``: the cells are
    below national level but the total is the national figure, shown exactly (e.g. England by region).

    Secondary suppression: whenever a total is published and a cell is hidden, further cells are hidden,
    smallest non-zero first (ties: in the order given), until (a) at least two cells are hidden, and
    (b) the largest combined value the hidden cells could have, given the published total and the
    published cells read at their most generous (rounded figures +-2, and at least 8), is more than the
    number of hidden cells, and (when every hidden cell is 1..7) the smallest is less than 7 times that
    number - so the hidden cells cannot be forced to all be 1, or all be 7. If only zero cells are left
    to hide, a zero is hidden (its ``*`` then means "hidden", not "1 to 7"). When a national total is
    1 to 7, every cell is hidden, zeros included (no breakdown of so few people is published).

    Guarantee (tested by exhaustive search in tests/test_disclosure.py): subtraction gives an attacker at
    most the combined value of two or more hidden cells, never one hidden cell's value: each hidden cell
    has at least two values consistent with the published figures. Beside a rounded (sub-national) total
    this holds even for an attacker who knows this algorithm. Beside an exact national total it does not
    always: knowing that the smallest visible cell is hidden second can pin a value (12, 12, 7 of 31).
    Tables of sub-national cells with an exact national total are therefore published only where that
    residual risk is accepted (decision record 0201).
    """
    _check_table(cells, total)
    if national:
        return PublishedTable(
            {k: _exact(v) for k, v in cells.items()}, None if total is None else _exact(total)
        )

    published = {k: suppress_count(v) for k, v in cells.items()}
    if total is None:
        return PublishedTable(published, None)
    published_total = _exact(total) if total_national else suppress_count(total)
    if published_total.value is None:  # a hidden total cannot be subtracted from
        return PublishedTable(published, published_total)
    if total_national and 1 <= total < SMALLEST_SHOWN:
        return PublishedTable({k: _SECONDARY for k in cells}, published_total)
    _hide_until_safe(cells, published, published_total)
    return PublishedTable(published, published_total)


def _check_table(cells: Mapping[str, int], total: int | None) -> None:
    for n in cells.values():
        _check_count(n)
    if total is not None:
        _check_count(total)
        if sum(cells.values()) != total:
            raise ValueError(f"the cells add up to {sum(cells.values())}, not the total {total}")


def _hide_until_safe(
    cells: Mapping[str, int], published: dict[str, PublishedCount], published_total: PublishedCount
) -> None:
    """Secondary suppression (see :func:`suppress_table`): hide more cells, smallest non-zero first (ties: in
    the order given), until no hidden cell can be worked out from the others and the total."""
    order = {k: i for i, k in enumerate(cells)}
    while not _hidden_cells_are_safe(cells, published, published_total):
        visible = [k for k, p in published.items() if p.value is not None]
        pool = [k for k in visible if cells[k] > 0] or visible
        pick = min(pool, key=lambda k: (cells[k], order[k]))
        published[pick] = _SECONDARY


def _hidden_cells_are_safe(
    cells: Mapping[str, int], published: Mapping[str, PublishedCount], published_total: PublishedCount
) -> bool:
    """At least two cells hidden, and the published figures, read at their most generous, neither force
    every hidden cell to be 1 nor (when they are all 1..7) every one to be 7. Safe, too, when nothing is
    hidden or nothing is left to hide."""
    hidden = [k for k, p in published.items() if p.value is None]
    visible = [k for k, p in published.items() if p.value is not None]
    if not hidden or not visible:
        return True
    total_upper = _upper_bound(published_total)
    assert total_upper is not None
    max_hidden_sum = total_upper - sum(_lower_bound(published[k]) for k in visible)
    min_hidden_sum = _lower_bound(published_total) - sum(_upper_bound(published[k]) or 0 for k in visible)
    not_all_seven = min_hidden_sum < 7 * len(hidden) or any(cells[k] >= SMALLEST_SHOWN for k in hidden)
    return len(hidden) >= 2 and len(hidden) < max_hidden_sum and not_all_seven
