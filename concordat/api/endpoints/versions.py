"""Submitted versions of a return: each with its content hash and the signatures given for it."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from concordat.api.auth import user_of
from concordat.api.schemas import VersionDetailOut, VersionOut
from concordat.api.versions import version_out
from concordat.returns import access

router = Router(tags=["returns"])
RETURN = "/rounds/{round_slug}/returns/{ons_code}"


@router.get(RETURN + "/versions", response=list[VersionOut], url_name="versions")
def versions(request: HttpRequest, round_slug: str, ons_code: str) -> list[dict[str, Any]]:
    """Newest first."""
    ret = access.get_return_for_user(user_of(request), round_slug, ons_code)
    if ret.pk is None:
        return []
    found = ret.versions.select_related("submitted_by", "ret__round__questionnaire").prefetch_related(
        "signatures"
    )
    return [version_out(v) for v in found.order_by("-number")]


@router.get(RETURN + "/versions/{int:number}", response=VersionDetailOut, url_name="version")
def version(request: HttpRequest, round_slug: str, ons_code: str, number: int) -> dict[str, Any]:
    """The exact content that was submitted, which ``content_hash`` covers and signatures bind to."""
    found = access.get_version_for_user(user_of(request), round_slug, ons_code, number)
    return version_out(found, content=True)
