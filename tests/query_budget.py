"""Query budgets: a page's number of queries must not grow with the rows it shows.

``measure`` counts the queries of one call; ``assert_constant`` compares a page measured on a small and a
large world, so a per-row query (an N+1) fails whatever the absolute budget.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Measured:
    count: int
    statements: tuple[str, ...]


def measure(call: Callable[[], object]) -> Measured:
    with CaptureQueriesContext(connection) as queries:
        call()
    return Measured(len(queries), tuple(q["sql"] for q in queries))


def assert_constant(small: Measured, large: Measured, *, budget: int) -> None:
    """The same number of queries at both sizes, and no more than ``budget``."""
    assert large.count == small.count, (
        f"{small.count} queries for the small world but {large.count} for the large one: a query per row. "
        "Extra statements:\n" + "\n".join(large.statements[small.count :][:10])
    )
    assert large.count <= budget, f"{large.count} queries, budget {budget}:\n" + "\n".join(large.statements)
