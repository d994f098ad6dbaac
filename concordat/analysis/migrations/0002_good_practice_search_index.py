"""The SQLite FTS5 index of the good-practice library. PostgreSQL searches the table itself (search.py)."""

from typing import Any

from django.db import migrations

FTS_TABLE = "analysis_goodpractice_fts"


def create_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, tokenize='porter unicode61')"
        )


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_good_practice_and_synthetic_truth")]

    operations = [migrations.RunPython(create_index, drop_index)]
