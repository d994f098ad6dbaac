"""The national report as a page, and its downloads (HTML, PDF, XLSX, ODS, CSV, JSON)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited

from .. import access, report_cache
from ..forms import BasisForm
from ..report import FORMATS, NO_REPORT, build_report, has_national_report
from ..report import render as render_report
from .common import basis_options, query_without


@national_only
@rate_limited("report", methods=("GET",))
def report_page(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_user(request.user, round_slug)
    if not has_national_report(rnd):
        return render(request, "analysis/report_none.html", {"round": rnd, "reason": NO_REPORT})
    form = BasisForm(request.GET or None)
    options = basis_options(form)
    page = report_cache.report_page(rnd, options)
    query = query_without(request, "format")
    return render(
        request,
        "analysis/report.html",
        {
            "page": page,
            "round": rnd,
            "form": form,
            "downloads": [(fmt, f"?{query}&format={fmt}" if query else f"?format={fmt}") for fmt in FORMATS],
        },
    )


# The downloaded report is one self-contained document: its charts are inline SVG, styled by attributes.
STANDALONE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
}


@csp_override(STANDALONE_CSP)
@national_only
@rate_limited("report", methods=("GET",))
def report_download(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round_for_user(request.user, round_slug)
    fmt = request.GET.get("format", "html")
    form = BasisForm(request.GET or None)
    problems = []
    if not has_national_report(rnd):
        problems.append(("", NO_REPORT))
    elif fmt not in FORMATS:
        problems.append(("", f"There is no {fmt[:20]!r} download. Choose one of: {', '.join(FORMATS)}."))
    if form.is_bound and not form.is_valid():
        problems.extend(("", str(e)) for errors in form.errors.values() for e in errors)
    if problems:
        return render(request, "analysis/report_error.html", {"round": rnd, "errors": problems}, status=400)
    report = build_report(rnd, **basis_options(form), built_at=timezone.now())
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(render_report(report, fmt), content_type=content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{report.filename_stem}.{extension}"'
    return response
