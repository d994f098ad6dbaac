import re
from html.parser import HTMLParser
from typing import Any

import pytest

from concordat.public.finding import find_areas, places

from .builders import published_round
from .test_public_pages import _Paragraphs

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


class _Rows(HTMLParser):
    """Each Easy Read row: does it start with a picture that has alternative text, then words?"""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "concordat-easy-read__row":
            self.rows.append([])
            self.depth = 1
        elif self.depth:
            if tag == "div":
                self.depth += 1
            if self.depth == 1 and tag == "svg":
                self.rows[-1].append(f"picture:{a.get('aria-label') or ''}")
            elif self.depth == 2 and tag == "div":
                self.rows[-1].append("words")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1


def _check_easy_read(html: str) -> None:
    parser = _Paragraphs()
    parser.feed(html)
    assert len(parser.paragraphs) >= 8
    for paragraph in parser.paragraphs:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if s]
        assert len(sentences) == 1, paragraph
        assert len(sentences[0].split()) <= 15, paragraph
    rows = _Rows()
    rows.feed(html)
    assert len(rows.rows) >= 5
    for row in rows.rows:
        assert len(row) == 2 and row[0].startswith("picture:") and len(row[0]) > 12, row
        assert row[1] == "words", row


def test_harrows_easy_read_page_has_short_sentences_and_a_picture_beside_each_idea(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas)
    html = client.get(f"/areas/{HARROW}/easy-read/").content.decode()
    assert "Leadership and partnership: yes to" in html
    _check_easy_read(html)


def test_the_national_reports_easy_read_page_has_short_sentences_and_pictures(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    published_round(stocktake, personas)
    html = client.get(f"/report/{stocktake.slug}/easy-read/").content.decode()
    assert "areas: reported a pooled budget." in html
    _check_easy_read(html)


def test_the_row_check_fails_a_row_without_a_picture() -> None:
    rows = _Rows()
    rows.feed('<div class="concordat-easy-read__row"><div><p>Words only.</p></div></div>')
    assert rows.rows == [["words"]]


def test_every_public_page_links_its_easy_read_version(client: Any, stocktake: Any) -> None:
    for url, target in (
        ("/", "/easy-read/"),
        ("/areas/", "/easy-read/"),
        (f"/areas/{HARROW}/", f"/areas/{HARROW}/easy-read/"),
        ("/accessibility/", "/easy-read/"),
        ("/commitments/published/", "/easy-read/"),
        (f"/areas/{HARROW}/easy-read/", f"/areas/{HARROW}/"),
    ):
        html = client.get(url).content.decode()
        assert re.search(rf'href="{re.escape(target)}">(Easy Read|Standard) version<', html), url


def test_the_accessibility_statement_names_the_support_contact(client: Any, reference: None) -> None:
    html = client.get("/accessibility/").content.decode()
    assert 'href="mailto:concordat-support@example.org"' in html


def test_an_area_is_found_by_name_by_a_2013_district_or_by_a_town(reference: None) -> None:
    assert [m.area.name for m in find_areas("harrow")] == ["Harrow"]
    canterbury = find_areas("Canterbury")
    assert [(m.area.ons_code, m.via) for m in canterbury] == [("E10000016", "Canterbury")]
    assert [m.area.name for m in find_areas("otley")] == ["Leeds"]
    assert [m.area.name for m in find_areas("newcastle under lyme")] == ["Staffordshire"]
    assert find_areas("   ") == []


def test_the_lookup_lists_the_201_districts_of_2013(reference: None) -> None:
    districts = [p for p in places() if p[1] == "district"]
    assert len(districts) == 201
    assert len({code for _, _, code in districts}) == 27  # the 27 two-tier counties


def test_the_search_page_lists_matches(client: Any, reference: None) -> None:
    html = client.get("/areas/?q=Tunbridge").content.decode()
    assert 'href="/areas/E10000016/">Kent</a> (includes Tunbridge Wells)' in html
