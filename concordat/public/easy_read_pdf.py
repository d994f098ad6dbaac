"""Easy Read pages as PDF files: the same ideas and pictures, printed on A4 at 16 pt, tagged PDF/UA-1."""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(ideas: str, title: str, context: dict[str, Any], base_url: str) -> bytes:
    """``ideas`` is the template of the page's rows; ``base_url`` makes its links work from the file."""
    import weasyprint  # imported here: slow to import, and only the PDF needs it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_to_string("public/easy_read_document.html", {**context, "ideas": ideas, "title": title})
    document = weasyprint.HTML(string=html, base_url=base_url)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def pdf_response(
    request: HttpRequest, ideas: str, title: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    pdf = render_pdf(ideas, title, context, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
