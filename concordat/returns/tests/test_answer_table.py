"""How the answers' table is stored: room on each page for an answer's next revision (migration 0006)."""

import pytest
from django.db import connection

from concordat.returns.models import Answer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="fillfactor is PostgreSQL's"),
]


def test_the_answers_table_leaves_room_for_rewrites_on_its_pages() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [Answer._meta.db_table])
        (options,) = cursor.fetchone()
    assert "fillfactor=70" in (options or [])
