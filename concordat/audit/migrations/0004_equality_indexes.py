"""Verb and area code indexed by plain indexes instead of ``db_index``, which on PostgreSQL also made a
``LIKE`` index of each that every event was inserted into and no query used.

Only the indexes change. Altering the fields themselves would make SQLite rebuild the table, losing the
append-only triggers of 0002, so the fields change in Django's state only and the old indexes are dropped
by name (whatever their generated names are) before the new ones are made.
"""

from typing import Any

from django.db import migrations, models

COLUMNS = ("verb", "area_code")


def _column_indexes(schema_editor: Any, table: str) -> list[str]:
    """The names of the single-column indexes on COLUMNS that ``db_index`` made (not unique, not ours)."""
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, c in constraints.items()
        if c["index"]
        and not c["unique"]
        and not c["primary_key"]
        and c["columns"] in [[column] for column in COLUMNS]
        and name not in ("audit_verb_idx", "audit_area_idx")
    ]


def drop_field_indexes(apps: Any, schema_editor: Any) -> None:
    table = apps.get_model("audit", "AuditEvent")._meta.db_table
    for name in _column_indexes(schema_editor, table):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def make_field_indexes(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("audit", "AuditEvent")
    for column in COLUMNS:
        schema_editor.add_index(model, models.Index(fields=[column], name=f"audit_{column}_field_idx"))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_hash_chain"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="area_code",
                    field=models.CharField(blank=True, max_length=9),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="verb",
                    field=models.CharField(max_length=80),
                ),
            ],
            database_operations=[migrations.RunPython(drop_field_indexes, make_field_indexes)],
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["verb"], name="audit_verb_idx"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["area_code"], name="audit_area_idx"),
        ),
    ]
