"""Accessible, deterministic SVG bar charts of answers by question.

One chart per section or theme: a horizontal bar per question, stacked by answer, as shares of all areas.
Colour is never the only cue: each answer has its own hatch pattern, segments of 6% or more carry their
percentage, and the legend names each answer. The SVG has a ``<title>`` and ``<desc>`` (the text alternative),
and each chart comes with its data table. Output is byte-for-byte repeatable: fixed hash salt, no date
metadata, text kept as text (``svg.fonttype = none``). The SVG canvas is used directly (no pyplot, no global
backend switch), which renders the same as the Agg backend's SVG output.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from .indicators import Indicators
from .narrative import THEMES
from .records import NOT_RETURNED, NOT_RETURNED_LABEL, STATUS_LABELS, STATUSES, percent_half_up

# Okabe-Ito colours (distinguishable with common colour-vision deficiencies), plus hatching.
SERIES: tuple[tuple[str, str, str, str], ...] = (
    # key, label, fill colour, hatch
    ("yes", STATUS_LABELS[STATUSES[0]], "#0072B2", ""),
    ("partial", STATUS_LABELS[STATUSES[1]], "#56B4E9", "//"),
    ("no", STATUS_LABELS[STATUSES[2]], "#D55E00", "xx"),
    ("na", STATUS_LABELS[STATUSES[3]], "#F0E442", ".."),
    ("blank", STATUS_LABELS[STATUSES[4]], "#FFFFFF", "--"),
    (NOT_RETURNED, NOT_RETURNED_LABEL, "#999999", "\\\\"),
)
_DARK_FILLS = {"#0072B2"}  # white text only where it has at least 4.5:1 contrast
_RC: dict[str, Any] = {
    "svg.hashsalt": "concordat",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "hatch.linewidth": 0.8,
    "path.simplify": False,
}


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    alt_text: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str | int, ...], ...]


def status_chart(indicators: Indicators, questions: Sequence[str], title: str) -> Chart:
    """Stacked shares of all areas by answer, one bar per question."""
    n = indicators.national.areas
    rows: list[tuple[str | int, ...]] = []
    shares: list[list[float]] = []
    labels: list[list[str]] = []
    for number in questions:
        figures = indicators.questions[number]
        counts = [figures.counts[key] for key, *_ in SERIES]
        rows.append((number, *counts, n))
        shares.append([100.0 * c / n if n else 0.0 for c in counts])
        labels.append([f"{percent_half_up(c, n)}%" for c in counts])
    header = ("Question", *(label for _, label, _, _ in SERIES), "All areas")
    alt = _alt_text(indicators, questions, title)
    svg = _add_title(_draw(questions, shares, labels, n), title, alt)
    return Chart(title=title, svg=svg, alt_text=alt, table_header=header, table_rows=tuple(rows))


def _draw(questions: Sequence[str], shares: list[list[float]], labels: list[list[str]], n: int) -> str:
    """The SVG: one stacked bar per question (``shares`` and ``labels`` hold one value per series).

    The title is not drawn: every page and the PDF print it once, as the figure's caption."""
    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]  # stubs want literal rc keys
        top_in, bar_in, bottom_in = 0.5, 0.42, 0.6  # inches: legend, each bar, axis label
        height = top_in + bar_in * max(len(questions), 1) + bottom_in
        figure = Figure(figsize=(8.0, height), dpi=72)
        FigureCanvasSVG(figure)
        figure.subplots_adjust(left=0.08, right=0.98, top=1 - top_in / height, bottom=bottom_in / height)
        axes = figure.add_subplot()
        y_positions = list(range(len(questions)))
        left = [0.0] * len(questions)
        for index, series in enumerate(SERIES):
            widths = [row[index] for row in shares]
            _draw_series(axes, series, y_positions, left, widths, [row[index] for row in labels])
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.set_yticks(y_positions, [str(q) for q in questions])
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel(f"Share of all {n} areas (%)")
        axes.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncol=len(SERIES),
            fontsize=8,
            frameon=False,
            handlelength=2.2,
            handleheight=1.4,
            borderaxespad=0.0,
            columnspacing=1.2,
        )
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Concordat"})
    return buffer.getvalue()


def _draw_series(
    axes: Any,
    series: tuple[str, str, str, str],
    y_positions: list[int],
    left: list[float],
    widths: list[float],
    texts: list[str],
) -> None:
    """One answer's segments, starting at ``left``, each labelled with its percentage when wide enough."""
    key, label, colour, hatch = series
    bars = axes.barh(
        y_positions,
        widths,
        left=left,
        color=colour,
        hatch=hatch,
        edgecolor="#0b0c0c",
        linewidth=0.6,
        label=label,
        gid=f"series-{key}",
    )
    for bar, width, start, text in zip(bars, widths, left, texts, strict=True):
        if width >= 6:
            axes.text(
                start + width / 2,
                bar.get_y() + bar.get_height() / 2,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="#ffffff" if colour in _DARK_FILLS else "#0b0c0c",
                bbox={"boxstyle": "square,pad=0.15", "facecolor": colour, "linewidth": 0},
            )


def _alt_text(indicators: Indicators, questions: Sequence[str], title: str) -> str:
    n = indicators.national.areas
    if not questions:
        return f"{title}: no questions."
    yes = [(indicators.questions[q].counts["yes"], q) for q in questions]
    most, most_q = max(yes, key=lambda item: (item[0], [-int(p) for p in item[1].split(".")]))
    least, least_q = min(yes, key=lambda item: (item[0], [int(p) for p in item[1].split(".")]))
    return (
        f"Bar chart: {title}. Answers to {len(questions)} questions, as shares of all {n} areas. "
        f"Most yes answers: question {most_q}, {most} of {n} areas ({_pct(most, n)}%). "
        f"Fewest: question {least_q}, {least} of {n} areas ({_pct(least, n)}%). "
        f"The table gives every figure."
    )


def _pct(count: int, denominator: int) -> int:
    return percent_half_up(count, denominator)


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _add_title(svg: str, title: str, desc: str) -> str:
    """Put <title> and <desc> first inside <svg>, and label the image for assistive technology."""
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("matplotlib produced no <svg> element")
    opening = match.group(0)
    labelled = opening[:-1] + ' role="img" aria-labelledby="chart-title chart-desc">'
    inner = f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>'
    return svg[: match.start()] + labelled + inner + svg[match.end() :]


def section_charts(indicators: Indicators) -> list[Chart]:
    """One chart per questionnaire section (open questions, which have no yes/no, are left out)."""
    charts = []
    for section in indicators.sections_ref:
        numbers = [q.number for q in section.questions if q.polarity != "open"]
        charts.append(status_chart(indicators, numbers, f"Section {section.number}: {section.title}"))
    return charts


def theme_charts(indicators: Indicators) -> list[Chart]:
    charts = []
    for theme in THEMES:
        numbers = [q for q in theme.questions if indicators.question_ref(q).polarity != "open"]
        charts.append(status_chart(indicators, numbers, theme.title))
    return charts
