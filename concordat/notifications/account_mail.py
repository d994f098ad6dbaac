"""The security messages: an invitation to set a password, a password reset link, a locked account, a link
to set up an authenticator app (``accounts.enrolment``), a register role given.

None of them can be turned off. Links carry Django's one-time password token: it stops working once
the password is set (the token is bound to the password hash and last sign-in) or after
``PASSWORD_RESET_TIMEOUT``.
"""

import datetime
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from concordat.accounts.models import User
from concordat.accounts.signals import account_invited, register_role_granted, two_factor_enrolment_requested
from concordat.audit.actions import record
from concordat.notifications.actions import queue_message
from concordat.notifications.models import Message
from concordat.notifications.rendering import site_url

RESET_REQUESTS_EVERY = datetime.timedelta(minutes=5)
LOCKOUT_NOTICE_EVERY = datetime.timedelta(minutes=30)


def link_days() -> str:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))
    return "1 day" if days == 1 else f"{days} days"


def set_password_link(user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url(reverse("passwords:set_password", kwargs={"uidb64": uid, "token": token}))


def _bucket(now: datetime.datetime, every: datetime.timedelta) -> int:
    return int(now.timestamp() // every.total_seconds())


@transaction.atomic
def queue_invitation(user: Any, *, acting_user: Any, again: bool = False) -> Message | None:
    if again:
        record(acting_user, "account.invitation_sent_again", user)
    inviter = acting_user.get_full_name() if acting_user is not None else ""
    suffix = f":{timezone.now():%Y%m%d%H%M%S%f}" if again else ""
    return queue_message(
        user,
        kind="invitation",
        subject="Set your password for Concordat",
        template="notifications/email/invitation.txt",
        context={"username": user.get_username(), "inviter": inviter, "days": link_days()},
        dedup_key=f"invitation:{user.pk}{suffix}",
        link=set_password_link(user),
        link_text="Set your password",
    )


def queue_password_reset(address: str, *, now: datetime.datetime | None = None) -> None:
    """A reset link to every open account with this address; nothing says whether there was one."""
    now = now or timezone.now()
    for user in User.objects.filter(email__iexact=address.strip(), is_active=True):
        queue_message(
            user,
            kind="password_reset",
            subject="Reset your Concordat password",
            template="notifications/email/password_reset.txt",
            context={"username": user.get_username(), "days": link_days()},
            dedup_key=f"reset:{user.pk}:{_bucket(now, RESET_REQUESTS_EVERY)}",
            link=set_password_link(user),
            link_text="Choose a new password",
        )


@receiver(account_invited)
def _invite(sender: Any, *, user: Any, acting_user: Any, **kwargs: Any) -> None:
    queue_invitation(user, acting_user=acting_user)


@receiver(user_locked_out)
def _tell_locked_out(sender: Any, *, username: str | None = None, **kwargs: Any) -> None:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        return
    now = timezone.now()
    queue_message(
        user,
        kind="account_locked",
        subject="Your Concordat account has been locked for 30 minutes",
        template="notifications/email/account_locked.txt",
        context={"username": user.get_username(), "at": f"{timezone.localtime(now):%H:%M on %d %B %Y}"},
        dedup_key=f"locked:{user.pk}:{_bucket(now, LOCKOUT_NOTICE_EVERY)}",
        link=site_url(reverse("passwords:forgotten")),
        link_text="Reset your password",
    )


@receiver(two_factor_enrolment_requested)
def _send_enrolment_link(sender: Any, *, user: Any, token: str, **kwargs: Any) -> None:
    queue_message(
        user,
        kind="two_factor_enrolment",
        subject="Set up your authenticator app for Concordat",
        template="notifications/email/two_factor_enrolment.txt",
        context={"username": user.get_username(), "days": link_days()},
        dedup_key=f"enrolment:{user.pk}:{token}",
        link=site_url(reverse("accounts:two_factor_enrol", kwargs={"token": token})),
        link_text="Set up your authenticator app",
    )


@receiver(register_role_granted)
def _tell_register_role_granted(sender: Any, *, grant: Any, owners: list[Any], **kwargs: Any) -> None:
    register = grant.area.name if grant.area else "every area (national register analyst)"
    context = {
        "person": str(grant.user),
        "username": grant.user.get_username(),
        "register": register,
        "requested_by": str(grant.requested_by),
        "approved_by": str(grant.decided_by),
    }
    for recipient in [grant.user, *owners]:
        queue_message(
            recipient,
            kind="register_role_granted",
            subject=f"A register role was given to {grant.user}",
            template="notifications/email/register_role_granted.txt",
            context={**context, "yours": "yes" if recipient.pk == grant.user.pk else ""},
            dedup_key=f"role-grant:{grant.pk}:{recipient.pk}",
            link=site_url(reverse("accounts:home")),
            link_text="Your account",
        )
