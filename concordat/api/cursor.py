"""Cursor pagination over a unique, ordered key: ``?cursor=`` is opaque (base64 of the last key seen)."""

import base64
import binascii
from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from ninja.errors import HttpError

MAX_LIMIT = 200


def decode(cursor: str) -> str:
    if not cursor:
        return ""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return base64.b64decode(padded.encode(), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise HttpError(400, "The cursor is not one this API gave out.") from exc


def encode(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def page[M: Model](
    found: QuerySet[M], *, key: str, cursor: str, limit: int, out: Callable[[list[M]], list[Any]]
) -> dict[str, Any]:
    """``{"results": [...], "next": cursor or None}`` ordered by ``key`` (a unique field)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be from 1 to {MAX_LIMIT}.")
    after = decode(cursor)
    ordered = found.order_by(key)
    if after:
        ordered = ordered.filter(**{f"{key}__gt": after})
    items = list(ordered[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"results": out(items), "next": encode(str(getattr(items[-1], key))) if more and items else None}
