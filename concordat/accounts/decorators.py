"""Access rules declared on views.

Every view carries an ``access_rule`` attribute set by one of these decorators; the URL access test
(tests/test_url_access.py) walks the URLconf and fails on any view without one.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect

from concordat.accounts import access
from concordat.accounts.access import Capability
from concordat.areas.models import Area, Region

View = Callable[..., HttpResponseBase]


def _mark(view: View, rule: str) -> View:
    view.access_rule = rule  # type: ignore[attr-defined]  # read by the URL access test
    return view


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _mark(view, "public")


def _require_login(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return _require_login(request) or view(request, *args, **kwargs)

    return _mark(wrapper, "signed_in")


def national_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        denied = _require_login(request)
        if denied:
            return denied
        if not access.is_national(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _mark(wrapper, "national")


def overview(view: View) -> View:
    """Round-wide views: the national team, and regional leads (who see their own region's areas)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        denied = _require_login(request)
        if denied:
            return denied
        if not (access.is_national(request.user) or access.lead_region_ids(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _mark(wrapper, "overview")


def _require_two_factor(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_verified():  # type: ignore[union-attr]  # set by django_otp's middleware
        return redirect_to_login(request.get_full_path(), login_url="accounts:two_factor")
    return None


def area_scoped(capability: Capability) -> Callable[[View], View]:
    """The URL names an area by ``ons_code``; the user needs ``capability`` there.

    Areas the user cannot read give 404 (their existence is not confirmed); areas they can read
    but not act on give 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            denied = _require_login(request)
            if denied:
                return denied
            area = get_object_or_404(Area, ons_code=kwargs["ons_code"])
            register = capability in (Capability.READ_REGISTER, Capability.EDIT_REGISTER)
            if not access.can(request.user, capability, area):
                if register or not access.can(request.user, Capability.READ, area):
                    raise Http404
                raise PermissionDenied
            if register:
                denied = _require_two_factor(request)
                if denied:
                    return denied
            return view(request, *args, **kwargs)

        return _mark(wrapper, f"area:{capability}")

    return decorator


def region_scoped(view: View) -> View:
    """The URL names a region by ``region_code``; the user must lead it or be national."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        denied = _require_login(request)
        if denied:
            return denied
        region = get_object_or_404(Region, code=kwargs["region_code"])
        if not access.can_read_region(request.user, region):
            raise Http404
        return view(request, *args, **kwargs)

    return _mark(wrapper, "region")


def register_role(view: View) -> View:
    """Any register role, verified with two-factor authentication. Area scope is checked in the view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        denied = _require_login(request)
        if denied:
            return denied
        if not access.can_see_register(request.user):
            raise PermissionDenied
        return _require_two_factor(request) or view(request, *args, **kwargs)

    return _mark(wrapper, "register")


def redirect_home(request: HttpRequest) -> HttpResponseBase:
    return redirect("returns:home")
