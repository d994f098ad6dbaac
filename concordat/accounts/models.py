import datetime
from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.db import models

from concordat.accounts import roles
from concordat.areas.models import Area, Region


class User(AbstractUser):
    """A person with an account. What they may do comes from their memberships."""

    # Set when the national team gives the person a temporary password; cleared when they choose their own.
    must_change_password = models.BooleanField(default=False)

    # Set on request.user by django_otp's OTPMiddleware: has this session confirmed a second factor?
    is_verified: Callable[[], bool]
    # The per-request cache of accounts.access.memberships.
    _concordat_memberships: "list[Membership]"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    NATIONAL_TEAM = "national_team", "National programme team"
    REGIONAL_LEAD = "regional_lead", "Regional lead"
    AREA_EDITOR = "area_editor", "Area editor"
    AREA_SIGNATORY = "area_signatory", "Area signatory"
    REGISTER_OFFICER = "register_officer", "Register officer"
    VIEWER = "viewer", "Viewer"


_R, _LABEL = roles.SignatoryRole, roles.SIGNATORY_LABELS


class SignatoryRole(models.TextChoices):
    """The three people who sign a stocktake return: the values and labels of ``accounts.roles``."""

    HWB_CHAIR = _R.HWB_CHAIR.value, _LABEL[_R.HWB_CHAIR]
    CHIEF_EXECUTIVE = _R.CHIEF_EXECUTIVE.value, _LABEL[_R.CHIEF_EXECUTIVE]
    CCG = _R.CCG.value, _LABEL[_R.CCG]


class Membership(models.Model):
    """A role in a scope. National roles have no scope; a regional lead has a region; the rest an area.

    A register officer with no area is a national register analyst: the explicit register role the
    national team needs to see person-level data.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    signatory_role = models.CharField(max_length=20, choices=SignatoryRole.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    models.Q(role="national_team", area__isnull=True, region__isnull=True)
                    | models.Q(role="regional_lead", area__isnull=True, region__isnull=False)
                    | models.Q(role__in=["area_editor", "viewer"], area__isnull=False, region__isnull=True)
                    | models.Q(role="area_signatory", area__isnull=False, region__isnull=True)
                    | models.Q(role="register_officer", region__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="membership_signatory_role_only_for_signatories",
                condition=(
                    models.Q(role="area_signatory", signatory_role__in=[c for c, _ in SignatoryRole.choices])
                    | (~models.Q(role="area_signatory") & models.Q(signatory_role=""))
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "area", "region", "signatory_role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        scope = self.area or self.region or "England"
        return f"{self.user} — {self.get_role_display()} ({scope})"


# Personal API tokens (see concordat/accounts/tokens.py: made, shown once, kept as a SHA-256).
class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    READ_WRITE = "read_write", "Read and write"


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    # The first characters of the token, shown so its owner can tell tokens apart. Not enough to use it.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    register = models.BooleanField(default=False, help_text="May read and change person-level records.")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE

    def is_usable(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now and self.user.is_active


class GrantState(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class RoleGrant(models.Model):
    """A register role asked for by one of the national team, given only once a second national user who
    holds register access approves it (``accounts.actions.decide_role_grant``)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=GrantState.choices, default=GrantState.PENDING)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            # One open request for the same role in the same scope.
            models.UniqueConstraint(
                fields=["user", "role", "area"],
                condition=models.Q(state="pending"),
                name="role_grant_one_pending",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.area or 'England'}) for {self.user}"
