import datetime

from axes.utils import reset as reset_sign_in_attempts
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts import access, enrolment, tokens
from concordat.accounts.models import ApiToken, GrantState, Membership, RoleGrant, TokenScope, User
from concordat.accounts.signals import account_invited, register_role_granted, two_factor_enrolment_requested
from concordat.areas.models import Area, Region
from concordat.audit.actions import record


class NotAllowed(Exception):
    """A change the acting user may not make; the message says why, in plain English."""


@transaction.atomic
def send_enrolment_link(user: User) -> TOTPDevice:
    """A new pending authenticator, and a one-time link to set it up emailed to the person
    (``accounts.enrolment``). Any earlier link stops working."""
    if access.confirmed_totp_device(user) is not None:
        raise NotAllowed("You already have an authenticator app")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    record(user, "account.two_factor_link_sent", user)
    two_factor_enrolment_requested.send(sender=User, user=user, token=enrolment.make_token(user))
    return device


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, *, acting_user: User) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    record(acting_user, "account.two_factor_set_up", device.user)


@transaction.atomic
def create_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str | None = None,
    acting_user: User,
) -> User:
    """Without a password the account cannot sign in until the person sets one from their invitation."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
        user.must_change_password = True  # the national team chose it: the person must choose their own
    user.save()
    record(acting_user, "account.created", user, data={"username": username})
    if password is None:
        account_invited.send(sender=User, user=user, acting_user=acting_user)
    return user


@transaction.atomic
def set_password(user: User, password: str, *, acting_user: User | None, how: str) -> None:
    """The person chose a password from an invitation or reset link (``how``), or changed it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record(acting_user, "account.password_set", user, data={"how": how})


@transaction.atomic
def add_membership(
    user: User,
    *,
    role: str,
    area: Area | None,
    region: Region | None,
    signatory_role: str,
    acting_user: User,
) -> Membership:
    """A role that needs no second person (``access.needs_second_approval``): given at once."""
    if user.pk == acting_user.pk:
        raise NotAllowed("You cannot give yourself a role. Ask someone else in the national team")
    if access.needs_second_approval(role):
        raise NotAllowed("A register role needs a second person's approval: request it instead")
    return _give_membership(
        user, role=role, area=area, region=region, signatory_role=signatory_role, acting_user=acting_user
    )


def _give_membership(
    user: User,
    *,
    role: str,
    area: Area | None,
    region: Region | None,
    signatory_role: str,
    acting_user: User,
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, area=area, region=region, signatory_role=signatory_role
    )
    if created:
        record(
            acting_user,
            "account.role_added",
            user,
            area_code=area.ons_code if area else "",
            data={"role": role, "region": region.code if region else "", "signatory_role": signatory_role},
        )
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, acting_user: User) -> None:
    record(
        acting_user,
        "account.role_removed",
        membership.user,
        area_code=membership.area.ons_code if membership.area else "",
        data={"role": membership.role, "membership": str(membership)},
    )
    membership.delete()


@transaction.atomic
def set_active(user: User, active: bool, *, acting_user: User) -> None:
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(acting_user, "account.reactivated" if active else "account.deactivated", user)


@transaction.atomic
def create_api_token(
    user: User,
    *,
    name: str,
    scope: str,
    register: bool,
    days: int,
    verified: bool,
    now: datetime.datetime,
) -> tuple[ApiToken, str]:
    """A new personal API token and its value, which is shown once and never stored.

    ``verified``: the session that asks has confirmed a second factor; the register scope needs it, and a
    register role, exactly as the register pages do.
    """
    if scope not in TokenScope.values:
        raise ValueError(f"unknown token scope {scope!r}")
    if not 1 <= days <= tokens.MAX_TOKEN_DAYS:
        raise ValueError(f"a token lasts 1 to {tokens.MAX_TOKEN_DAYS} days")
    if register and not (verified and access.can_see_register(user)):
        raise PermissionError("the register scope needs a register role and a two-factor sign-in")
    raw = tokens.new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API token",
        prefix=raw[:10],
        key_hash=tokens.hash_token(raw),
        scope=scope,
        register=register,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    record(
        user,
        "account.api_token_created",
        user,
        data={"token": token.pk, "name": token.name, "scope": scope, "register": register, "days": days},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, acting_user: User, now: datetime.datetime) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    record(acting_user, "account.api_token_revoked", token.user, data={"token": token.pk, "name": token.name})


