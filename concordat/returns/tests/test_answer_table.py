"""How the answers' table is stored: every index written at each save is one a query uses (migration 0007),
and there is room on each page for an answer's next revision (migration 0006)."""

import pytest
from django.db import connection

from concordat.returns.models import Answer

pytestmark = pytest.mark.django_db


def test_the_answers_table_has_only_the_indexes_its_queries_use() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Answer._meta.db_table)
    indexed = sorted(
        tuple(c["columns"])
        for c in constraints.values()
        if (c["index"] or c["unique"]) and not c["primary_key"]
    )
    assert indexed == [("carried_from_id",), ("question_id",), ("ret_id", "question_id")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="fillfactor is PostgreSQL's")
def test_the_answers_table_leaves_room_for_rewrites_on_its_pages() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [Answer._meta.db_table])
        (options,) = cursor.fetchone()
    assert "fillfactor=70" in (options or [])
