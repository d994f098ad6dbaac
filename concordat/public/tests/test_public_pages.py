import re
from html.parser import HTMLParser
from typing import Any

import pytest

from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.depth = 0
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "concordat-easy-read") in attrs:
            self.inside = True
        if self.inside and tag == "p":
            self.paragraphs.append("")
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.paragraphs[-1] += data


def test_the_public_see_how_many_areas_have_sent_and_signed(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    submitted_return(stocktake, "E08000035", personas["leo"])
    page = client.get("/").content.decode()
    assert "2 of 152 areas have sent their return" in page
    assert "1 of 152 have been signed by all three local leaders" in page


def test_an_area_page_shows_organisational_facts_and_no_answers(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    signed_off_version(stocktake, personas)
    page = client.get("/areas/E09000015/").content.decode()
    assert "Harrow: progress" in page and "Signed by all three local leaders" in page
    assert "a joint group is in place" not in page
    assert client.get("/areas/E99999999/").status_code == 404


def test_easy_read_uses_one_short_sentence_per_paragraph(client: Any, stocktake: Any) -> None:
    parser = _Paragraphs()
    parser.feed(client.get("/easy-read/").content.decode())
    assert len(parser.paragraphs) >= 10
    for paragraph in parser.paragraphs:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if s]
        assert len(sentences) == 1, paragraph
        assert len(sentences[0].split()) <= 15, paragraph


def test_the_area_list_links_all_152_areas(client: Any, reference: None) -> None:
    page = client.get("/areas/").content.decode()
    assert page.count('href="/areas/E') == 152


def test_an_areas_people_figures_are_published_only_through_disclosure_control(
    client: Any, reference: None, personas: dict[str, Any]
) -> None:
    from concordat.register.actions import take_snapshot
    from concordat.register.tests.builders import AS_AT, person

    for i in range(3):  # three Harrow people: a sub-national count of 1 to 7
        person("E09000015", personas["rachel"], local_reference=f"HAR-{i}", nhs_number="")
    for i in range(12):  # twelve Leeds people: rounded to 10
        person("E08000035", personas["luke"], local_reference=f"LEE-{i}", nhs_number="")
    take_snapshot(AS_AT, personas["naveen"])
    harrow = client.get("/areas/E09000015/").content.decode()
    assert "As at 31 March 2014: * people" in harrow
    assert "HAR-0" not in harrow
    leeds = client.get("/areas/E08000035/").content.decode()
    assert "As at 31 March 2014: 10 people" in leeds
    england = client.get("/").content.decode()
    assert "As at 31 March 2014: 15 people" in england  # national figures are exact
