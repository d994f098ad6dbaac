"""Many rows of one model written in one statement: ``insert_rows`` and ``update_rows``.

For a whole return (61 answers and their 61 audit events) Django's ``bulk_create`` and ``bulk_update`` cost
more CPU than the rest of the request together (decision 0502): ``bulk_update`` builds a ``CASE WHEN`` per
field and row, ``bulk_create`` falls back to a placeholder per cell when a model has a JSON field, and both
prepare every cell through the field. Here PostgreSQL gets one array per column, cast to the column's type
(``UNNEST``), sent apart from the statement in binary, and a cell is prepared by the field only when it is
not already what the driver takes.
SQLite (the embedded default, one writer at a time) gets the ORM's own, or a row of values each.

A module, not an app: ``audit`` (under everything) and ``returns`` both write through it.
"""

import datetime
import json
from collections.abc import Callable, Sequence
from typing import Any

import orjson
import psycopg
from django.db import connection, models
from django.db.models.expressions import DatabaseDefault, Value

type Column = models.Field[Any, Any]


def _qn(name: str | None) -> str:
    return str(connection.ops.quote_name(str(name)))


def _plain_type(field: Column) -> type | None:
    """The Python type a cell of ``field`` already has when the field would pass it on unchanged."""
    # A foreign key's cell is its target's column.
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, models.BooleanField):
        return bool
    if isinstance(target, models.CharField | models.TextField):
        return str
    if isinstance(target, models.IntegerField):
        return int  # not bool: ``True.__class__`` is bool
    return None


def _preparer(field: Column) -> Callable[[Any], Any]:
    """How a cell of ``field`` is made ready for PostgreSQL's driver: texts, numbers, flags and aware times
    as they are (what the field would give back), JSON as text for the ``jsonb`` cast (orjson, several times
    faster than the field's ``json``), anything else through the field."""
    prepare = field.get_db_prep_save
    if isinstance(field, models.JSONField) and field.encoder is None:

        def json_text(value: Any) -> Any:
            if value is None:  # SQL NULL, as the field stores None
                return None
            try:
                return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
            except TypeError:  # what orjson will not write (an integer beyond 64 bits): ``json``'s text, as
                return json.dumps(value)  # the field would write it (the array's cells must all be text)

        return json_text
    if isinstance(field, models.DateTimeField):

        def moment(value: Any) -> Any:
            if value is None or (value.__class__ is datetime.datetime and value.tzinfo is not None):
                return value
            return prepare(value, connection)

        return moment
    kind = _plain_type(field)
    if kind is None:
        return lambda value: prepare(value, connection)

    def plain(value: Any) -> Any:
        return value if value is None or value.__class__ is kind else prepare(value, connection)

    return plain


def _columns(model: type[models.Model], field_names: Sequence[str]) -> list[Column]:
    fields = [model._meta.get_field(name) for name in field_names]
    concrete = [f for f in fields if isinstance(f, models.Field) and f.concrete]
    assert len(concrete) == len(fields), "only concrete fields can be written"
    return concrete


def _arrays(columns: Sequence[Column], objs: Sequence[models.Model]) -> tuple[str, list[list[Any]]]:
    """``UNNEST(CAST(%b AS type[]), ...)`` and its arrays, one per column (``%b``: sent in binary). The type
    without its length (varchar[], not varchar(12)[]), as Django's own ``UNNEST`` insert does."""
    params = []
    for field in columns:
        prepare = _preparer(field)
        attname = field.attname
        params.append([prepare(getattr(obj, attname)) for obj in objs])
    casts = ", ".join(f"CAST(%b AS {str(f.db_type(connection)).split('(')[0]}[])" for f in columns)
    return f"UNNEST({casts})", params


def _as_saved(field: Column, objs: Sequence[models.Model]) -> None:
    """Set what saving sets on unsaved ``objs``: an ``auto_now`` time, a database default's literal (an array
    has no ``DEFAULT``)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        for obj in objs:
            field.pre_save(obj, add=True)
    if field.has_db_default():
        default = field.db_default
        literal = default.value if isinstance(default, Value) else default
        assert not hasattr(literal, "as_sql"), f"{field.name}: a computed database default cannot be inserted"
        for obj in objs:
            if isinstance(getattr(obj, field.attname), DatabaseDefault):
                setattr(obj, field.attname, literal)


def _binary_cursor() -> Any:
    """A cursor that sends its parameters apart from the statement (``%b``: in binary). The settings' cursors
    bind on the client, which writes every array into the statement as a quoted literal: for a whole return
    (about 110 KB of answers and audit data) that escaping, by regular expression per element, cost more
    than building the rows. Wrapped as Django wraps its own, so it is logged and counted the same."""
    connection.ensure_connection()
    raw: Any = psycopg.Cursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def insert_rows(objs: Sequence[models.Model]) -> None:
    """Insert unsaved ``objs`` (one model, every column but the primary key, which the database makes) in one
    statement, and give each its primary key, as ``bulk_create`` would."""
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs)
        return
    pk = model._meta.pk
    assert pk is not None
    columns = [f for f in model._meta.concrete_fields if f is not pk]
    for field in columns:
        _as_saved(field, objs)
    rows, params = _arrays(columns, objs)
    names = ", ".join(_qn(f.column) for f in columns)
    # Names come from the model's meta, quoted; every value is a parameter. PostgreSQL returns the rows of
    # an ``INSERT ... SELECT FROM UNNEST`` in the arrays' order (Django's ``bulk_create`` relies on it too).
    table = _qn(model._meta.db_table)
    sql = f"INSERT INTO {table} ({names}) SELECT * FROM {rows} RETURNING {_qn(pk.column)}"  # noqa: S608
    with _binary_cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = connection.alias


def update_rows(objs: Sequence[models.Model], field_names: Sequence[str]) -> None:
    """Write ``field_names`` of saved ``objs`` (one model) in one statement, as ``bulk_update`` would."""
    if not objs:
        return
    model = type(objs[0])
    pk = model._meta.pk
    assert pk is not None
    concrete = _columns(model, field_names)
    columns: list[Column] = [pk, *concrete]
    names = ", ".join(_qn(f.column) for f in columns)
    sets = ", ".join(f"{_qn(f.column)} = v.{_qn(f.column)}" for f in concrete)
    table = _qn(model._meta.db_table)
    where = f"{table}.{_qn(pk.column)} = v.{_qn(pk.column)}"
    if connection.vendor == "postgresql":
        # A short statement whatever the number of rows: the driver does not parse a placeholder per cell.
        unnest, flat = _arrays(columns, objs)
        rows = f"SELECT * FROM {unnest}"  # noqa: S608  # the casts are built from the model's meta
        params: list[Any] = list(flat)
    else:
        # A named CTE rather than ``(VALUES ...) AS v(columns)``, which SQLite cannot parse; its ``CAST``
        # would change a value's affinity, so a row of values each.
        cells = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in objs] for f in columns]
        rows = "VALUES " + ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(objs))
        params = [column[i] for i in range(len(objs)) for column in cells]
    # Names come from the model's meta, quoted; every value is a parameter.
    sql = f"WITH v({names}) AS ({rows}) UPDATE {table} SET {sets} FROM v WHERE {where}"  # noqa: S608
    with _binary_cursor() if connection.vendor == "postgresql" else connection.cursor() as cursor:
        cursor.execute(sql, params)