@transaction.atomic
def set_temporary_password(user: User, password: str, *, acting_user: User) -> None:
    """The national team resets a forgotten password; the person must change it when they next sign in."""
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(acting_user, "account.password_reset", user)


@transaction.atomic
def password_changed(user: User) -> None:
    """The person chose their own password (Django's form has already saved it)."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    record(user, "account.password_changed", user)


@transaction.atomic
def unlock_account(user: User, *, acting_user: User) -> int:
    """Forget the failed sign-ins that locked the account (django-axes), from every address."""
    removed = int(reset_sign_in_attempts(username=user.username))
    record(acting_user, "account.unlocked", user, data={"attempts_removed": removed})
    return removed


@transaction.atomic
def reset_two_factor(user: User, *, acting_user: User) -> int:
    """Remove the person's authenticators: they set up a new one the next time they need it."""
    removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
    record(acting_user, "account.two_factor_reset", user, data={"devices_removed": removed})
    return removed


@transaction.atomic
def request_role_grant(
    user: User, *, role: str, area: Area | None, acting_user: User, now: datetime.datetime
) -> RoleGrant:
    """Ask for a register role for ``user``; a second person decides (``decide_role_grant``)."""
    if user.pk == acting_user.pk:
        raise NotAllowed("You cannot give yourself a role. Ask someone else in the national team")
    if not access.needs_second_approval(role):
        raise ValueError(f"the role {role!r} is given at once, without a request")
    if Membership.objects.filter(user=user, role=role, area=area).exists():
        raise NotAllowed("They already have this role")
    if RoleGrant.objects.filter(user=user, role=role, area=area, state=GrantState.PENDING).exists():
        raise NotAllowed("This role is already waiting for approval")
    grant = RoleGrant.objects.create(
        user=user, role=role, area=area, requested_by=acting_user, requested_at=now
    )
    record(
        acting_user,
        "account.role_grant_requested",
        user,
        area_code=area.ons_code if area else "",
        data={"grant": grant.pk, "role": role},
    )
    return grant


@transaction.atomic
def decide_role_grant(
    grant: RoleGrant, *, approve: bool, acting_user: User, now: datetime.datetime
) -> Membership | None:
    """Approve (the role is given, and the person and the register's owners are told) or decline."""
    grant = (
        RoleGrant.objects.select_for_update(of=("self",))
        .select_related("user", "area", "requested_by")
        .get(pk=grant.pk)
    )
    problem = access.why_cannot_decide(acting_user, grant)
    if problem:
        raise NotAllowed(problem)
    grant.state = GrantState.APPROVED if approve else GrantState.DECLINED
    grant.decided_by = acting_user
    grant.decided_at = now
    grant.save(update_fields=["state", "decided_by", "decided_at"])
    record(
        acting_user,
        "account.role_grant_approved" if approve else "account.role_grant_declined",
        grant.user,
        area_code=grant.area.ons_code if grant.area else "",
        data={"grant": grant.pk, "role": grant.role, "requested_by": grant.requested_by.username},
    )
    if not approve:
        return None
    membership = _give_membership(
        grant.user, role=grant.role, area=grant.area, region=None, signatory_role="", acting_user=acting_user
    )
    owners = access.register_owners(grant.area, excluding=grant.user)
    register_role_granted.send(sender=RoleGrant, grant=grant, owners=owners)
    return membership
