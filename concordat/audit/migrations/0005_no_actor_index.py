"""No index on the events' actor: no query looks events up by it, and every event of a write was inserted
into it. As in 0004, the field changes in Django's state only and the index is dropped by name, so SQLite
does not rebuild the table (which would lose the append-only triggers of 0002)."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _actor_indexes(schema_editor: Any, table: str) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, c in constraints.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] == ["actor_id"]
    ]


def drop_actor_index(apps: Any, schema_editor: Any) -> None:
    table = apps.get_model("audit", "AuditEvent")._meta.db_table
    for name in _actor_indexes(schema_editor, table):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def make_actor_index(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("audit", "AuditEvent")
    schema_editor.add_index(model, models.Index(fields=["actor"], name="audit_actor_idx"))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_equality_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_actor_index, make_actor_index)],
        ),
    ]
