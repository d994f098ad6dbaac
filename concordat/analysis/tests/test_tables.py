from __future__ import annotations

import zipfile
from io import BytesIO

from concordat.analysis.tables import (
    Cell,
    DataTable,
    build_tables,
    read_csv,
    read_ods,
    read_xlsx,
    to_csv,
    to_ods,
    to_xlsx,
)

from .fixtures import indicators


def _expected(table: DataTable) -> list[list[Cell]]:
    return [list(table.header), *[list(row) for row in table.rows]]


def test_tables_hold_the_headline_figures() -> None:
    tables = {t.name: t for t in build_tables(indicators())}
    assert set(tables) == {
        "headlines",
        "completeness",
        "questions",
        "sections",
        "regions",
        "area_types",
        "areas",
    }
    pooled = next(r for r in tables["headlines"].rows if r[0] == "pooled_budget")
    assert pooled[3:] == (46, 152, 30)
    assert len(tables["questions"].rows) == 61
    assert len(tables["areas"].rows) == 152


def test_csv_round_trips() -> None:
    for table in build_tables(indicators()):
        data = to_csv(table)
        assert data.startswith(b"\xef\xbb\xbf")
        assert read_csv(data) == [[str(v) for v in row] for row in _expected(table)]


def test_xlsx_round_trips_and_is_deterministic() -> None:
    tables = build_tables(indicators())
    data = to_xlsx(tables)
    assert data == to_xlsx(build_tables(indicators()))
    sheets = read_xlsx(data)
    for table in tables:
        assert sheets[table.name] == _expected(table)


def test_ods_round_trips_and_is_deterministic() -> None:
    tables = build_tables(indicators())
    data = to_ods(tables)
    assert data == to_ods(build_tables(indicators()))
    with zipfile.ZipFile(BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    sheets = read_ods(data)
    for table in tables:
        assert sheets[table.name] == _expected(table)
