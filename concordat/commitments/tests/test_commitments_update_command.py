"""``concordat commitments-update``: the update document in each format, from status as at a date."""

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from concordat.commitments.models import StatusUpdate
from concordat.spreadsheets import safe_cell as csv_safe

pytestmark = pytest.mark.django_db


@pytest.fixture
def updates(record: Callable[..., StatusUpdate]) -> None:
    record("K-NHSCB-01", "amber", "2013-05-01", by="olivia", narrative='=HYPERLINK("http://evil") registers')
    record("A-FORUMS-01", "red", "2013-05-01", by="mark", narrative="Panels not recruited")
    record("K-HCC-02", "green", "2013-07-01", narrative="LATER-THAN-AS-AT")


def _run(tmp_path: Path, fmt: str, as_at: str = "2013-06-01") -> Path:
    out = tmp_path / f"update.{fmt}"
    call_command(
        "commitments_update", "--as-at", as_at, "--format", fmt, "--output", str(out), stdout=io.StringIO()
    )
    return out


def test_html_shows_each_status_as_at_the_date(tmp_path: Path, updates: None) -> None:
    html = _run(tmp_path, "html").read_text()
    assert "as at 1 June 2013" in html
    assert "Panels not recruited" in html and "LATER-THAN-AS-AT" not in html
    assert "Overdue" in html


def test_pdf_holds_the_same_content(tmp_path: Path, updates: None) -> None:
    import pdfplumber

    path = _run(tmp_path, "pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "progress on commitments as at 1 June 2013" in text
    assert "K-NHSCB-01" in text and "Panels not recruited" in text


def test_csv_protects_against_formula_injection(tmp_path: Path, updates: None) -> None:
    rows = list(csv.reader(_run(tmp_path, "csv").read_text().splitlines()))
    assert rows[0][0] == "Reference" and len(rows) == 129
    k = next(r for r in rows if r[0] == "K-NHSCB-01")
    assert k[6] == "Amber" and k[9].startswith("'=HYPERLINK")
    assert next(r for r in rows if r[0] == "K-HCC-02")[6] == "No update"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_safe_prefixes_formula_starters(value: str) -> None:
    assert csv_safe(value) == "'" + value


def test_ods_is_a_spreadsheet_with_every_commitment(tmp_path: Path, updates: None) -> None:
    data = _run(tmp_path, "ods").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as ods:
        assert ods.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = ods.read("content.xml").decode()
    assert content.count("<table:table-row") == 129
    assert "Panels not recruited" in content and "table:formula" not in content


def test_a_bad_date_is_refused(tmp_path: Path, org_users: Any) -> None:
    with pytest.raises(CommandError):
        _run(tmp_path, "csv", as_at="June 2013")
