"""Who is told: the people holding a role in an area, and the national team."""

from django.db.models import QuerySet

from concordat.accounts.models import Role, User
from concordat.areas.models import Area


def area_people(area: Area, role: str, *, signatory_roles: list[str] | None = None) -> QuerySet[User]:
    people = User.objects.filter(is_active=True, memberships__role=role, memberships__area=area)
    if signatory_roles is not None:
        people = people.filter(memberships__signatory_role__in=signatory_roles)
    return people.distinct().order_by("pk")


def area_editors(area: Area) -> QuerySet[User]:
    return area_people(area, Role.AREA_EDITOR)


def area_signatories(area: Area, roles: list[str]) -> QuerySet[User]:
    return area_people(area, Role.AREA_SIGNATORY, signatory_roles=roles)


def national_team() -> QuerySet[User]:
    return User.objects.filter(is_active=True, memberships__role=Role.NATIONAL_TEAM).distinct().order_by("pk")
