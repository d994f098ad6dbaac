"""The only way analysis views fetch rounds and good-practice examples.

Every analysis page is for the national team (``national_only``); these functions check it again, so a
view that forgot its decorator still cannot read another area's return text.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from concordat.accounts import access
from concordat.accounts.models import User
from concordat.returns.access import get_round
from concordat.returns.models import Round

from .models import GoodPracticeExample, GoodPracticeQuerySet


def get_round_for_analysis(user: User, slug: str) -> Round:
    """A round's indicators and triage: the national team's, and a regional lead's for their region
    (``analysis_scope`` narrows what they see)."""
    if analysis_scope(user) == set():
        raise PermissionDenied
    return get_round(slug)


def analysis_scope(user: User) -> set[str] | None:
    """The region codes whose areas the user analyses: None for every area (the national team)."""
    return access.analysis_region_codes(user)


def _require_national(user: User) -> None:
    if not access.is_national(user):
        raise PermissionDenied


def get_round_for_user(user: User, slug: str) -> Round:
    _require_national(user)
    return get_round(slug)


def get_example_for_user(user: User, example_id: int) -> GoodPracticeExample:
    _require_national(user)
    return get_object_or_404(
        GoodPracticeExample.objects.select_related(
            "round", "area__region", "question", "version", "reviewed_by"
        ),
        pk=example_id,
    )


def examples_for_user(user: User) -> GoodPracticeQuerySet:
    """Every good-practice example in the library, with its round, area and question, for filtering."""
    _require_national(user)
    return GoodPracticeExample.objects.select_related("round", "area", "question")
