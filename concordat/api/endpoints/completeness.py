"""Who has returned what in a round: the national team sees every area, a regional lead their region's."""

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from ninja import Router

from concordat.accounts import access as account_access
from concordat.accounts.models import User
from concordat.api.auth import user_of
from concordat.api.schemas import CompletenessOut
from concordat.areas.models import Area
from concordat.returns import access
from concordat.returns.exports import submitted_csv_chunks
from concordat.returns.models import Round
from concordat.returns.progress import CompletenessRow, completeness, completeness_csv_rows

router = Router(tags=["completeness"])


def _overview(user: User, round_slug: str, region: str) -> tuple[Round, QuerySet[Area]]:
    """The same rule as the completeness page (``overview``): national team or a regional lead."""
    if not (account_access.is_national(user) or account_access.lead_region_ids(user)):
        raise PermissionDenied
    rnd = access.get_round(round_slug)
    areas = account_access.readable_areas(user)
    if region:
        areas = areas.filter(region__code=region)
    return rnd, areas


def _rows(user: User, round_slug: str, region: str, state: str) -> tuple[Round, list[CompletenessRow]]:
    rnd, areas = _overview(user, round_slug, region)
    rows = completeness(rnd, areas, as_at=timezone.localdate())
    return rnd, [r for r in rows if not state or r.state == state]


@router.get("/rounds/{round_slug}/completeness", response=list[CompletenessOut], url_name="completeness")
def completeness_json(
    request: HttpRequest, round_slug: str, region: str = "", state: str = ""
) -> list[dict[str, Any]]:
    """Every area the caller may see, in name order; filter by ``region`` code and ``state``."""
    _, rows = _rows(user_of(request), round_slug, region, state)
    return [
        {
            "ons_code": r.area.ons_code,
            "area": r.area.name,
            "region": r.area.region.name,
            "state": r.state,
            "late": r.late,
            "submitted_at": r.submitted_at,
            "signed_roles": list(r.signed_roles),
        }
        for r in rows
    ]


@router.get("/rounds/{round_slug}/completeness.csv", url_name="completeness_csv")
def completeness_csv(
    request: HttpRequest, round_slug: str, region: str = "", state: str = ""
) -> HttpResponse:
    """The same rows as CSV, with the columns of the completeness page's download."""
    rnd, rows = _rows(user_of(request), round_slug, region, state)
    out = io.StringIO()
    csv.writer(out).writerows(completeness_csv_rows(rows))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{rnd.slug}-completeness.csv"'
    return response


@router.get("/rounds/{round_slug}/returns.csv", url_name="returns_csv")
def returns_csv(request: HttpRequest, round_slug: str, region: str = "") -> StreamingHttpResponse:
    """Every submitted return the caller may see, one row each (its latest version), a column per field.

    Streamed: the client reads the first rows while the rest are made; the server never holds it all."""
    rnd, areas = _overview(user_of(request), round_slug, region)
    response = StreamingHttpResponse(submitted_csv_chunks(rnd, areas), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{rnd.slug}-returns.csv"'
    return response
