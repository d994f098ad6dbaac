import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concordat.register.disclosure import (
    SUPPRESSED,
    PublishedCount,
    PublishedTable,
    Treatment,
    exact_count,
    published_average,
    published_rate,
    round_to_five,
    suppress_count,
    suppress_table,
)

counts = st.integers(min_value=0, max_value=100_000)
small_counts = st.integers(min_value=0, max_value=40)


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (0, "0"),
        (1, "*"),
        (7, "*"),
        (8, "10"),
        (10, "10"),
        (12, "10"),
        (13, "15"),
        (17, "15"),
        (18, "20"),
        (1234, "1,235"),
        (3250, "3,250"),
    ],
)
def test_suppress_count_examples(n: int, shown: str) -> None:
    assert suppress_count(n).shown == shown


def test_national_and_organisation_counts_are_exact() -> None:
    assert suppress_count(3, national=True) == PublishedCount(3, "3", Treatment.EXACT)
    assert exact_count(87).shown == "87"


def test_negative_and_non_int_counts_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_count(-1)
    with pytest.raises(TypeError):
        suppress_count(2.0)  # type: ignore[arg-type]  # deliberately wrong type
    with pytest.raises(TypeError):
        suppress_count(True)


@given(counts)
def test_no_sub_national_count_between_1_and_7_is_published(n: int) -> None:
    p = suppress_count(n)
    if p.value is None:
        assert 1 <= n <= 7 and p.shown == SUPPRESSED
    else:
        assert p.value == 0 or p.value >= 10
        assert p.value % 5 == 0
        assert abs(p.value - n) <= 2
        assert p.shown.replace(",", "") == str(p.value)


@given(counts)
def test_national_counts_are_exact(n: int) -> None:
    assert suppress_count(n, national=True).value == n


@given(counts)
def test_round_to_five_is_nearest(n: int) -> None:
    r = round_to_five(n)
    assert r % 5 == 0 and abs(r - n) <= 2


def test_rate_examples() -> None:
    assert published_rate(3, 20).shown == "*"  # hidden numerator
    assert published_rate(5, 7).shown == "*"  # fewer than 8 people
    assert published_rate(0, 0).shown == "-"
    assert published_rate(0, 12).shown == "0.0"
    # 12 -> 10, 38 -> 40: 25.0%, not 31.6% from the unrounded figures
    assert published_rate(12, 38).shown == "25.0"
    assert published_rate(12, 38, national=True).shown == "31.6"
    assert published_rate(3, 5, national=True).value is None
    assert published_rate(1950, 3250, national=True).value == Decimal("60.0")


@given(small_counts, small_counts, st.booleans())
def test_rate_never_shown_for_fewer_than_8_people(a: int, b: int, national: bool) -> None:
    num, den = min(a, b), max(a, b)
    rate = published_rate(num, den, national=national)
    if den < 8:
        assert rate.value is None
    if not national and 1 <= num <= 7:
        assert rate.value is None


@given(counts, counts)
def test_sub_national_rates_use_rounded_figures(a: int, b: int) -> None:
    num, den = min(a, b), max(a, b)
    rate = published_rate(num, den)
    if rate.value is not None:
        expected = Decimal(round_to_five(num)) * 100 / Decimal(round_to_five(den))
        assert abs(rate.value - expected) <= Decimal("0.05")


def test_average_needs_8_people() -> None:
    assert published_average([10] * 7) == (None, "*")
    assert published_average([]) == (None, "-")
    assert published_average([1, 2, 3, 4, 5, 6, 7, 8]) == (Decimal("4.5"), "4.5")


# --- tables -------------------------------------------------------------------------------------------


def test_single_hidden_cell_gets_a_partner() -> None:
    table = suppress_table({"a": 3, "b": 40, "c": 22}, total=65)
    assert table["a"].shown == "*"
    assert table["c"].treatment is Treatment.SECONDARY  # next smallest
    assert table["b"].shown == "40"
    assert table.total is not None and table.total.shown == "65"


def test_no_secondary_suppression_without_a_total() -> None:
    table = suppress_table({"a": 3, "b": 40}, total=None)
    assert [p.shown for p in table.cells.values()] == ["*", "40"]
    assert table.total is None


def test_hidden_total_needs_no_partner() -> None:
    table = suppress_table({"a": 3, "b": 0, "c": 2}, total=5)
    assert [p.shown for p in table.cells.values()] == ["*", "0", "*"]
    assert table.total is not None and table.total.shown == "*"


def test_hidden_cells_that_could_only_be_ones_get_another_partner() -> None:
    # national total 10, cells 1, 1, 8: publishing "*, *, 10" would force 1 and 1.
    table = suppress_table({"a": 1, "b": 1, "c": 8}, total=10, total_national=True)
    assert all(p.hidden for p in table.cells.values())


