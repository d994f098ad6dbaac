"""Who is calling: a personal API token (``accounts.tokens``) in ``Authorization: Bearer ...``.

A usable token makes ``request.user`` its owner, so every endpoint asks the same ``access.py`` functions as
the pages do; the token's scope can only narrow what the owner may do, never widen it.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from concordat.accounts.models import ApiToken, User
from concordat.accounts.tokens import find_token

# How stale ``last_used_at`` may get before a request writes it again: one write per token per period.
TOUCH_EVERY = datetime.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = find_token(token.strip())
        now = timezone.now()
        if found is None or not found.is_usable(now):
            return None
        if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found


def token_of(request: HttpRequest) -> ApiToken:
    token: Any = getattr(request, "auth", None)
    assert isinstance(token, ApiToken), "endpoint reached without TokenAuth"
    return token


def user_of(request: HttpRequest) -> User:
    return token_of(request).user


def require_write(request: HttpRequest) -> User:
    """The caller's user, if their token may write; 403 otherwise (before anything is read or written)."""
    token = token_of(request)
    if not token.can_write:
        raise HttpError(403, "This token is read-only. Make a read and write token to change anything.")
    return token.user


def require_register(request: HttpRequest) -> User:
    token = token_of(request)
    if not token.register:
        raise HttpError(
            403, "This token has no register scope. Make one after signing in with your authenticator app."
        )
    return token.user
