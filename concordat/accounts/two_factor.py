"""How fresh a session's second factor is, and how long the session has been idle.

django-otp marks a session verified for as long as it lasts. Here the session also keeps when it was
verified (managing accounts and roles asks again once that is older than ``TWO_FACTOR_STEP_UP_SECONDS``)
and when it was last used (``accounts.middleware.IdleSessionMiddleware`` forgets the second factor after
``TWO_FACTOR_IDLE_SECONDS`` and signs the person out after ``SESSION_IDLE_SECONDS``).
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device

VERIFIED_AT = "concordat_verified_at"
LAST_SEEN = "concordat_last_seen"


def now() -> float:
    return time.time()


def verify_session(request: HttpRequest, device: Device) -> None:
    """The person entered a right code: the session is verified, as of now."""
    otp_login(request, device)
    request.session[VERIFIED_AT] = now()


def verified_within(request: HttpRequest, seconds: float) -> bool:
    """Verified with a second factor no more than ``seconds`` ago (a session verified without a time, as
    django-otp alone would leave it, counts as too old)."""
    user = request.user
    if not getattr(user, "is_verified", lambda: False)():
        return False
    verified_at = request.session.get(VERIFIED_AT)
    return isinstance(verified_at, int | float) and now() - verified_at <= seconds


def verified_for_privileged_work(request: HttpRequest) -> bool:
    return verified_within(request, settings.TWO_FACTOR_STEP_UP_SECONDS)


def forget_verification(session: SessionBase) -> None:
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.pop(VERIFIED_AT, None)
