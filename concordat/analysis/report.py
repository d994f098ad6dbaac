"""The national report: built "as at" a moment from a fixed set of versions, rendered in six formats.

``build_report`` gathers everything the report shows (figures, sentences, charts, tables, the versions used);
the ``render_*`` functions turn it into bytes. For the same inputs the bytes are the same, except the build
timestamp (``Report.built_at``), which each format shows once.
"""

import base64
import csv
import datetime
import hashlib
import io
import json
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from concordat.govuk.dates import date_and_time, long_date
from concordat.returns.models import SYNTHETIC_LABEL, Round

from . import charts, tables
from .indicators import Indicators, compute_indicators
from .models import GoodPracticeExample
from .narrative import THEMES, Narrative, build_narrative
from .records import Status
from .sources import RoundData, end_of_day, load_round

FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}
HEADLINE_QUESTIONS = ("2.1", "2.4", "2.5", "6.9")
PROVISIONAL_LABEL = (
    "PROVISIONAL \N{EN DASH} built from submitted returns, some not yet accepted by the national team"
)


class ReportError(ValueError):
    """Bad input for a report (unknown format, a date in the future ...); the message is for the user."""


# The report's sentences, charts and headlines are written about the June 2013 stocktake's questions.
_REPORTED = frozenset({*HEADLINE_QUESTIONS, "4.9", *(q for theme in THEMES for q in theme.questions)})
NO_REPORT = (
    "The national report is written about the June 2013 stocktake's assessment questions, and this round's "
    "questionnaire does not ask them all. Its figures are on the dashboard."
)


def has_national_report(rnd: Round) -> bool:
    """Whether the round's questionnaire asks every question the report is written about, as assessments."""
    asked = {
        str(q["number"])
        for section in rnd.questionnaire.definition.get("sections", [])
        for q in section.get("questions", [])
        if q.get("answer_type", "assessment") == "assessment"
    }
    return asked >= _REPORTED


