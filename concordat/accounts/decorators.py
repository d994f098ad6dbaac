"""Access rules declared on views.

Every view carries an ``access_rule`` attribute set by one of these decorators; the URL access test
(tests/test_url_access.py) walks the URLconf and fails on any view without one.

A view behind any decorator but ``public`` may annotate its request as ``AuthenticatedHttpRequest``: the
decorator has already sent anonymous visitors to sign in.
"""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, Protocol, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from concordat.accounts import access, two_factor
from concordat.accounts.access import Capability
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.models import User
from concordat.areas.models import Area, Region

type SignedInView[**P, R: HttpResponseBase] = Callable[Concatenate[AuthenticatedHttpRequest, P], R]
# What the URLconf gets: any request, answered by the view or by a redirect to sign in.
type GuardedView[**P, R: HttpResponseBase] = Callable[Concatenate[HttpRequest, P], R | HttpResponseRedirect]


def _mark[V: Callable[..., HttpResponseBase]](view: V, rule: str) -> V:
    view.access_rule = rule  # type: ignore[attr-defined]  # read by the URL access test
    return view


def public[**P, R: HttpResponseBase](
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R]:
    """Anyone, signed in or not (so the view takes a plain HttpRequest: its user may be anonymous)."""
    return _mark(view, "public")


def _signed_in_user(request: HttpRequest) -> AuthenticatedHttpRequest | None:
    """The request, narrowed to a signed-in user; None for an anonymous visitor."""
    return cast(AuthenticatedHttpRequest, request) if request.user.is_authenticated else None


def _to_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    return redirect_to_login(request.get_full_path())


type Follow = Callable[[AuthenticatedHttpRequest], HttpResponseRedirect | None]


class UserRule(Protocol):
    """A decorator that keeps the view's own parameters and response type."""

    def __call__[**P, R: HttpResponseBase](self, view: SignedInView[P, R], /) -> GuardedView[P, R]: ...


def _user_rule(rule: str, allowed: Callable[[User], bool], *, then: Follow | None = None) -> UserRule:
    """A decorator for a rule about the user alone: anonymous visitors go to sign in, users ``allowed``
    refuses get 403, and ``then`` (a two-factor check) may send the rest to the two-factor page first."""

    def decorator[**P, R: HttpResponseBase](view: SignedInView[P, R]) -> GuardedView[P, R]:
        @wraps(view)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseRedirect:
            signed = _signed_in_user(request)
            if signed is None:
                return _to_sign_in(request)
            if not allowed(signed.user):
                raise PermissionDenied
            return (then(signed) if then else None) or view(signed, *args, **kwargs)

        return _mark(wrapper, rule)

    return decorator


def _require_two_factor(request: AuthenticatedHttpRequest) -> HttpResponseRedirect | None:
    if not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), login_url="accounts:two_factor")
    return None


def _require_fresh_two_factor(request: AuthenticatedHttpRequest) -> HttpResponseRedirect | None:
    """A code entered no more than ``TWO_FACTOR_STEP_UP_SECONDS`` ago, or the two-factor page first."""
    if not two_factor.verified_for_privileged_work(request):
        return redirect_to_login(request.get_full_path(), login_url="accounts:two_factor")
    return None


def _anyone(user: User) -> bool:
    return True


def _overviewer(user: User) -> bool:
    return access.is_national(user) or bool(access.lead_region_ids(user))


signed_in = _user_rule("signed_in", _anyone)
national_only = _user_rule("national", access.is_national)
# Round-wide views: the national team, and regional leads (who see their own region's areas).
overview = _user_rule("overview", _overviewer)
# Managing accounts and roles: the national team, on a session verified with two-factor recently.
privileged = _user_rule("privileged", access.is_national, then=_require_fresh_two_factor)
# Deciding on register roles: a national user who holds register access, verified recently.
role_approver = _user_rule("role_approver", access.can_approve_role_grants, then=_require_fresh_two_factor)
# Any register role, verified with two-factor authentication. Area scope is checked in the view.
register_role = _user_rule("register", access.can_see_register, then=_require_two_factor)


def area_scoped[**P, R: HttpResponseBase](
    capability: Capability,
) -> Callable[[SignedInView[P, R]], GuardedView[P, R]]:
    """The URL names an area by ``ons_code``; the user needs ``capability`` there.

    Areas the user cannot read give 404 (their existence is not confirmed); areas they can read
    but not act on give 403.
    """

    def decorator(view: SignedInView[P, R]) -> GuardedView[P, R]:
        @wraps(view)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseRedirect:
            signed = _signed_in_user(request)
            if signed is None:
                return _to_sign_in(request)
            area = get_object_or_404(Area, ons_code=kwargs["ons_code"])
            register = capability in (Capability.READ_REGISTER, Capability.EDIT_REGISTER)
            if not access.can(signed.user, capability, area):
                if register or not access.can(signed.user, Capability.READ, area):
                    raise Http404
                raise PermissionDenied
            if register:
                denied = _require_two_factor(signed)
                if denied:
                    return denied
            return view(signed, *args, **kwargs)

        return _mark(wrapper, f"area:{capability}")

    return decorator


def region_scoped[**P, R: HttpResponseBase](view: SignedInView[P, R]) -> GuardedView[P, R]:
    """The URL names a region by ``region_code``; the user must lead it or be national."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseRedirect:
        signed = _signed_in_user(request)
        if signed is None:
            return _to_sign_in(request)
        region = get_object_or_404(Region, code=kwargs["region_code"])
        if not access.can_read_region(signed.user, region):
            raise Http404
        return view(signed, *args, **kwargs)

    return _mark(wrapper, "region")


def region_capability[**P, R: HttpResponseBase](
    capability: Capability,
) -> Callable[[SignedInView[P, R]], GuardedView[P, R]]:
    """The URL names a region by ``region_code``; the user needs ``capability`` across it
    (``access.can_in_region``). Anyone with a register role confirms two-factor first."""

    def decorator(view: SignedInView[P, R]) -> GuardedView[P, R]:
        @wraps(view)
        def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseRedirect:
            signed = _signed_in_user(request)
            if signed is None:
                return _to_sign_in(request)
            region = get_object_or_404(Region, code=kwargs["region_code"])
            if not access.can_in_region(signed.user, capability, region):
                raise Http404
            if access.can_see_register(signed.user):
                denied = _require_two_factor(signed)
                if denied:
                    return denied
            return view(signed, *args, **kwargs)

        return _mark(wrapper, f"region:{capability}")

    return decorator
