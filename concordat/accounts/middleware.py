"""Until a person replaces a temporary password, every page but changing it or signing out leads there."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from concordat.accounts.models import User


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
