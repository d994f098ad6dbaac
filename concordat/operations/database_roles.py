"""The PostgreSQL role the application runs as in production, granted by the tables' owner after migrating.

The application may read and write every table except the audit trail, where it may only SELECT and INSERT
events (and SELECT and UPDATE the chain head, which triggers let only move forward). Not owning the tables,
it cannot ALTER them, switch their triggers off or TRUNCATE them. See docs/deploying.md.
"""

from django.db import connection

from concordat.audit.models import AuditChainHead, AuditEvent


def _quoted(role: str) -> str:
    if not role.replace("_", "").isalnum():
        raise ValueError("A role name is letters, digits and underscores.")
    return connection.ops.quote_name(role)


def application_role_sql(role: str) -> list[str]:
    """The statements, in order: everything in the schema, then the audit trail's privileges taken back."""
    name = _quoted(role)
    events, head = (connection.ops.quote_name(str(m._meta.db_table)) for m in (AuditEvent, AuditChainHead))
    return [
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}",
        f"REVOKE ALL ON {events}, {head} FROM {name}",
        f"GRANT SELECT, INSERT ON {events} TO {name}",
        f"GRANT SELECT, UPDATE ON {head} TO {name}",
        # Tables later migrations make (as the owner running this) are the application's to use.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {name}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {name}",
    ]


def grant_application_role(role: str) -> list[str]:
    statements = application_role_sql(role)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return statements
