"""Who may do what, and where. Every scoping decision in Concordat is made here.

Views never test roles themselves: they call these functions, or an app's ``access.py`` built on
them, or the decorators in ``concordat.accounts.decorators``.
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts.models import GrantState, Membership, Role, RoleGrant, User
from concordat.areas.models import Area, Region


class Capability(StrEnum):
    READ = "read"  # see an area's returns
    EDIT = "edit"  # change an area's draft return: its own editors only (national users review, not edit)
    SIGN = "sign"  # sign an area's submitted return
    READ_REGISTER = "read_register"  # see an area's person-level records
    EDIT_REGISTER = "edit_register"  # change an area's person-level records
    ANALYSE = "analyse"  # see the analysis (indicators, triage) of an area's returns
    READ_FIGURES = "read_figures"  # see an area's register figures, disclosure-controlled unless person-level


def memberships(user: User | AnonymousUser) -> list[Membership]:
    """The user's memberships, fetched once per request (cached on the user object). None for a visitor."""
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_concordat_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("area", "region"))
        user._concordat_memberships = cached
    return cached


def has_role(user: User, role: Role) -> bool:
    return any(m.role == role for m in memberships(user))


def is_national(user: User) -> bool:
    return has_role(user, Role.NATIONAL_TEAM)


def lead_region_ids(user: User) -> set[int]:
    return {m.region_id for m in memberships(user) if m.role == Role.REGIONAL_LEAD and m.region_id}


def signatory_roles(user: User, area: Area) -> set[str]:
    return {
        m.signatory_role for m in memberships(user) if m.role == Role.AREA_SIGNATORY and m.area_id == area.pk
    }


def can(user: User, capability: Capability, area: Area) -> bool:
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
        # Separation of duties: those who assure a return do not write it. The national team corrects an
        # answer only through returns' distinct, reasoned action (returns.actions.correct_answers).
        return any(m.area_id == area.pk and m.role == Role.AREA_EDITOR for m in mine)
    if capability == Capability.SIGN:
        return bool(signatory_roles(user, area))
    if capability == Capability.READ_REGISTER:
        return any(m.role == Role.REGISTER_OFFICER and m.area_id in (None, area.pk) for m in mine)
    if capability == Capability.EDIT_REGISTER:
        return any(m.role == Role.REGISTER_OFFICER and m.area_id == area.pk for m in mine)
    if capability in (Capability.ANALYSE, Capability.READ_FIGURES):
        return can_in_region(user, capability, area.region)
    return False


def can_in_region(user: User, capability: Capability, region: Region) -> bool:
    """The rule for region-wide pages. A regional lead analyses their own region and sees its register figures
    as the public do; any register role sees every region's figures (person-level only for the national
    register analyst: ``is_national_register_analyst``)."""
    leads = region.pk in lead_region_ids(user)
    if capability == Capability.ANALYSE:
        return is_national(user) or leads
    if capability == Capability.READ_FIGURES:
        return can_see_register(user) or leads
    return False


def analysis_region_codes(user: User) -> set[str] | None:
    """Regions whose analysis the user sees: None for the national team (every area), else those they lead."""
    if is_national(user):
        return None
    return {m.region.code for m in memberships(user) if m.role == Role.REGIONAL_LEAD and m.region is not None}


def can_see_register(user: User) -> bool:
    """Any register role at all: such users must use two-factor authentication."""
    return has_role(user, Role.REGISTER_OFFICER)


def is_national_register_analyst(user: User) -> bool:
    return any(m.role == Role.REGISTER_OFFICER and m.area_id is None for m in memberships(user))


def readable_areas(user: User) -> QuerySet[Area]:
    areas = Area.objects.select_related("region")
    if is_national(user):
        return areas.all()
    area_ids = {
        m.area_id
        for m in memberships(user)
        if m.area_id is not None and m.role in (Role.AREA_EDITOR, Role.AREA_SIGNATORY, Role.VIEWER)
    }
    return areas.filter(pk__in=area_ids) | areas.filter(region_id__in=lead_region_ids(user))