def test_small_national_total_hides_every_cell() -> None:
    table = suppress_table({"north": 0, "south": 5, "east": 0}, total=5, total_national=True)
    assert [p.shown for p in table.cells.values()] == ["*", "*", "*"]
    assert table.total is not None and table.total.shown == "5"


def test_national_table_is_exact() -> None:
    table = suppress_table({"a": 3, "b": 40}, total=43, national=True)
    assert [p.shown for p in table.cells.values()] == ["3", "40"] and table.total == exact_count(43)


def test_cells_must_add_up_to_total() -> None:
    with pytest.raises(ValueError, match="add up"):
        suppress_table({"a": 3, "b": 4}, total=8)


tables = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8)


@given(tables, st.booleans(), st.booleans())
def test_published_table_values_follow_the_rule(
    values: list[int], with_total: bool, total_national: bool
) -> None:
    cells = {f"c{i}": v for i, v in enumerate(values)}
    table = suppress_table(cells, total=sum(values) if with_total else None, total_national=total_national)
    for p in table.cells.values():
        assert p.value is None or p.value == 0 or (p.value >= 10 and p.value % 5 == 0)
        assert p.shown == SUPPRESSED or int(p.shown.replace(",", "")) % 5 == 0
    hidden = sum(p.hidden for p in table.cells.values())
    if (
        with_total
        and table.total is not None
        and table.total.value is not None
        and hidden
        and len(values) > 1
    ):
        assert hidden >= 2  # never exactly one hidden cell beside a published total


def _candidates(p: PublishedCount, limit: int) -> range:
    if p.value is None:
        return range(0, limit + 1)
    if p.treatment is Treatment.ROUNDED and p.value:
        return range(p.value - 2, p.value + 3)
    return range(p.value, p.value + 1)


def _same(a: PublishedTable, b: PublishedTable) -> bool:
    return [p.shown for p in a.cells.values()] == [p.shown for p in b.cells.values()] and (
        (a.total.shown if a.total else None) == (b.total.shown if b.total else None)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=16), min_size=2, max_size=4), st.booleans())
def test_no_hidden_cell_can_be_worked_out_by_subtraction(values: list[int], total_national: bool) -> None:
    """The mission's rule: an attacker with the published figures (a ``*`` may be anything, rounded
    figures +-2, the total) tries every table consistent with them. Each hidden cell keeps two values."""
    cells = {f"c{i}": v for i, v in enumerate(values)}
    total = sum(values)
    published = suppress_table(cells, total=total, total_national=total_national)
    assert published.total is not None
    limit = 24
    keys = list(cells)
    possible: dict[str, set[int]] = {k: set() for k in keys}
    for combo in itertools.product(*(_candidates(published[k], limit) for k in keys)):
        if total_national and sum(combo) != total:
            continue
        if (
            not total_national
            and published.total.value is not None
            and abs(sum(combo) - published.total.value) > 2
        ):
            continue
        for k, v in zip(keys, combo, strict=True):
            possible[k].add(v)
    for k in keys:
        assert cells[k] in possible[k]
        if published[k].hidden:
            assert len(possible[k]) >= 2, (cells, k, possible[k])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=16), min_size=2, max_size=3))
def test_no_hidden_cell_can_be_worked_out_even_knowing_the_algorithm_when_the_total_is_rounded(
    values: list[int],
) -> None:
    """Exhaustive attack: an attacker who knows this algorithm tries every true table that would publish
    exactly what was published. Every hidden cell must have at least two possible values.

    Only for sub-national totals (rounded): beside an exact national total, knowing that the smallest
    cell is hidden first can pin a cell (e.g. 12, 12, 7 with an exact 31); see decision record 0201."""
    total_national = False
    cells = {f"c{i}": v for i, v in enumerate(values)}
    total = sum(values)
    published = suppress_table(cells, total=total, total_national=total_national)
    limit = 24
    keys = list(cells)
    possible: dict[str, set[int]] = {k: set() for k in keys}
    for combo in itertools.product(*(_candidates(published[k], limit) for k in keys)):
        if total_national and sum(combo) != total:
            continue  # the exact national total is known
        trial = suppress_table(
            dict(zip(keys, combo, strict=True)), total=sum(combo), total_national=total_national
        )
        if _same(trial, published):
            for k, v in zip(keys, combo, strict=True):
                possible[k].add(v)
    every_cell_hidden = all(p.hidden for p in published.cells.values())
    if total_national and every_cell_hidden and total == 7 * len(keys):
        return  # the documented exception: an exact national total of 7 per cell
    for k in keys:
        assert cells[k] in possible[k]
        if published[k].hidden:
            assert len(possible[k]) >= 2, (cells, k, possible[k])
