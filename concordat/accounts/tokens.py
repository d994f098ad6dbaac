"""Personal API tokens: a user's own credentials for the REST API (``concordat/api``).

The token is shown once, when made; only its SHA-256 is kept. A token acts as its user, through the same
access rules as the pages, narrowed by its scope: read only, or read and write; person-level register data
only with the register scope, which can only be granted from a session confirmed with two-factor
authentication (as the register pages require).
"""

import hashlib
import secrets

from django.db.models import QuerySet

from concordat.accounts.models import ApiToken, User

TOKEN_PREFIX = "cnc_"  # noqa: S105  # a label on every token, not a secret
MAX_TOKEN_DAYS = 366
DEFAULT_TOKEN_DAYS = 90


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_raw_token() -> str:
    """256 bits from the operating system's generator: hashing it once (no salt, no stretching) is enough."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def find_token(raw: str) -> ApiToken | None:
    """The token a request presents, whatever its state (the caller checks ``is_usable``)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()


def tokens_for_user(user: User) -> QuerySet[ApiToken]:
    """A user's own tokens: nobody sees anyone else's, the national team included."""
    return ApiToken.objects.filter(user=user)
