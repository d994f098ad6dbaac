"""An area's return for a round: read the draft, change answers (``If-Match``), replace it whole, submit.

Reads go through ``returns.access.get_return_for_user`` and writes through ``returns.actions``, exactly as
the section and check-your-answers pages do: the same 404 for an area the caller cannot see, 403 for one
they can see but not change, the same validation and the same audit events.
"""

from collections.abc import Callable, Mapping
from typing import Any

import orjson
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.errors import HttpError

from concordat.api import drafts, idempotency
from concordat.api.auth import require_write, user_of
from concordat.api.schemas import (
    AnswersIn,
    Problem,
    ReturnOut,
    SavedOut,
    StaleOut,
    VersionOut,
    WholeReturnIn,
)
from concordat.api.versions import version_out
from concordat.returns import access, actions
from concordat.returns.models import Return

router = Router(tags=["returns"])
RETURN = "/rounds/{round_slug}/returns/{ons_code}"
MINIMAL = "return=minimal"
# Documented in the OpenAPI of each write that honours it (the header is read from the request, not declared).
PREFER = {
    "parameters": [
        {
            "in": "header",
            "name": "Prefer",
            "required": False,
            "schema": {"type": "string", "examples": [MINIMAL]},
            "description": "return=minimal (RFC 7240): answer with the new ETag and the questions changed "
            "(SavedOut, with Preference-Applied: return=minimal) instead of the whole draft.",
        }
    ]
}


def json_response(data: Any, *, status: int = 200, etag: str = "", applied: str = "") -> HttpResponse:
    response = HttpResponse(orjson.dumps(data), status=status, content_type="application/json")
    if etag:
        response["ETag"] = etag
    if applied:
        response["Preference-Applied"] = applied
    return response


def prefers_minimal(request: HttpRequest) -> bool:
    """``Prefer: return=minimal`` (RFC 7240) among the request's preferences."""
    preferences = request.headers.get("Prefer", "").split(",")
    return any(p.split(";")[0].strip().lower().replace('"', "") == MINIMAL for p in preferences)


