import base64
import math
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render, resolve_url
from django.template import loader
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts import access
from concordat.accounts.actions import confirm_totp_device, send_enrolment_link
from concordat.accounts.context_processors import landing_url, site_frame
from concordat.accounts.decorators import public, signed_in
from concordat.accounts.enrolment import check_token as check_enrolment_token
from concordat.accounts.forms import SignInForm, TokenForm
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited
from concordat.accounts.two_factor import verify_session

login = public(
    rate_limited("sign_in")(
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        )
    )
)
logout = public(auth_views.LogoutView.as_view())


@signed_in
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's roles, and where each lets them go."""
    return render(
        request,
        "accounts/home.html",
        {
            "memberships": access.memberships(request.user),
            "is_national": access.is_national(request.user),
            "leads_region": bool(access.lead_region_ids(request.user)),
            "can_see_register": access.can_see_register(request.user),
            "can_approve_roles": access.can_approve_role_grants(request.user),
        },
    )


@signed_in
def landing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where signing in leads: the page for this person's work (``landing_url``)."""
    return redirect(landing_url(request.user))


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@signed_in
def two_factor(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enter a code from the authenticator app: before person-level records, and again before managing
    accounts once the last code is old. Without an app, the person asks for a one-time link by email."""
    device = access.confirmed_totp_device(request.user)
    if device is None:
        return _send_enrolment_link(request)
    return _enter_code(request, device, setting_up=False)


@rate_limited("enrolment_link")
def _send_enrolment_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        send_enrolment_link(request.user)
        messages.success(request, f"We have sent a link to {_masked(request.user.email)}. It works once.")
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_link.html", {"email": _masked(request.user.email)})


def _masked(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:1]}{'*' * max(1, len(name) - 1)}@{domain}" if domain else "your email address"


@signed_in
def two_factor_enrol(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """The page the one-time link opens: only for the person it was sent to, while it is live."""
    device = check_enrolment_token(request.user, token)
    if device is None:
        return render(request, "accounts/two_factor_link_expired.html")
    return _enter_code(request, device, setting_up=True)


def _enter_code(request: AuthenticatedHttpRequest, device: TOTPDevice, *, setting_up: bool) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = _throttled_message(device)
        if throttled:
            form.add_error("code", throttled)
        elif device.verify_token(form.cleaned_data["code"]):
            if setting_up:
                confirm_totp_device(device, acting_user=request.user)
            verify_session(request, device)
            messages.success(request, "You have confirmed your identity with your authenticator app.")
            return redirect(_safe_next(request))
        else:
            form.add_error("code", "The code is not right. Check the app and enter the newest code")
    context: dict[str, Any] = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
    if setting_up:
        context["qr_svg"] = segno.make(device.config_url).svg_inline(scale=4, title="QR code to scan")
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


def _throttled_message(device: TOTPDevice) -> str | None:
    """Why django-otp will not check a code yet, and for how long, after wrong codes."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return "Too many wrong codes. Wait a minute, then enter the newest code from the app"
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return (
        f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''}, "
        "then enter the newest code from the app"
    )


# Django renders the 400 and 500 pages without context processors (so a failing database cannot fail them
# too); these hand them the frame's links, which need neither a request nor the database.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(loader.get_template("400.html").render(site_frame()))


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render(site_frame()))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused for its CSRF token (CSRF_FAILURE_VIEW): what to do, on a GOV.UK page."""
    return render(request, "403_csrf.html", status=403)
