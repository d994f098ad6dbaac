"""In production the application connects as a role that may only SELECT and INSERT audit events: as that
role,
UPDATE, DELETE and TRUNCATE fail, and so does switching the triggers off, while appending still works."""

import secrets
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from concordat.audit.actions import record

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),  # the role's own connection must see the rows
]


@pytest.fixture
def app_role() -> Iterator[psycopg.Connection[Any]]:
    role = f"concordat_app_test_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN")
    try:
        call_command("grant_application_role", role)
        settings = connection.settings_dict
        with psycopg.connect(
            host=settings["HOST"] or "127.0.0.1",
            port=settings["PORT"] or 5432,
            dbname=settings["NAME"],
            user=role,
            autocommit=True,
        ) as conn:
            yield conn
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET verb = 'forged'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent",
        "TRUNCATE audit_auditchainhead",
        "DELETE FROM audit_auditchainhead",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
    ],
)
def test_the_application_role_cannot_change_or_remove_history(
    app_role: psycopg.Connection[Any], personas: dict[str, Any], sql: str
) -> None:
    record(personas["nadia"], "test.done", personas["harriet"])
    app_role.execute("SET concordat.audit_erasure = 'on'")  # the test suite's door does not open for it
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app_role.execute(sql)
    assert app_role.execute("SELECT count(*) FROM audit_auditevent").fetchone() == (1,)


def test_the_application_role_can_append_and_read(
    app_role: psycopg.Connection[Any], personas: dict[str, Any]
) -> None:
    record(personas["nadia"], "test.done", personas["harriet"])
    with app_role.transaction():
        head = app_role.execute("SELECT seq FROM audit_auditchainhead WHERE id = 1 FOR UPDATE").fetchone()
        assert head is not None
        app_role.execute(
            "INSERT INTO audit_auditevent (at, actor_label, verb, object_type, object_id, object_repr, "
            "area_code, data, seq, prev_hash, hash) VALUES (now(), 'system', 'test.done', 'x', '1', '', '', "
            "'{}', %s, '', '')",
            [head[0] + 1],
        )
        app_role.execute("UPDATE audit_auditchainhead SET seq = seq + 1 WHERE id = 1")
        app_role.execute("SELECT count(*) FROM accounts_user").fetchone()
