"""Pagination for long lists, drawn by ``govuk/components/pagination.html`` (GOV.UK's pagination component).

A page number that is not a whole number ("abc", "-1", "1.5", empty) shows page 1; one past the end (99999,
or a number too long to be meant) shows the last page. Never an error page: the link was ours or a typo, and
the nearest real page is what the person wanted (docs/decisions/0701-one-date-input-and-pagination.md).
Every other parameter of the request (the filters) is kept in the page links.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
# More digits than any list here could need: treat as "the end".
_MAX_DIGITS = 9


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the ellipsis between distant pages
    href: str
    current: bool


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    pages: int
    count: int
    first: int  # 1-based position of the first item shown (0 when there are none)
    last: int
    previous_href: str
    next_href: str
    links: tuple[PageLink, ...]

    @property
    def is_paginated(self) -> bool:
        return self.pages > 1


def page_number(raw: str | None, pages: int) -> int:
    """The page to show for the ``page`` parameter ``raw`` when there are ``pages`` pages."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > _MAX_DIGITS:
        return pages
    return min(max(int(text), 1), pages)


def _numbers(current: int, pages: int) -> list[int | None]:
    """GOV.UK's pattern: first, last, and the pages either side of the current one; gaps as None."""
    wanted = sorted({1, pages, current - 1, current, current + 1} & set(range(1, pages + 1)))
    out: list[int | None] = []
    for number in wanted:
        if out and isinstance(out[-1], int) and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    *,
    per_page: int = PER_PAGE,
    param: str = "page",
) -> Page:
    """One page of ``items`` for the request's ``param`` (``page``), with links that keep the filters."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, -(-count // per_page))
    number = page_number(request.GET.get(param), pages)
    start = (number - 1) * per_page
    shown = list(items[start : start + per_page])

    def href(page: int) -> str:
        query = request.GET.copy()
        query[param] = str(page)
        return f"?{query.urlencode()}"

    links = tuple(PageLink(n, href(n) if n else "", n == number) for n in _numbers(number, pages))
    return Page(
        items=shown,
        number=number,
        pages=pages,
        count=count,
        first=start + 1 if shown else 0,
        last=start + len(shown),
        previous_href=href(number - 1) if number > 1 else "",
        next_href=href(number + 1) if number < pages else "",
        links=links,
    )
