"""Refusing an upload over the size limit before its body is stored (issue 11).

``UploadSizeMiddleware`` answers from the request headers: a ``Content-Length`` over
``settings.UPLOAD_MAX_BYTES`` gets the GOV.UK "file too large" page (413) before anything reads the body.
``LimitedUploadHandler`` covers a body sent without a length (chunked): it counts the bytes as they arrive
and stops at the limit, before the next handler writes them to memory or a temporary file.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.template import loader

from concordat.accounts.context_processors import site_frame


def upload_limit() -> int:
    return int(settings.UPLOAD_MAX_BYTES)


def too_large_page() -> HttpResponse:
    context = {**site_frame(), "limit_mb": upload_limit() // (1024 * 1024)}
    return HttpResponse(loader.get_template("413.html").render(context), status=413)


class UploadSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > upload_limit():
            return too_large_page()
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each chunk on, until the running total passes the limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > upload_limit():
            raise RequestDataTooBig("The upload is larger than the limit.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
