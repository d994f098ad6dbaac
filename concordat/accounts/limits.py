"""Who is asking, and how often: the client's address behind trusted proxies, the sign-in lockout's
parameters (django-axes), and rate limits on the costly pages (django-ratelimit).

Counts live in the default cache, as the API's do (concordat/api/throttling.py): share it between
processes for a limit to hold across them.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

_ADDRESS_AND_USERNAME: list[str | list[str]] = [["username", "ip_address"]]


def client_address(request: HttpRequest) -> str:
    """The client's address: ``TRUSTED_PROXY_COUNT`` entries from the right of X-Forwarded-For (each trusted
    proxy appends the address it was reached from), or REMOTE_ADDR with no proxy or too short a header."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote


def _username(request_or_attempt: Any, credentials: dict[str, Any] | None) -> str | None:
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    if isinstance(request_or_attempt, HttpRequest):
        return request_or_attempt.POST.get("username") or None
    return getattr(request_or_attempt, "username", None)


def lockout_parameters(request_or_attempt: Any, credentials: dict[str, Any] | None = None) -> list[Any]:
    """django-axes counts failures per username at one address; once a username has failed
    ``AXES_USERNAME_FAILURE_LIMIT`` times across all addresses it is locked at every address too."""
    from axes.models import AccessAttempt

    username = _username(request_or_attempt, credentials)
    if not username:
        return _ADDRESS_AND_USERNAME
    total = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"]
    if (total or 0) >= settings.AXES_USERNAME_FAILURE_LIMIT:
        return [*_ADDRESS_AND_USERNAME, "username"]
    return _ADDRESS_AND_USERNAME


def _key(group: str, request: HttpRequest) -> str:
    user = request.user
    return f"user:{user.pk}" if user.is_authenticated else f"ip:{client_address(request)}"


def too_many_requests(request: HttpRequest, seconds: int) -> HttpResponse:
    """The GOV.UK page for a refused request, with ``Retry-After``."""
    minutes = max(1, (seconds + 59) // 60)
    body = render_to_string("429.html", {"minutes": minutes}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(max(1, seconds))
    return response


def over_limit(request: HttpRequest, group: str) -> int | None:
    """Count this request against ``RATE_LIMITS[group]``: seconds to wait if it is over, else None."""
    usage = get_usage(request, group=group, key=_key, rate=settings.RATE_LIMITS[group], increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return int(usage["time_left"])


def with_files(request: HttpRequest) -> bool:
    """A request that uploads files (a form that may or may not carry one counts only when it does)."""
    return bool(request.FILES)


def rate_limited[Req: HttpRequest, **P, R: HttpResponseBase](
    group: str, *, methods: tuple[str, ...] = ("POST",), when: Callable[[HttpRequest], bool] | None = None
) -> Callable[[Callable[Concatenate[Req, P], R]], Callable[Concatenate[Req, P], R | HttpResponse]]:
    """Limit a view's ``methods`` (those for which ``when`` holds, if given) to ``RATE_LIMITS[group]`` per
    person (per address for a visitor).

    Goes under the view's access decorator, so a refused request is not counted."""

    def decorator(view: Callable[Concatenate[Req, P], R]) -> Callable[Concatenate[Req, P], R | HttpResponse]:
        @wraps(view)
        def wrapper(request: Req, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
            if request.method in methods and (when is None or when(request)):
                wait = over_limit(request, group)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
