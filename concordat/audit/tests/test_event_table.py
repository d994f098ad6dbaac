"""Every index of the events' table is written at each event of every write: only those a query uses
(migrations 0004 and 0005). That the triggers survive them: ``test_chain``."""

import pytest
from django.db import connection

from concordat.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_events_table_has_only_the_indexes_its_queries_use() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    indexed = sorted(
        tuple(c["columns"])
        for c in constraints.values()
        if (c["index"] or c["unique"]) and not c["primary_key"]
    )
    assert indexed == [("area_code",), ("at",), ("object_type", "object_id"), ("seq",), ("verb",)]