def register_areas(user: User) -> QuerySet[Area]:
    if is_national_register_analyst(user):
        return Area.objects.all()
    ids = {m.area_id for m in memberships(user) if m.role == Role.REGISTER_OFFICER and m.area_id is not None}
    return Area.objects.filter(pk__in=ids)


def readable_regions(user: User) -> QuerySet[Region]:
    if is_national(user):
        return Region.objects.all()
    return Region.objects.filter(pk__in=lead_region_ids(user))


def can_read_region(user: User, region: Region) -> bool:
    return is_national(user) or region.pk in lead_region_ids(user)


# Accounts themselves: only the national team manages them; everyone has their own authenticator.


def accounts_for_user(user: User) -> QuerySet[User]:
    """Every account with its roles, for the national team; none for anyone else."""
    if not is_national(user):
        return User.objects.none()
    return User.objects.order_by("last_name", "first_name").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("area", "region"))
    )


def get_account_for_user(user: User, user_id: int) -> User:
    if not is_national(user):
        raise Http404
    return get_object_or_404(User, pk=user_id)


def get_membership_for_user(user: User, user_id: int, membership_id: int) -> Membership:
    if not is_national(user):
        raise Http404
    return get_object_or_404(Membership, pk=membership_id, user_id=user_id)


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    """The user's own confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def open_account_named(user: User, username: str) -> User | None:
    """An open account by its username, for the national team (who give people roles and organisations)."""
    if not is_national(user):
        raise Http404
    return User.objects.filter(username=username, is_active=True).first()


# Register roles: one of the national team asks, a second national user who holds register access decides.


def needs_second_approval(role: str) -> bool:
    """Roles that reach person-level records are given only with a second person's approval."""
    return role == Role.REGISTER_OFFICER


def can_approve_role_grants(user: User) -> bool:
    """A national user who holds register access: the national register analyst, or one of the national
    team who also has a register role."""
    return is_national_register_analyst(user) or (is_national(user) and can_see_register(user))


def why_cannot_decide(user: User, grant: RoleGrant) -> str | None:
    if grant.state != GrantState.PENDING:
        return "This request has already been decided"
    if not can_approve_role_grants(user):
        return "Only a national user who holds register access can decide on a register role"
    if user.pk == grant.requested_by_id:
        return "You asked for this role, so a second person must decide"
    if user.pk == grant.user_id:
        return "You cannot decide on a role for yourself"
    return None


def pending_role_grants(user: User) -> QuerySet[RoleGrant]:
    """The requests waiting for a decision, for those who may decide them."""
    if not can_approve_role_grants(user):
        return RoleGrant.objects.none()
    return RoleGrant.objects.filter(state=GrantState.PENDING).select_related("user", "area", "requested_by")


def get_role_grant_for_user(user: User, grant_id: int) -> RoleGrant:
    if not can_approve_role_grants(user):
        raise Http404
    return get_object_or_404(RoleGrant.objects.select_related("user", "area", "requested_by"), pk=grant_id)


def role_grants_for_account(user: User, person: User) -> QuerySet[RoleGrant]:
    """A person's register-role requests, newest first, for the national team's account page."""
    if not is_national(user):
        return RoleGrant.objects.none()
    return person.role_grants.select_related("area", "requested_by", "decided_by").order_by(
        "-requested_at", "-id"
    )


def register_owners(area: Area | None, *, excluding: User) -> list[User]:
    """Who answers for a register: the area's register officers (none for the national role) and the
    national register analysts, open accounts only."""
    scope = Membership.objects.filter(role=Role.REGISTER_OFFICER, area__isnull=True)
    if area is not None:
        scope = scope | Membership.objects.filter(role=Role.REGISTER_OFFICER, area=area)
    return list(
        User.objects.filter(is_active=True, memberships__in=scope)
        .exclude(pk=excluding.pk)
        .distinct()
        .order_by("username")
    )
