"""The published national report: a web page, its downloads, its Easy Read version and previous editions."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from concordat.accounts.decorators import public
from concordat.analysis.report import FORMATS, context
from concordat.analysis.report import render as render_report
from concordat.returns.models import Publication

from . import access
from .easy_read_pdf import pdf_response
from .national_report import PUBLIC_FORMATS, published_report, report_editions, report_publication


def _report_page(request: HttpRequest, publication: Publication | None, template: str) -> HttpResponse:
    editions = report_editions(timezone.localdate())
    if publication is None:
        return render(request, "public/report_none.html", {"editions": editions})
    report = published_report(publication)
    return render(
        request,
        template,
        {
            **context(report),
            "publication": publication,
            "editions": editions,
            "formats": PUBLIC_FORMATS,
            "support_email": settings.SUPPORT_EMAIL,
        },
    )


@public
def report_latest(request: HttpRequest) -> HttpResponse:
    editions = report_editions(timezone.localdate())
    return _report_page(request, editions[0] if editions else None, "public/report.html")


@public
def report_edition(request: HttpRequest, round_slug: str) -> HttpResponse:
    publication = report_publication(access.get_round(round_slug), timezone.localdate())
    return _report_page(request, publication, "public/report.html")


@public
def report_easy_read(request: HttpRequest, round_slug: str) -> HttpResponse:
    """The Easy Read version; ``?format=pdf`` gives it as a PDF file."""
    publication = report_publication(access.get_round(round_slug), timezone.localdate())
    if publication is not None and request.GET.get("format") == "pdf":
        report = published_report(publication)
        return pdf_response(
            request,
            "public/_report_easy_read_ideas.html",
            f"Easy Read: {report.title}",
            {**context(report), "support_email": settings.SUPPORT_EMAIL},
            f"easy-read-{report.filename_stem}",
        )
    return _report_page(request, publication, "public/report_easy_read.html")


@public
def report_download(request: HttpRequest, round_slug: str) -> HttpResponse:
    publication = report_publication(access.get_round(round_slug), timezone.localdate())
    fmt = request.GET.get("format", "pdf")
    if publication is None or fmt not in PUBLIC_FORMATS:
        return _report_page(request, None if fmt in PUBLIC_FORMATS else publication, "public/report.html")
    report = published_report(publication)
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(render_report(report, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename_stem}.{extension}"'
    return response
