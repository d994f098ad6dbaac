"""Room on each page of the answers' table for the next revision of its rows (PostgreSQL only).

An answer is rewritten at every save, and none of its indexed columns changes when it is. With room on
its page, PostgreSQL writes the new row version there as a heap-only tuple and leaves the table's
indexes (eight here, four after 0007) untouched; with pages packed full (the default fillfactor of 100), 96%
of rewrites in ``concordat bench api`` touched every index. See decision 0502.
"""

from collections.abc import Callable

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FILLFACTOR = 70


def _set(fillfactor: int | None) -> Callable[[StateApps, BaseDatabaseSchemaEditor], None]:
    def apply(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        option = f"SET (fillfactor = {fillfactor})" if fillfactor else "RESET (fillfactor)"
        schema_editor.execute(f"ALTER TABLE returns_answer {option}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("returns", "0005_carry_forward")]

    operations = [migrations.RunPython(_set(FILLFACTOR), _set(None), elidable=False)]
