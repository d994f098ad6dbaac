"""Session rules that hold on every page.

- Until a person replaces a temporary password, every page but changing it or signing out leads there.
- An idle session loses its second factor after ``TWO_FACTOR_IDLE_SECONDS`` (register pages ask for a code
  again) and is signed out after ``SESSION_IDLE_SECONDS``.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from concordat.accounts import two_factor
from concordat.accounts.models import User

# The last-seen time is written at most this often, so that a burst of requests is one session write.
_SEEN_EVERY_SECONDS = 15


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def _open_paths(self) -> tuple[str, ...]:
        return (
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
            str(settings.STATIC_URL or "/static/"),
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase | HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(self._open_paths())
        ):
            return redirect("accounts:password_change")
        return self.get_response(request)


class IdleSessionMiddleware:
    """Runs after the session, authentication, django-otp and messages middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session = request.session
        if SESSION_KEY in session:  # only a signed-in session has an idle clock
            now = two_factor.now()
            last_seen = session.get(two_factor.LAST_SEEN)
            idle = now - last_seen if isinstance(last_seen, int | float) else 0.0
            if idle > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(
                    request, "You were signed out because you had not used the service for a while."
                )
            else:
                if idle > settings.TWO_FACTOR_IDLE_SECONDS and DEVICE_ID_SESSION_KEY in session:
                    two_factor.forget_verification(session)
                    request.user.otp_device = None  # type: ignore[union-attr]  # set by django-otp
                if last_seen is None or idle >= _SEEN_EVERY_SECONDS:
                    session[two_factor.LAST_SEEN] = now
        return self.get_response(request)
