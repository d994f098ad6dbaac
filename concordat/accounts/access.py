"""Who may do what, and where. Every scoping decision in Concordat is made here.

Views never test roles themselves: they call these functions, or an app's ``access.py`` built on
them, or the decorators in ``concordat.accounts.decorators``.
"""

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet

from concordat.accounts.models import Membership, Role
from concordat.areas.models import Area, Region


class Capability(StrEnum):
    READ = "read"  # see an area's returns
    EDIT = "edit"  # change an area's draft return
    SIGN = "sign"  # sign an area's submitted return
    READ_REGISTER = "read_register"  # see an area's person-level records
    EDIT_REGISTER = "edit_register"  # change an area's person-level records


def memberships(user: Any) -> list[Membership]:
    """The user's memberships, fetched once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_concordat_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("area", "region"))
        user._concordat_memberships = cached
    return cached


def has_role(user: Any, role: Role) -> bool:
    return any(m.role == role for m in memberships(user))


def is_national(user: Any) -> bool:
    return has_role(user, Role.NATIONAL_TEAM)


def lead_region_ids(user: Any) -> set[int]:
    return {m.region_id for m in memberships(user) if m.role == Role.REGIONAL_LEAD and m.region_id}


def signatory_roles(user: Any, area: Area) -> set[str]:
    return {
        m.signatory_role for m in memberships(user) if m.role == Role.AREA_SIGNATORY and m.area_id == area.pk
    }


def can(user: Any, capability: Capability, area: Area) -> bool:
    """The single rule for area scope."""
    mine = memberships(user)
    if capability == Capability.READ:
        return (
            is_national(user)
            or area.region_id in lead_region_ids(user)
            or any(
                m.area_id == area.pk and m.role in (Role.AREA_EDITOR, Role.AREA_SIGNATORY, Role.VIEWER)
                for m in mine
            )
        )
    if capability == Capability.EDIT:
        return is_national(user) or any(m.area_id == area.pk and m.role == Role.AREA_EDITOR for m in mine)
    if capability == Capability.SIGN:
        return bool(signatory_roles(user, area))
    if capability == Capability.READ_REGISTER:
        return any(m.role == Role.REGISTER_OFFICER and m.area_id in (None, area.pk) for m in mine)
    if capability == Capability.EDIT_REGISTER:
        return any(m.role == Role.REGISTER_OFFICER and m.area_id == area.pk for m in mine)
    return False


def can_see_register(user: Any) -> bool:
    """Any register role at all: such users must use two-factor authentication."""
    return has_role(user, Role.REGISTER_OFFICER)


def is_national_register_analyst(user: Any) -> bool:
    return any(m.role == Role.REGISTER_OFFICER and m.area_id is None for m in memberships(user))


def readable_areas(user: Any) -> QuerySet[Area]:
    areas = Area.objects.select_related("region")
    if is_national(user):
        return areas.all()
    area_ids = {
        m.area_id
        for m in memberships(user)
        if m.area_id is not None and m.role in (Role.AREA_EDITOR, Role.AREA_SIGNATORY, Role.VIEWER)
    }
    return areas.filter(pk__in=area_ids) | areas.filter(region_id__in=lead_region_ids(user))


def register_areas(user: Any) -> QuerySet[Area]:
    if is_national_register_analyst(user):
        return Area.objects.all()
    ids = {m.area_id for m in memberships(user) if m.role == Role.REGISTER_OFFICER and m.area_id is not None}
    return Area.objects.filter(pk__in=ids)


def readable_regions(user: Any) -> QuerySet[Region]:
    if is_national(user):
        return Region.objects.all()
    return Region.objects.filter(pk__in=lead_region_ids(user))


def can_read_region(user: Any, region: Region) -> bool:
    return is_national(user) or region.pk in lead_region_ids(user)
