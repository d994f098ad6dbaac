"""The one door through which the audit trail may be emptied: a test database being flushed between tests.

The database refuses to delete audit events or the chain head and to TRUNCATE either table (see
``migrations/0003_hash_chain.py``), except on a connection that says it is erasing: on PostgreSQL the setting
``concordat.audit_erasure = 'on'``, on SQLite the function ``concordat_audit_erasure_allowed()`` returning 1.
Only the test suite turns ``ALLOWED`` on (conftest.py), before any connection opens. In production nothing
sets it, and the application's database role could not TRUNCATE even if it did (docs/deploying.md).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper

ALLOWED = False


def _allowed() -> int:
    return 1 if ALLOWED else 0


def prepare_connection(sender: Any, connection: "BaseDatabaseWrapper", **kwargs: Any) -> None:
    """``connection_created``: give SQLite the function its triggers ask; tell PostgreSQL when erasing."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("concordat_audit_erasure_allowed", 0, _allowed)
    elif connection.vendor == "postgresql" and ALLOWED:
        with connection.connection.cursor() as cursor:
            cursor.execute("SET concordat.audit_erasure = 'on'")
