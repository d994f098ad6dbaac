"""First-time set-up of an authenticator app, only through a one-time link emailed to the account holder.

So nobody who can sign in as a person (the national team can give a temporary password) can also set up
their second factor: that needs the person's email. The link is bound to the person's pending
authenticator: asking for a new link, confirming the app, or a reset by the national team ends it, and it
stops working after ``PASSWORD_RESET_TIMEOUT``. It works only for the person it was sent to, signed in.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts.models import User


class _EnrolmentTokens(PasswordResetTokenGenerator):
    key_salt = "concordat.accounts.enrolment"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        devices = TOTPDevice.objects.filter(user=user).order_by("pk").values_list("pk", "key", "confirmed")
        return f"{user.pk}{timestamp}{list(devices)}"


_tokens = _EnrolmentTokens()


def pending_device(user: User) -> TOTPDevice | None:
    """The authenticator a link was sent for, while the person has none confirmed."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def make_token(user: User) -> str:
    return _tokens.make_token(user)


def check_token(user: User, token: str) -> TOTPDevice | None:
    """The pending authenticator if ``token`` is a live link for ``user``; otherwise None."""
    device = pending_device(user)
    if device is None or not _tokens.check_token(user, token):
        return None
    return device
