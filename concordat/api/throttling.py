"""Rate limits: per token for the API, per address for open data, counted by django-ratelimit in Django's
cache (a fixed window). Over the limit: ``429 Too Many Requests`` with ``Retry-After`` in seconds.

The counts live in the ``default`` cache. With several server processes that cache must be shared
(memcached, Redis or the database cache) for the limit to hold across them; with the local-memory default each
process counts on its own (see docs/decisions/0501-api-with-django-ninja.md).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle


def _token_key(group: str, request: HttpRequest) -> str:
    token: Any = getattr(request, "auth", None)
    return f"token:{token.pk}" if token is not None else f"ip:{request.META.get('REMOTE_ADDR', '')}"


def _address_key(group: str, request: HttpRequest) -> str:
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


class _Throttle(BaseThrottle):
    group = ""
    setting = ""
    default = ""

    def __init__(self) -> None:
        self.time_left = 1

    def key(self, group: str, request: HttpRequest) -> str:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, self.setting, self.default)
        usage = get_usage(request, group=self.group, key=self.key, rate=rate, increment=True)
        if usage is None:
            return True
        self.time_left = max(1, int(usage["time_left"]))
        return not usage["should_limit"]

    def wait(self) -> float:
        return float(self.time_left)


class TokenThrottle(_Throttle):
    group = "api-token"
    setting = "API_RATE_LIMIT"
    default = "600/m"

    def key(self, group: str, request: HttpRequest) -> str:
        return _token_key(group, request)


class OpenDataThrottle(_Throttle):
    group = "api-open"
    setting = "OPEN_DATA_RATE_LIMIT"
    default = "300/m"

    def key(self, group: str, request: HttpRequest) -> str:
        return _address_key(group, request)
