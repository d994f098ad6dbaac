"""One ``UPDATE ... FROM (VALUES ...)`` for many rows of one model.

Django's ``bulk_update`` builds a ``CASE WHEN id = ... THEN ...`` expression per field and row, which for a
whole return (61 answers by 17 fields) costs more CPU than the rest of the request together (decision 0502).
PostgreSQL and SQLite (3.33+) both take ``UPDATE ... FROM``; PostgreSQL gets one array per column, cast to
its column's type (``UNNEST``), SQLite a row of values each (its ``CAST`` changes a value's affinity).
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def update_rows(objs: Sequence[models.Model], field_names: Sequence[str]) -> None:
    """Write ``field_names`` of saved ``objs`` (one model) in one statement, as ``bulk_update`` would."""
    if not objs:
        return
    meta = type(objs[0])._meta
    fields = [meta.get_field(name) for name in field_names]
    concrete = [f for f in fields if isinstance(f, models.Field) and f.concrete]
    assert len(concrete) == len(fields), "only concrete fields can be written"
    pk = meta.pk
    assert pk is not None
    columns: list[models.Field[Any, Any]] = [pk, *concrete]

    def qn(name: str | None) -> str:
        return str(connection.ops.quote_name(str(name)))

    params: list[list[Any]] = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in objs] for f in columns
    ]
    names = ", ".join(qn(f.column) for f in columns)
    sets = ", ".join(f"{qn(f.column)} = v.{qn(f.column)}" for f in concrete)
    table = qn(meta.db_table)
    where = f"{table}.{qn(pk.column)} = v.{qn(pk.column)}"
    if connection.vendor == "postgresql":
        # One array per column (as Django's bulk_create does): a short statement whatever the number of rows,
        # so the driver does not parse a statement of a placeholder per cell. The type without its length
        # (varchar[], not varchar(12)[]), as there.
        arrays = ", ".join(f"CAST(%s AS {str(f.db_type(connection)).split('(')[0]}[])" for f in columns)
        rows, flat = f"SELECT * FROM UNNEST({arrays})", list[Any](params)  # noqa: S608
    else:
        # A named CTE rather than ``(VALUES ...) AS v(columns)``, which SQLite cannot parse.
        rows = "VALUES " + ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(objs))
        flat = [column[i] for i in range(len(objs)) for column in params]
    # Names come from the model's meta, quoted; every value is a parameter.
    sql = f"WITH v({names}) AS ({rows}) UPDATE {table} SET {sets} FROM v WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, flat)
