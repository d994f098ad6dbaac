"""The national report: its page, its downloads and ``concordat national-report``."""

import datetime
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from concordat.analysis.report import (
    build_report,
    render_csv,
    render_html,
    render_json,
    render_pdf,
    render_xlsx,
)
from concordat.analysis.tables import read_xlsx
from tests.page_contract import contract_problems

pytestmark = pytest.mark.django_db
FIRST = datetime.datetime(2013, 9, 1, 9, 0, tzinfo=datetime.UTC)
SECOND = datetime.datetime(2013, 9, 2, 17, 30, tzinfo=datetime.UTC)


# The build times as the report writes them for people: London time, GOV.UK style.
SHOWN = {FIRST: "1 September 2013 at 10am", SECOND: "2 September 2013 at 6:30pm"}


def _without_timestamp(data: bytes, built_at: datetime.datetime) -> bytes:
    local = SHOWN[built_at].encode()
    return data.replace(built_at.astimezone(datetime.UTC).isoformat().encode(), b"T").replace(local, b"T")


def test_rebuilding_the_report_gives_the_same_bytes_except_the_build_time(synthetic: Any) -> None:
    one, two = build_report(synthetic.round, built_at=FIRST), build_report(synthetic.round, built_at=SECOND)
    for render in (render_json, render_html, render_csv):
        first, second = render(one), render(two)
        assert first != second
        assert _without_timestamp(first, FIRST) == _without_timestamp(second, SECOND), render.__name__
    sheets_one, sheets_two = read_xlsx(render_xlsx(one)), read_xlsx(render_xlsx(two))
    sheets_one.pop("about"), sheets_two.pop("about")
    assert sheets_one == sheets_two
    assert json.loads(render_json(one))["report"]["inputs_digest"] == one.data.inputs_digest()


def test_the_html_report_passes_the_page_contract_and_every_chart_has_a_text_alternative(
    synthetic: Any,
) -> None:
    html = render_html(build_report(synthetic.round, built_at=FIRST)).decode()
    assert contract_problems(html) == []
    assert "Built 1 September 2013 at 10am." in html
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) == 9  # the headline questions and eight themes
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg and "Bar chart:" in svg
    assert html.count("<figure") == 9 and html.count("Data for the chart:") == 9
    assert "SYNTHETIC DATA" in html and "46 of 152 areas (30%) reported a pooled budget" in html


def test_the_pdf_is_readable_and_labelled_synthetic_on_every_page(synthetic: Any, tmp_path: Path) -> None:
    import pdfplumber

    pdf = render_pdf(build_report(synthetic.round, built_at=FIRST))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "2", "-png", str(path), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 2 and all(p.stat().st_size > 5_000 for p in images)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        first = document.pages[0].extract_text() or ""
        count = len(document.pages)
    assert "46 of 152 areas (30%) reported a pooled budget." in first
    assert first.startswith("SYNTHETIC DATA")
    # Every page's running header (poppler's text extraction is much quicker than pdfplumber's for 20+ pages).
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert count == len(pages) > 5
    assert all("SYNTHETIC DATA" in page for page in pages)
    assert "Analysis by theme" in text and "Development and support priorities" in text


def test_the_report_page_offers_every_download_and_passes_the_page_contract(
    synthetic: Any, nadia: Any
) -> None:
    response = nadia.get(reverse("analysis:report", args=[synthetic.round.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    for fmt in ("html", "pdf", "xlsx", "ods", "csv", "json"):
        assert f"format={fmt}" in body
    assert body.count('<img class="concordat-chart__img"') == 9 and 'alt="Bar chart:' in body
    download = nadia.get(
        reverse("analysis:report_download", args=[synthetic.round.slug]),
        {"format": "json", "basis": "provisional"},
    )
    assert download.status_code == 200 and download["Content-Type"] == "application/json"
    assert "provisional" in download["Content-Disposition"]
    assert json.loads(download.content)["report"]["provisional"] is True


def test_a_bad_format_or_date_in_a_download_is_a_clear_error(synthetic: Any, nadia: Any) -> None:
    url = reverse("analysis:report_download", args=[synthetic.round.slug])
    bad_format = nadia.get(url, {"format": "docx"})
    assert bad_format.status_code == 400 and b"There is no &#x27;docx&#x27; download" in bad_format.content
    bad_date = nadia.get(url, {"format": "json", "as_at": "2013-13-45"})
    assert bad_date.status_code == 400 and b"govuk-error-summary" in bad_date.content


def test_the_command_writes_each_format(synthetic: Any, tmp_path: Path) -> None:
    for fmt in ("json", "csv", "ods"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "national_report",
            "--round",
            synthetic.round.slug,
            "--format",
            fmt,
            "--output",
            str(out),
            "--as-at",
            "2013-09-30",
            stderr=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["report"]["as_at"] == "2013-09-30" and data["indicators"]["returned"] == 149
    assert (tmp_path / "report.csv").read_bytes().startswith(b"\xef\xbb\xbfTable: about")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--round", "no-such-round", "--format", "json"], "There is no round 'no-such-round'"),
        (["--round", "stocktake-2013", "--format", "docx"], "Unknown format 'docx'"),
        (["--round", "stocktake-2013", "--format", "json", "--as-at", "1 Sept"], "YYYY-MM-DD"),
        (["--round", "stocktake-2013", "--format", "json", "--as-at", "2999-01-01"], "today or in the past"),
    ],
)
def test_the_command_refuses_bad_input_clearly(
    stocktake: Any, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("national_report", *args, "--output", str(tmp_path / "out"), stderr=io.StringIO())
