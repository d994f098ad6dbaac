"""``Idempotency-Key``: a write repeated with the same key and the same request is answered from the record
of the first, without writing again; the same key with a different request is refused."""

import hashlib

from django.http import HttpRequest, HttpResponse
from ninja.errors import HttpError

from concordat.accounts.models import User
from concordat.api.models import IdempotentRequest

MAX_KEY_LENGTH = 200


def key_of(request: HttpRequest) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise HttpError(400, f"The Idempotency-Key header must be {MAX_KEY_LENGTH} characters or fewer.")
    return key


def fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def replay(request: HttpRequest, user: User, key: str) -> HttpResponse | None:
    """The first answer to this key, if there was one."""
    if not key:
        return None
    done = IdempotentRequest.objects.filter(user=user, key=key).first()
    if done is None:
        return None
    if done.fingerprint != fingerprint(request):
        raise HttpError(422, "This Idempotency-Key was used for a different request. Use a new key.")
    response = HttpResponse(done.body, status=done.status, content_type="application/json")
    if done.etag:
        response["ETag"] = done.etag
    if done.preference_applied:
        response["Preference-Applied"] = done.preference_applied
    response["Idempotent-Replayed"] = "true"
    return response


def remember(
    request: HttpRequest, user: User, key: str, *, status: int, body: str, etag: str, applied: str = ""
) -> None:
    """Call inside the write's transaction. ``applied``: the ``Preference-Applied`` the answer carried (a
    repeat is answered in the same form, whatever it prefers)."""
    if key:
        IdempotentRequest.objects.create(
            user=user,
            key=key,
            fingerprint=fingerprint(request),
            status=status,
            body=body,
            etag=etag,
            preference_applied=applied,
        )
