"""The API: one ``NinjaAPI`` mounted at ``/api/v1/``, token authentication and a rate limit on every
endpoint but open data, and errors in one shape (``{"detail": ..., "errors": [{"field", "message"}]}``)."""

from typing import Any

import orjson
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser
from ninja.renderers import BaseRenderer
from ninja.types import DictStrAny

from concordat.api.auth import TokenAuth
from concordat.api.endpoints import (
    commitments,
    completeness,
    open_data,
    reference,
    register,
    returns,
    versions,
)
from concordat.api.throttling import TokenThrottle
from concordat.returns.actions import ActionError


class OrjsonRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> bytes:
        return orjson.dumps(data)


class OrjsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        try:
            body: DictStrAny = orjson.loads(request.body)
        except orjson.JSONDecodeError:
            # What orjson refuses and ``json`` takes (NaN, an integer beyond 64 bits), or json's own error.
            return super().parse_body(request)
        return body


DESCRIPTION = """The Concordat API: the same rules as the pages, for programs.

Sign in, open **Your account → Your API tokens**, make a token, and send it as
`Authorization: Bearer <token>`.
A token sees and changes exactly what its owner can on the pages, no more: read-only tokens cannot write, and
person-level register data needs a token made after a two-factor sign-in. Every change goes through the same
audited actions as the pages.

Open data (`/open/...`) needs no token. Licence: Open Government Licence v3.0."""

api = NinjaAPI(
    title="Concordat API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=TokenThrottle(),
    renderer=OrjsonRenderer(),
    parser=OrjsonParser(),
    docs_url=None,
    openapi_url="/openapi.json",
)
api.add_router("", reference.router)
api.add_router("", returns.router)
api.add_router("", versions.router)
api.add_router("", completeness.router)
api.add_router("", commitments.router)
api.add_router("", register.router)
api.add_router("", open_data.router)


def _problem(
    request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _problem(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _problem(request, 403, "You do not have permission to do that.")


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _problem(
        request,
        401,
        "Send a valid API token: Authorization: Bearer <token>. It may have expired or been revoked.",
    )
    response["WWW-Authenticate"] = 'Bearer realm="concordat"'
    return response


@api.exception_handler(ActionError)
def refused(request: HttpRequest, exc: ActionError) -> HttpResponse:
    return _problem(request, 409, exc.message)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _problem(request, 413, "The request body is too large.")


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 and parts[1] == "payload" else parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field(e.get("loc", ())), "message": str(e.get("msg", "is not valid"))} for e in exc.errors
    ]
    detail = "Nothing was saved: " + "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return _problem(request, 422, detail, errors)
