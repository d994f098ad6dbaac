"""The analysis as data tables, written as CSV, XLSX and ODS.

Output is byte-for-byte repeatable for the same figures: workbook properties carry a fixed date
(``FIXED_TIMESTAMP``, overridable) and every file inside the XLSX and ODS zip containers is rewritten with a
fixed timestamp, keeping the order and compression the formats require (``mimetype`` first and stored
for ODS).
CSV is UTF-8 with a byte-order mark so that spreadsheet programs read the en dashes and quotes correctly.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from .indicators import GroupFigures, Indicators
from .records import NOT_RETURNED, NOT_RETURNED_LABEL, STATUS_LABELS, STATUSES, signatory_label

Cell = str | int
# Written as UTC: openpyxl drops the zone and appends "Z"; the ODS meta dates are written without a zone.
FIXED_TIMESTAMP = datetime(2013, 9, 1, 0, 0, 0, tzinfo=UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class DataTable:
    name: str  # file stem and sheet name: lower case, no spaces
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def build_tables(indicators: Indicators) -> list[DataTable]:
    return [
        _headlines_table(indicators),
        _completeness_table(indicators),
        _questions_table(indicators),
        _sections_table(indicators),
        _group_table("regions", "Figures by region", "Region code", indicators.by_region.values()),
        _group_table("area_types", "Figures by area type", "Area type", indicators.by_type.values()),
        _areas_table(indicators),
    ]


def _headlines_table(indicators: Indicators) -> DataTable:
    return DataTable(
        "headlines",
        "Headline indicators",
        ("Indicator", "Meaning", "Question", "Count", "Denominator (all areas)", "Percent"),
        tuple(
            (
                h.name,
                h.label,
                h.question or "",
                h.count,
                h.share.denominator if h.share else "",
                h.share.percent if h.share else "",
            )
            for h in indicators.headlines.values()
        ),
    )


def _completeness_table(indicators: Indicators) -> DataTable:
    c = indicators.completeness
    measures = [
        ("Returned", c.returned),
        ("Returned by the deadline", c.on_time),
        ("Returned late", c.late),
        ("Signed by all three (of all areas)", c.signed_all_three),
        ("Returned by the deadline (of returns)", c.on_time_of_returned),
        ("Signed by all three (of returns)", c.signed_all_three_of_returned),
        ("Not signed (of returns)", c.unsigned_of_returned),
        *(
            (f"Signed by the {signatory_label(role, in_sentence=True)}", share)
            for role, share in c.signed_by_role.items()
        ),
    ]
    return DataTable(
        "completeness",
        "Completeness and timeliness",
        ("Measure", "Count", "Denominator", "Percent"),
        tuple((label, share.count, share.denominator, share.percent) for label, share in measures),
    )


_QUESTIONS_HEADER: tuple[str, ...] = (
    "Section",
    "Question",
    "Text",
    *(STATUS_LABELS[s] for s in STATUSES),
    NOT_RETURNED_LABEL,
    "All areas",
    "Returned areas",
    "Yes % of all areas",
    "Yes % of returned areas",
    "Good practice examples",
    "Support requests",
)


def _questions_table(indicators: Indicators) -> DataTable:
    rows: list[tuple[Cell, ...]] = []
    for section in indicators.sections_ref:
        for question in section.questions:
            f = indicators.questions[question.number]
            yes_all, yes_ret = f.of_all["yes"], f.of_returned["yes"]
            rows.append(
                (
                    section.number,
                    question.number,
                    question.text,
                    *(f.counts[s.value] for s in STATUSES),
                    f.counts[NOT_RETURNED],
                    yes_all.denominator,
                    yes_ret.denominator,
                    yes_all.percent,
                    yes_ret.percent,
                    f.good_practice,
                    f.support,
                )
            )
    return DataTable("questions", "Answers by question", _QUESTIONS_HEADER, tuple(rows))


def _sections_table(indicators: Indicators) -> DataTable:
    n = indicators.national.areas
    return DataTable(
        "sections",
        "Support and good practice by section",
        (
            "Section",
            "Title",
            "Areas requesting support",
            "All areas",
            "Percent",
            "Support requests",
            "Good practice examples",
            "Areas offering good practice",
        ),
        tuple(
            (
                s.section,
                s.title,
                s.support_areas.count,
                n,
                s.support_areas.percent,
                s.support_requests,
                s.good_practice_examples,
                s.good_practice_areas.count,
            )
            for s in indicators.sections.values()
        ),
    )


def _areas_table(indicators: Indicators) -> DataTable:
    return DataTable(
        "areas",
        "Figures by area",
        (
            "ONS code",
            "Area",
            "Region code",
            "Area type",
            "Returned",
            "By the deadline",
            "Signed by all three",
            "Sections asking for support",
            "Support requests",
            "Good practice examples",
        ),
        tuple(
            (
                a.ons_code,
                a.name,
                a.region_code,
                a.type,
                _yes_no(a.returned),
                _yes_no(a.on_time),
                _yes_no(a.signed_all_three),
                " ".join(a.support_sections),
                a.support_requests,
                a.good_practice_examples,
            )
            for a in indicators.per_area.values()
        ),
    )


def _group_table(name: str, title: str, key_label: str, groups: Iterable[GroupFigures]) -> DataTable:
    headline_names = (
        "pooled_budget",
        "contributions_agreed",
        "shared_understanding_of_costs",
        "confident_of_june_2014",
        "areas_requesting_support",
    )
    header = (
        key_label,
        "Name",
        "Areas",
        "Returned",
        "By the deadline",
        "Signed by all three",
        *(f"{h} (count)" for h in headline_names),
        *(f"{h} (%)" for h in headline_names),
        "good_practice_examples",
    )
    rows: list[tuple[Cell, ...]] = []
    for g in groups:
        shares = [g.headlines[h].share if h in g.headlines else None for h in headline_names]
        rows.append(
            (
                g.key,
                g.name,
                g.areas,
                g.returned,
                g.completeness.on_time.count,
                g.completeness.signed_all_three.count,
                *(s.count if s else "" for s in shares),
                *(s.percent if s else "" for s in shares),
                g.headlines["good_practice_examples"].count,
            )
        )
    return DataTable(name, title, header, tuple(rows))


# --- CSV --------------------------------------------------------------------------------------------------


def to_csv(table: DataTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


# --- XLSX -------------------------------------------------------------------------------------------------


def to_xlsx(
    tables: Sequence[DataTable], *, timestamp: datetime = FIXED_TIMESTAMP, title: str = "Stocktake analysis"
) -> bytes:
    workbook = Workbook()
    if workbook.active is not None:  # a new Workbook always has one sheet
        workbook.remove(workbook.active)
    workbook.properties.creator = "Concordat"
    workbook.properties.lastModifiedBy = "Concordat"
    workbook.properties.title = title
    workbook.properties.created = timestamp
    workbook.properties.modified = timestamp
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def fix_core(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        # openpyxl always stamps "modified" with the time of saving.
        return re.sub(
            rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
            rb"\g<1>" + stamp.encode() + rb"\g<2>",
            data,
        )

    return _normalise_zip(buffer.getvalue(), fix_core)


def read_xlsx(data: bytes) -> dict[str, list[list[Cell]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    out: dict[str, list[list[Cell]]] = {}
    for sheet in workbook.worksheets:
        # Only text and whole numbers are written (``Cell``), so only they come back.
        out[sheet.title] = [
            ["" if v is None else cast(Cell, v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    workbook.close()
    return out


# --- ODS --------------------------------------------------------------------------------------------------


def to_ods(
    tables: Sequence[DataTable], *, timestamp: datetime = FIXED_TIMESTAMP, title: str = "Stocktake analysis"
) -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.CreationDate(text=timestamp.strftime("%Y-%m-%dT%H:%M:%S")))
    document.meta.addElement(dc.Date(text=timestamp.strftime("%Y-%m-%dT%H:%M:%S")))
    for table in tables:
        sheet = Table(name=table.name)
        for row in (table.header, *table.rows):
            table_row = TableRow()
            for value in row:
                if isinstance(value, int) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=str(value))
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            sheet.addElement(table_row)
        document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    _write_odf(document, buffer)
    return _normalise_zip(buffer.getvalue(), lambda name, data: data)


_ODF_LOCK = threading.Lock()


def _write_odf(document: Any, buffer: io.BytesIO) -> None:
    """Write with a fixed set of namespace declarations.

    odfpy declares every namespace it has seen so far in the process (a class attribute shared by all
    documents), so the same document would otherwise come out differently depending on what ran before.
    """
    from odf.element import Element
    from odf.namespaces import nsdict

    with _ODF_LOCK:
        seen = Element.namespaces
        Element.namespaces = dict(sorted(nsdict.items()))
        try:
            document.write(buffer)
        finally:
            seen.update(Element.namespaces)
            Element.namespaces = seen


def read_ods(data: bytes) -> dict[str, list[list[Cell]]]:
    from odf import teletype
    from odf.namespaces import OFFICENS, TABLENS
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    document = load(io.BytesIO(data))
    out: dict[str, list[list[Cell]]] = {}
    for sheet in document.spreadsheet.getElementsByType(Table):
        rows: list[list[Cell]] = []
        for table_row in sheet.getElementsByType(TableRow):
            values: list[Cell] = []
            for cell in table_row.getElementsByType(TableCell):
                repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
                if cell.attributes.get((OFFICENS, "value-type")) == "float":
                    number = float(cell.attributes[(OFFICENS, "value")])
                    value: Cell = int(number) if number.is_integer() else str(number)
                else:
                    value = teletype.extractText(cell)
                values.extend([value] * repeat)
            rows.append(values)
        out[str(sheet.getAttribute("name"))] = rows
    return out


# --- zip normalisation ------------------------------------------------------------------------------------


def _normalise_zip(data: bytes, transform: Callable[[str, bytes], bytes]) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping entry order and compression."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, transform(info.filename, source.read(info.filename)))
    return buffer.getvalue()
