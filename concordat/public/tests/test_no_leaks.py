"""Every public page and download: no sub-national count of people from 1 to 7, no draft text.

The guard (tests/public_leaks.py) is first shown to fail on deliberately leaky pages and files."""

import io
from typing import Any

import pytest
from django.urls import reverse

from tests.access_matrix import walk
from tests.public_leaks import leaks

from .builders import DRAFT_SENTINEL, draft_over_harrow, published_round

HARROW, LEEDS = "E09000015", "E08000035"
HTML = "text/html; charset=utf-8"


def test_the_guard_catches_a_small_count_of_people_in_words() -> None:
    page = b"<p>As at 31 March 2014: 3 people from Harrow were in hospital.</p>"
    assert leaks(page, HTML) == ["a count of people from 1 to 7: '3 people'"]


def test_the_guard_catches_a_small_count_in_a_people_column_but_not_a_star_or_a_rounded_count() -> None:
    table = (
        b"<table><tr><th>Measure</th><th>People</th></tr><tr><th>Out of area</th><td>4</td></tr>"
        b"<tr><th>Secure</th><td>*</td></tr><tr><th>Reviewed</th><td>10</td></tr></table>"
    )
    assert leaks(table, HTML) == ["a count of 4 in the column 'People': ['Out of area', '4']"]


def test_the_guard_catches_draft_text_and_leaky_downloads() -> None:
    import openpyxl

    page = f"<p>Our position: {DRAFT_SENTINEL}</p>".encode()
    assert leaks(page, HTML, drafts=(DRAFT_SENTINEL,)) == [f"draft text {DRAFT_SENTINEL!r}"]
    book = openpyxl.Workbook()
    book.active.append(["Harrow", "5 patients"])  # type: ignore[union-attr]  # a new workbook has a sheet
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert leaks(buffer.getvalue(), xlsx) == ["a count of people from 1 to 7: '5 patients'"]
    assert leaks(b"Leeds,6 people\r\n", "text/csv") == ["a count of people from 1 to 7: '6 people'"]


def test_the_rules_own_words_and_rounded_counts_are_not_leaks() -> None:
    page = b"<p>Counts of 1 to 7 people are hidden.</p><p>As at 31 March 2014: 10 people.</p>"
    assert leaks(page, HTML) == []


def public_urls(round_slug: str, *, downloads: bool = True) -> list[str]:
    """Every public page (public and commitments apps) for Harrow and Leeds, and the report's downloads."""
    urls = []
    for route in walk():
        public_page = route.name.startswith(("public:", "commitments:public"))
        if route.rule != "public" or not public_page or not set(route.kwargs) <= {"round_slug", "ons_code"}:
            continue
        for code in (HARROW, LEEDS) if "ons_code" in route.kwargs else (None,):
            values = {"round_slug": round_slug, "ons_code": code}
            urls.append(reverse(route.name, kwargs={k: values[k] for k in route.kwargs}))
    download = reverse("public:report_download", kwargs={"round_slug": round_slug})
    files = [f"{download}?format={fmt}" for fmt in ("csv", "xlsx", "ods", "pdf")] if downloads else []
    return urls + files + ["/areas/?q=harrow"]


@pytest.mark.django_db
def test_no_public_page_or_download_shows_a_small_count_of_people_or_draft_text(
    client: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    from concordat.register.actions import take_snapshot
    from concordat.register.tests.builders import AS_AT, person

    for i in range(3):  # Harrow: 3 people, published as *
        person(HARROW, personas["rachel"], local_reference=f"HAR-{i}", nhs_number="")
    for i in range(12):  # Leeds: 12, published as 10; England: 15, exact
        person(LEEDS, personas["luke"], local_reference=f"LEE-{i}", nhs_number="")
    take_snapshot(AS_AT, personas["naveen"])
    published_round(stocktake, personas)
    draft_over_harrow(stocktake, personas)
    problems, fetched = [], 0
    for url in public_urls(stocktake.slug):
        response = client.get(url)
        assert response.status_code == 200, url
        fetched += 1
        found = leaks(response.content, response["Content-Type"], drafts=(DRAFT_SENTINEL,))
        problems += [f"{url}: {p}" for p in found]
    assert fetched >= 20
    assert not problems, "\n".join(problems)
    harrow = client.get(f"/areas/{HARROW}/").content.decode()
    assert "As at 31 March 2014: * people" in harrow  # the sweep saw the area's people figures
