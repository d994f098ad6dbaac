"""Pagination: a bad page number shows a real page (never an error), and the filters stay in every link."""

from urllib.parse import parse_qs

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from concordat.govuk.pagination import paginate

ITEMS = list(range(1, 231))  # 230 items: 5 pages of 50, the last holding 30


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("1", 1),
        ("3", 3),
        ("5", 5),
        (" 2 ", 2),
        ("0", 1),
        ("-1", 1),
        ("abc", 1),
        ("", 1),
        ("1.5", 1),
        ("1e3", 1),
        ("٣", 1),  # an Arabic-Indic three: a digit to Python, not a page number anyone types
        ("<script>alert(1)</script>", 1),
        ("6", 5),
        ("99999", 5),
        ("9" * 5000, 5),
    ],
)
def test_a_bad_page_number_shows_the_first_or_the_last_page(raw: str, shown: int) -> None:
    page = paginate(RequestFactory().get("/list/", {"page": raw}), ITEMS)
    assert page.number == shown
    assert page.items == ITEMS[(shown - 1) * 50 : shown * 50]


def test_no_page_parameter_is_the_first_page_and_an_empty_list_is_one_empty_page() -> None:
    page = paginate(RequestFactory().get("/list/"), ITEMS)
    assert (page.number, page.pages, page.count, page.first, page.last) == (1, 5, 230, 1, 50)
    empty = paginate(RequestFactory().get("/list/", {"page": "7"}), [])
    assert (empty.number, empty.pages, empty.items, empty.first, empty.is_paginated) == (1, 1, [], 0, False)


def test_the_links_keep_the_filters_and_change_only_the_page() -> None:
    page = paginate(RequestFactory().get("/list/", {"region": "E12000007", "q": "a&b=c", "page": "3"}), ITEMS)
    for href in (page.previous_href, page.next_href, *(link.href for link in page.links if link.number)):
        query = parse_qs(href.lstrip("?"))
        assert query["region"] == ["E12000007"] and query["q"] == ["a&b=c"]
    assert parse_qs(page.next_href.lstrip("?"))["page"] == ["4"]
    assert parse_qs(page.previous_href.lstrip("?"))["page"] == ["2"]


def test_distant_pages_are_replaced_by_an_ellipsis_as_govuk_shows_them() -> None:
    many = list(range(1000))
    page = paginate(RequestFactory().get("/list/", {"page": "10"}), many)
    assert [link.number for link in page.links] == [1, None, 9, 10, 11, None, 20]
    assert [link.number for link in page.links if link.current] == [10]
    first = paginate(RequestFactory().get("/list/"), many)
    assert first.previous_href == "" and [link.number for link in first.links] == [1, 2, None, 20]


def test_the_component_draws_govuk_pagination_with_escaped_links() -> None:
    page = paginate(RequestFactory().get("/list/", {"q": '"><script>', "page": "2"}), ITEMS)
    html = Template('{% include "govuk/components/pagination.html" with noun="examples" %}').render(
        Context({"page": page})
    )
    assert 'class="govuk-pagination"' in html and 'rel="prev"' in html and 'rel="next"' in html
    assert "Showing 51 to 100 of 230 examples" in html
    assert 'aria-label="Page 2" aria-current="page"' in html
    assert "<script>" not in html
