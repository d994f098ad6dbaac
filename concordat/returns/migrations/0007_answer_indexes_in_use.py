"""The answers' table keeps only the indexes a query uses (see ``Answer``): the one on ``ret`` alone
duplicated the unique (ret, question) index, and nothing looks answers up by the users who wrote or
confirmed them. Each was written at every save of every answer.

Only the indexes change. Altering the fields would make SQLite rebuild the table four times, so the fields
change in Django's state only and the indexes are dropped by name, whatever their generated names are.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FIELDS = ("ret", "updated_by", "confirmed_by", "carry_confirmed_by")


def _field_indexes(schema_editor: Any, model: Any) -> list[str]:
    """The names of the single-column, non-unique indexes on FIELDS' columns."""
    columns = [[model._meta.get_field(name).column] for name in FIELDS]
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [
        name
        for name, c in constraints.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] in columns
    ]


def drop_field_indexes(apps: Any, schema_editor: Any) -> None:
    for name in _field_indexes(schema_editor, apps.get_model("returns", "Answer")):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def make_field_indexes(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("returns", "Answer")
    for name in FIELDS:
        schema_editor.add_index(model, models.Index(fields=[name], name=f"answer_{name}_idx"))


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0006_answer_fillfactor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="answer",
                    name="carry_confirmed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="answer",
                    name="confirmed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="answer",
                    name="ret",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="returns.return",
                    ),
                ),
                migrations.AlterField(
                    model_name="answer",
                    name="updated_by",
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
            database_operations=[migrations.RunPython(drop_field_indexes, make_field_indexes)],
        ),
    ]