@dataclass(frozen=True)
class ReportChart:
    key: str  # unique on the page; prefixes the SVG's ids
    chart: charts.Chart
    svg: str  # the chart ready to inline: no XML prologue, ids made unique

    @property
    def title(self) -> str:
        return self.chart.title

    @property
    def data_uri(self) -> str:
        """The chart as an image URL: pages under the site's content security policy show it this way."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.chart.svg.encode()).decode()


@dataclass(frozen=True)
class ThemeSection:
    key: str
    title: str
    sentences: tuple[str, ...]
    chart: ReportChart


@dataclass(frozen=True)
class Report:
    data: RoundData
    indicators: Indicators
    narrative: Narrative
    headline_chart: ReportChart
    themes: tuple[ThemeSection, ...]
    tables: tuple[tables.DataTable, ...]
    examples: tuple[GoodPracticeExample, ...]
    built_at: datetime.datetime
    as_at: datetime.date | None

    @property
    def round(self) -> Round:
        return self.data.round

    @property
    def title(self) -> str:
        return f"Stocktake of progress: {self.round.title}"

    @property
    def labels(self) -> list[str]:
        """What every page of the report says about where its figures come from."""
        out = []
        if self.data.synthetic:
            out.append(SYNTHETIC_LABEL)
        if self.data.provisional:
            out.append(PROVISIONAL_LABEL)
        return out

    @property
    def built_at_text(self) -> str:
        return date_and_time(self.built_at)

    @property
    def as_at_text(self) -> str:
        return long_date(self.as_at) if self.as_at else "the time of building"

    @property
    def filename_stem(self) -> str:
        suffix = "-provisional" if self.data.provisional else ""
        as_at = f"-as-at-{self.as_at.isoformat()}" if self.as_at else ""
        return f"{self.round.slug}-national-report{suffix}{as_at}"


# --- building -------------------------------------------------------------------------------------------


def parse_as_at(value: str | None, *, today: datetime.date) -> datetime.date | None:
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ReportError(
            f"Enter the 'as at' date as YYYY-MM-DD, for example 2013-09-01 (not {value!r})."
        ) from exc
    if day > today:
        raise ReportError("The 'as at' date must be today or in the past.")
    return day


def build_report(
    rnd: Round,
    *,
    provisional: bool = False,
    as_at: datetime.date | None = None,
    built_at: datetime.datetime,
) -> Report:
    if not has_national_report(rnd):
        raise ReportError(NO_REPORT)
    data = load_round(rnd, provisional=provisional, as_at=end_of_day(as_at) if as_at else None)
    indicators = compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)
    narrative = build_narrative(indicators)
    headline = _chart(indicators, HEADLINE_QUESTIONS, "Headline questions", "chart-headline")
    themes = []
    for theme, story in zip(THEMES, narrative.themes, strict=True):
        numbers = [q for q in theme.questions if indicators.question_ref(q).polarity != "open"]
        themes.append(
            ThemeSection(
                theme.key,
                theme.title,
                story.sentences,
                _chart(indicators, numbers, theme.title, f"chart-{theme.key}"),
            )
        )
    examples = tuple(
        GoodPracticeExample.objects.publishable()
        .filter(round=rnd)
        .select_related("area", "question")
        .order_by("question__position", "area__name")
    )
    return Report(
        data=data,
        indicators=indicators,
        narrative=narrative,
        headline_chart=headline,
        themes=tuple(themes),
        tables=tuple(tables.build_tables(indicators)),
        examples=examples,
        built_at=built_at,
        as_at=as_at,
    )


_CHART_CACHE: "OrderedDict[str, charts.Chart]" = OrderedDict()
_CHART_CACHE_SIZE = 128
_CHART_LOCK = threading.Lock()


def _chart(indicators: Indicators, questions: Any, title: str, key: str) -> ReportChart:
    """Charts are pure functions of their figures, and slow to draw: keep recent ones by content."""
    n = indicators.national.areas
    figures = [(q, sorted(indicators.questions[q].counts.items())) for q in questions]
    digest = hashlib.sha256(repr((title, n, figures)).encode()).hexdigest()
    with _CHART_LOCK:
        chart = _CHART_CACHE.get(digest)
    if chart is None:
        chart = charts.status_chart(indicators, list(questions), title)
    with _CHART_LOCK:
        _CHART_CACHE[digest] = chart
        _CHART_CACHE.move_to_end(digest)
        while len(_CHART_CACHE) > _CHART_CACHE_SIZE:
            _CHART_CACHE.popitem(last=False)
    return ReportChart(key, chart, inline_svg(chart.svg, key))


_ID = re.compile(r'\bid="([^"]+)"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", flags=re.S)
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def inline_svg(svg: str, prefix: str) -> str:
    """Drop the XML prologue and prefix every id (and reference to one) so charts can share a page."""
    svg = svg[svg.index("<svg") :]
    # matplotlib's RDF <metadata> (creator, format) is not allowed in HTML and tells a reader nothing.
    svg = _METADATA.sub("", svg)
    seen: dict[str, int] = {}

    def unique(match: re.Match[str]) -> str:
        # matplotlib gives every bar of a series the series' gid; only the first keeps it.
        name = match.group(1)
        seen[name] = seen.get(name, 0) + 1
        suffix = f"-{seen[name]}" if seen[name] > 1 else ""
        return f'id="{prefix}-{name}{suffix}"'

    svg = _ID.sub(unique, svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    return svg.replace(
        'aria-labelledby="chart-title chart-desc"',
        f'aria-labelledby="{prefix}-chart-title {prefix}-chart-desc"',
    )


# --- rendering ------------------------------------------------------------------------------------------


def context(report: Report) -> dict[str, Any]:
    ind = report.indicators
    table_by_name = {t.name: t for t in report.tables}
    return {
        "report": report,
        "ind": ind,
        "narrative": report.narrative,
        "headlines": list(ind.headlines.values()),
        "sections_table": table_by_name["sections"],
        "questions_table": table_by_name["questions"],
        "completeness_table": table_by_name["completeness"],
        "labels": report.labels,
        "digest": report.data.inputs_digest(),
        "versions": len(report.data.sources),
        "statuses": [s.value for s in Status],
    }


def render_html(report: Report) -> bytes:
    """The report as one self-contained HTML document (also the source of the PDF)."""
    return render_to_string("analysis/report_document.html", {**context(report), "standalone": True}).encode()


def render_pdf(report: Report) -> bytes:
    import weasyprint

    # WeasyPrint reports each SVG presentation property its HTML stylesheet parser skips; the SVG renderer
    # still applies them, so the messages are noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_to_string(
        "analysis/report_document.html", {**context(report), "standalone": True, "for_print": True}
    )
    # PDF/UA-1: tagged (headings, tables, figures), titled by the <title>, in the <html lang>.
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def report_json(report: Report) -> dict[str, Any]:
    """Every figure the report shows, keyed by indicator and question number."""
    return {
        "report": {
            "round": report.round.slug,
            "title": report.title,
            "synthetic": report.data.synthetic,
            "provisional": report.data.provisional,
            "basis": report.data.basis,
            "labels": report.labels,
            "as_at": report.as_at.isoformat() if report.as_at else None,
            "built_at": report.built_at.astimezone(datetime.UTC).isoformat(),
            "inputs_digest": report.data.inputs_digest(),
        },
        "indicators": report.indicators.to_json_dict(),
        "narrative": {heading: list(sentences) for heading, sentences in report.narrative.sections()},
        "charts": {
            c.key: {
                "title": c.title,
                "alt_text": c.chart.alt_text,
                "questions": [str(r[0]) for r in c.chart.table_rows],
            }
            for c in (report.headline_chart, *(t.chart for t in report.themes))
        },
        "good_practice_published": [
            {
                "ons_code": e.area.ons_code,
                "area": e.area.name,
                "question": e.question.number,
                "theme": e.theme,
                "description": e.description,
            }
            for e in report.examples
        ],
        "sources": [s.to_json_dict() for s in report.data.sources],
    }


def render_json(report: Report) -> bytes:
    return (json.dumps(report_json(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _about_table(report: Report) -> tables.DataTable:
    rows: list[tuple[tables.Cell, ...]] = [
        ("Report", report.title),
        ("Round", report.round.slug),
        ("Basis", report.data.basis),
        ("As at", report.as_at.isoformat() if report.as_at else ""),
        ("Built at", report.built_at.astimezone(datetime.UTC).isoformat()),
        ("Inputs digest", report.data.inputs_digest()),
        *(("Label", label) for label in report.labels),
    ]
    return tables.DataTable("about", "About this report", ("Item", "Value"), tuple(rows))


def _versions_table(report: Report) -> tables.DataTable:
    return tables.DataTable(
        "versions",
        "Versions the figures come from",
        ("ONS code", "Version id", "Version number", "Content hash", "Accepted"),
        tuple(
            (s.ons_code, s.version_id, s.number, s.content_hash, "Yes" if s.accepted else "No")
            for s in report.data.sources
        ),
    )


def all_tables(report: Report) -> list[tables.DataTable]:
    return [_about_table(report), *report.tables, _versions_table(report)]


def render_csv(report: Report) -> bytes:
    """All tables in one CSV: each starts with a row naming it, and tables are separated by a blank row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(all_tables(report)):
        if index:
            writer.writerow([])
        writer.writerow([f"Table: {table.name}", table.title])
        writer.writerow(table.header)
        writer.writerows([_csv_safe(v) for v in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_safe(value: tables.Cell) -> tables.Cell:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_xlsx(report: Report) -> bytes:
    return tables.to_xlsx(all_tables(report), title=report.title)


def render_ods(report: Report) -> bytes:
    return tables.to_ods(all_tables(report), title=report.title)


RENDERERS = {
    "html": render_html,
    "pdf": render_pdf,
    "xlsx": render_xlsx,
    "ods": render_ods,
    "csv": render_csv,
    "json": render_json,
}


def render(report: Report, fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise ReportError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return RENDERERS[fmt](report)
