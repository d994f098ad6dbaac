"""The published-update document: every commitment's status as at a date, as HTML, PDF, CSV or ODS.

HTML comes from a template; the PDF is WeasyPrint's rendering of that same HTML. CSV cells that a spreadsheet
would run as a formula are prefixed with a quote.
"""

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string

from concordat.commitments.status import (
    STATUS_COLUMNS,
    CommitmentStatus,
    counts_by_theme,
    statuses_as_at,
    total_row,
)
from concordat.spreadsheets import safe_cell

FORMATS = ("html", "pdf", "csv", "ods")
HEADERS = (
    "Reference",
    "Theme",
    "Owners",
    "Commitment",
    "Deadline as written",
    "Due by",
    "Status",
    "Overdue",
    "Status as at",
    "Summary of progress",
    "Evidence links",
)


def row_values(row: CommitmentStatus) -> list[str]:
    c, update = row.commitment, row.update
    return [
        c.ref,
        c.theme.name,
        "; ".join(o.label for o in c.owners.all()),
        c.text,
        c.deadline_text,
        c.window_end.isoformat() if c.window_end and c.window.has_deadline else "",
        row.status_label,
        "yes" if row.overdue else "no",
        update.as_at.isoformat() if update else "",
        update.narrative if update else "",
        " ".join(update.links) if update else "",
    ]


def _context(as_at: datetime.date) -> dict[str, Any]:
    rows = statuses_as_at(as_at)
    return {
        "as_at": as_at,
        "rows": rows,
        "columns": STATUS_COLUMNS,
        "themes": counts_by_theme(rows),
        "total": total_row(rows),
        "overdue": [r for r in rows if r.overdue],
    }


def render_html(as_at: datetime.date) -> bytes:
    return render_to_string("commitments/update_document.html", _context(as_at)).encode()


def render_pdf(as_at: datetime.date) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import and only the PDF needs it

    # PDF/UA-1: tagged, titled by the document's <title>, in its <html lang>.
    result: bytes = HTML(string=render_html(as_at).decode()).write_pdf(pdf_variant="pdf/ua-1")
    return result


def render_csv(as_at: datetime.date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in statuses_as_at(as_at):
        writer.writerow([safe_cell(v) for v in row_values(row)])
    return out.getvalue().encode("utf-8")


def render_ods(as_at: datetime.date) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=f"Status at {as_at.isoformat()}")
    for values in [list(HEADERS), *(row_values(r) for r in statuses_as_at(as_at))]:
        table_row = TableRow()
        for value in values:
            # Text cells (valuetype string) are never evaluated as formulas.
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


RENDERERS: dict[str, Callable[[datetime.date], bytes]] = {
    "html": render_html,
    "pdf": render_pdf,
    "csv": render_csv,
    "ods": render_ods,
}


def render(as_at: datetime.date, fmt: str) -> bytes:
    return RENDERERS[fmt](as_at)