@router.get(RETURN, response={200: ReturnOut}, url_name="return")
def return_detail(request: HttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    """The current draft with every answer's revision; the ``ETag`` header is what ``If-Match`` takes."""
    ret = access.get_return_for_user(user_of(request), round_slug, ons_code)
    body = drafts.draft_out(ret)
    return json_response(body, etag=body["etag"])


def _editable(
    request: HttpRequest, round_slug: str, ons_code: str, *, lock: bool = False
) -> tuple[Any, Return]:
    """The caller and the return they may change. ``lock``: in the write's transaction, the return read and
    row-locked by one query, which ``save_draft`` then takes as it is (``locked=True``)."""
    user = require_write(request)
    if lock:
        ret = access.lock_return_for_user(user, round_slug, ons_code)
    else:
        ret = access.get_return_for_user(user, round_slug, ons_code, write=True)
    if not access.can_edit(user, ret):
        raise HttpError(409, "This return cannot be changed now: the round is not open or it is accepted.")
    return user, ret


class _Changed(Exception):
    """The ``If-Match`` is not the locked return's ETag."""


def _unchanged_since(if_match: str) -> Callable[[Return, Mapping[int, int]], None]:
    def check(ret: Return, revisions: Mapping[int, int]) -> None:
        if if_match and if_match not in ("*", drafts.etag_of(ret, revisions)):
            raise _Changed

    return check


def _stale(ret: Return, numbers: list[str]) -> HttpResponse:
    current = drafts.draft_out(ret)
    body = {
        "detail": "The return has changed since your If-Match. Nothing was written. Fetch it again, check "
        "the other change, then make yours.",
        "current": current,
        "changed": {n: a for n, a in current["answers"].items() if n in numbers},
    }
    return json_response(body, status=412, etag=current["etag"])


def _problems(problems: list[dict[str, str]]) -> HttpResponse:
    detail = "Nothing was saved: " + "; ".join(p["message"] for p in problems[:5])
    return json_response({"detail": detail, "errors": problems}, status=422)


def _save(
    request: HttpRequest,
    ret: Return,
    user: Any,
    answers: dict[str, dict[str, Any]],
    completed_by: dict[str, str] | None,
    *,
    whole: bool,
) -> HttpResponse:
    """Inside the write's transaction (``_write``), ``ret`` from ``_editable(..., lock=True)``."""
    cleaned, problems = drafts.checked_answers(ret, answers, whole=whole)
    if problems:
        return _problems(problems)
    key = idempotency.key_of(request)
    minimal = prefers_minimal(request)
    replayed = idempotency.replay(request, user, key)
    if replayed is not None:
        return replayed
    saved = actions.save_draft(
        ret,
        cleaned,
        completed_by=completed_by,
        acting_user=user,
        precondition=_unchanged_since(request.headers.get("If-Match", "")),
        locked=True,
    )
    # The return as the action left it, locked and current: no second fetch through access.
    body = drafts.saved_out(saved) if minimal else drafts.draft_out(saved.ret)
    applied = MINIMAL if minimal else ""
    idempotency.remember(
        request,
        user,
        key,
        status=200,
        body=orjson.dumps(body).decode(),
        etag=body["etag"],
        applied=applied,
    )
    return json_response(body, etag=body["etag"], applied=applied)


def _write(
    request: HttpRequest,
    round_slug: str,
    ons_code: str,
    answers: dict[str, dict[str, Any]],
    completed_by: dict[str, str] | None,
    *,
    whole: bool,
) -> HttpResponse:
    """One transaction from the access check (the return read and locked at once) to the commit. A stale
    ``If-Match`` is answered once that transaction is rolled back, from a new one that reads and locks the
    return again through access: ``save_draft`` takes no savepoint of its own, so its refusal ends the
    first."""
    try:
        with transaction.atomic():
            user, ret = _editable(request, round_slug, ons_code, lock=True)
            if not whole and not request.headers.get("If-Match"):
                raise HttpError(428, "Send If-Match with the ETag of the return you changed.")
            return _save(request, ret, user, answers, completed_by, whole=whole)
    except _Changed:
        with transaction.atomic():
            _, ret = _editable(request, round_slug, ons_code, lock=True)
            return _stale(ret, list(answers))


@router.patch(
    RETURN + "/answers",
    response={200: ReturnOut | SavedOut, 412: StaleOut, 422: Problem, 428: Problem},
    url_name="return_answers",
    openapi_extra=PREFER,
)
def return_answers(request: HttpRequest, round_slug: str, ons_code: str, payload: AnswersIn) -> HttpResponse:
    """Change some answers. ``If-Match`` (the return's ``ETag``) is required: if the return changed since,
    the answer is ``412`` with the other change, and nothing is written. With ``Prefer: return=minimal``
    the answer is the new ETag and the questions changed, not the whole draft."""
    answers = {n: a.model_dump() for n, a in payload.answers.items()}
    return _write(request, round_slug, ons_code, answers, None, whole=False)


@router.put(
    RETURN,
    response={200: ReturnOut | SavedOut, 412: StaleOut, 422: Problem},
    url_name="return_put",
    openapi_extra=PREFER,
)
def return_put(request: HttpRequest, round_slug: str, ons_code: str, payload: WholeReturnIn) -> HttpResponse:
    """Replace the whole draft in one request: every answer and the completed-by block. All or nothing: one
    bad field and nothing is written, with a problem naming each bad field. ``If-Match`` is honoured when
    sent; an ``Idempotency-Key`` makes a repeat answer like the first without writing again. With ``Prefer:
    return=minimal`` the answer is the new ETag and the questions changed, not the whole draft."""
    answers = {n: a.model_dump() for n, a in payload.answers.items()}
    return _write(request, round_slug, ons_code, answers, payload.completed_by.model_dump(), whole=True)


@router.post(RETURN + "/submit", response={201: VersionOut, 422: Problem}, url_name="return_submit")
def return_submit(request: HttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    """Freeze the draft as a new version for the three signatories, as "Submit" on the check page does."""
    user, ret = _editable(request, round_slug, ons_code)
    try:
        version = actions.submit_return(ret, acting_user=user)
    except actions.SubmitProblems as exc:
        errors = [{"field": anchor, "message": message} for anchor, message in exc.problems]
        return json_response({"detail": exc.message, "errors": errors}, status=422)
    return json_response(version_out(version), status=201)
