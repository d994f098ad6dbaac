"""Open data without an account: each public round's area table as JSON and CSV, with CSVW metadata.

Cached by anyone: ``ETag`` and ``Last-Modified``, answered ``304`` when unchanged.
"""

import datetime
from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import http_date, parse_http_date_safe
from ninja import Router

from concordat.api import open_data
from concordat.api.throttling import OpenDataThrottle
from concordat.public.progress import public_rounds

router = Router(tags=["open data"], auth=None, throttle=OpenDataThrottle())


def _urls(request: HttpRequest, slug: str) -> dict[str, str]:
    return {
        name: request.build_absolute_uri(reverse(f"api:{name}", kwargs={"round_slug": slug}))
        for name in ("open_round_json", "open_round_csv", "open_round_csvw")
    }


def _conditional(
    request: HttpRequest, content: bytes, content_type: str, modified: datetime.datetime
) -> HttpResponse:
    etag = open_data.etag_for(content)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    none_match = request.headers.get("If-None-Match", "")
    unchanged = (none_match and etag in [t.strip() for t in none_match.split(",")]) or (
        not none_match and since is not None and int(modified.timestamp()) <= since
    )
    response = HttpResponse(status=304) if unchanged else HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    response["Link"] = f'<{open_data.LICENCE_URL}>; rel="license"'
    return response


@router.get("/open/rounds", url_name="open_rounds")
def open_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    """The rounds the public pages tell about, with the URL of each one's tables."""
    return [
        {"slug": r.slug, "title": r.title, "deadline": r.deadline, "links": _urls(request, r.slug)}
        for r in public_rounds()
    ]


@router.get("/open/rounds/{round_slug}/areas.json", url_name="open_round_json")
def open_round_json(request: HttpRequest, round_slug: str) -> HttpResponse:
    """England's totals and every area's position in the round, with the licence."""
    rnd = open_data.public_round(round_slug)
    document = open_data.round_document(rnd, open_data.area_rows(rnd), _urls(request, round_slug))
    content = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    return _conditional(request, content, "application/json", open_data.last_modified(rnd))


@router.get("/open/rounds/{round_slug}/areas.csv", url_name="open_round_csv")
def open_round_csv(request: HttpRequest, round_slug: str) -> HttpResponse:
    """The areas table as CSV; its columns are described by ``areas.csv-metadata.json``."""
    rnd = open_data.public_round(round_slug)
    content = open_data.areas_csv(open_data.area_rows(rnd)).encode()
    response = _conditional(request, content, "text/csv; charset=utf-8", open_data.last_modified(rnd))
    response["Link"] += f', <{_urls(request, round_slug)["open_round_csvw"]}>; rel="describedby"'
    return response


@router.get("/open/rounds/{round_slug}/areas.csv-metadata.json", url_name="open_round_csvw")
def open_round_csvw(request: HttpRequest, round_slug: str) -> HttpResponse:
    """CSVW metadata (W3C, "CSV on the Web") for ``areas.csv``: columns, types, licence."""
    rnd = open_data.public_round(round_slug)
    modified = open_data.last_modified(rnd)
    metadata = open_data.csvw_metadata(rnd, _urls(request, round_slug)["open_round_csv"], modified)
    content = orjson.dumps(metadata, option=orjson.OPT_INDENT_2)
    return _conditional(request, content, "application/csvm+json", modified)
