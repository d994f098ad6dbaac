from __future__ import annotations

import xml.etree.ElementTree as ET

from concordat.analysis.charts import section_charts, status_chart, theme_charts

from .fixtures import indicators

SVG = "{http://www.w3.org/2000/svg}"


def test_chart_is_valid_svg_with_title_and_description() -> None:
    chart = status_chart(indicators(), ["2.1", "2.4", "2.5"], "Managing the money")
    root = ET.fromstring(chart.svg.encode())  # noqa: S314  # our own output, not untrusted input
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and root[0].text == "Managing the money"
    assert root[1].tag == f"{SVG}desc" and root[1].text == chart.alt_text
    assert len(root.findall(f"{SVG}title")) == 1


def test_text_alternative_and_table_carry_the_figures() -> None:
    chart = status_chart(indicators(), ["2.1", "2.4", "2.5"], "Managing the money")
    assert "question 2.1, 91 of 152 areas (60%)" in chart.alt_text
    assert "question 2.4, 46 of 152 areas (30%)" in chart.alt_text
    assert chart.table_header[0] == "Question"
    row = dict(zip(chart.table_header, chart.table_rows[1], strict=True))
    assert row["Question"] == "2.4" and row["Yes"] == 46 and row["All areas"] == 152
    assert sum(v for k, v in row.items() if k not in ("Question", "All areas")) == 152  # type: ignore[misc]  # the counts are ints; the row also holds the label


def test_charts_do_not_rely_on_colour_alone() -> None:
    svg = status_chart(indicators(), ["2.1", "2.4"], "Money").svg
    assert "<pattern" in svg  # hatching
    for label in ("Yes", "Partly", "No", "Not returned"):
        assert f">{label}<" in svg  # legend as text
    assert "60%" in svg  # values written on the bars


def test_output_is_deterministic() -> None:
    first = [c.svg for c in section_charts(indicators())]
    second = [c.svg for c in section_charts(indicators())]
    assert first == second
    assert "<dc:date>" not in first[0]


def test_one_chart_per_section_and_theme() -> None:
    assert len(section_charts(indicators())) == 11
    assert len(theme_charts(indicators())) == 8


def test_the_chart_title_is_not_drawn_in_the_chart_the_page_captions_it_once() -> None:
    chart = status_chart(indicators(), ["2.1", "2.4"], "Managing the money")
    root = ET.fromstring(chart.svg.encode())  # noqa: S314  # our own output, not untrusted input
    drawn = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Yes" in drawn and "Managing the money" not in drawn
