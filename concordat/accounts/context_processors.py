"""The service's frame: the links in every page's header, navigation and footer.

This is the one module allowed to name any app's pages. Apps link only to the apps below them
(tests/test_architecture.py reads URL names as it reads imports), but the frame and the signed-in home
page must reach every part of the service, so their links are built here and handed to the templates
(govuk/base.html, accounts/home.html) as ``site_links``. See docs/decisions/0007-one-place-links-every-app.md.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import get_script_prefix, get_urlconf, reverse

from concordat.accounts import access
from concordat.accounts.models import Role, User

# Each part of the service's front door, by the key the templates use.
_SITE_PAGES = {
    "public_home": "public:home",
    "accessibility": "public:accessibility",
    "privacy": "public:privacy",
    "cookies": "public:cookies",
    "sign_in": "accounts:login",
    "sign_out": "accounts:logout",
    "returns": "returns:home",
    "rounds": "returns:round_list",
    "questionnaires": "questionnaires:index",
    "register": "register:home",
    "commitments": "commitments:commitment_list",
    "public_commitments": "commitments:public_index",
    "easy_read": "public:easy_read",
    "analysis": "analysis:index",
    "board": "commitments:board",
    "email_choices": "notifications:preferences",
    "outbox": "notifications:outbox",
    "reminders": "reminders:index",
    "cross_check": "register:cross_check",
}


# The frame's links, reversed once per URLconf and prefix: twenty ``reverse`` calls on every page cost more
# than the page's own links.
_frame_links: dict[tuple[str, Any, str], dict[str, str]] = {}


def _site_links() -> dict[str, str]:
    key = (get_script_prefix(), get_urlconf(), str(settings.LOGIN_REDIRECT_URL))
    links = _frame_links.get(key)
    if links is None:
        links = {k: reverse(name) for k, name in _SITE_PAGES.items()}
        # Where signed-in people land: the project's setting, not a page of this app's choosing.
        links["signed_in_home"] = resolve_url(settings.LOGIN_REDIRECT_URL)
        _frame_links[key] = links
    return links


def site_frame() -> dict[str, Any]:
    """What the frame needs without a request or the database, so the 400 and 500 pages have it too."""
    return {"service_name": settings.SERVICE_NAME, "site_links": dict(_site_links())}


def landing_url(user: User) -> str:
    """The page for this person's work, where signing in takes them."""
    if access.is_national(user):
        return reverse("returns:round_list")  # the national overview: rounds and who has returned
    if access.lead_region_ids(user):
        return reverse("analysis:index")  # their region's analysis, figures and completeness
    if access.can_see_register(user):
        return reverse("register:home")
    if access.memberships(user):
        return reverse("returns:home")  # area editors, signatories and viewers: their returns
    # No area, region, national or register role: a signatory organisation's officer (or nobody yet).
    return reverse("commitments:commitment_list")


def _navigation_items(user: User, links: dict[str, str]) -> list[tuple[str, str]]:
    items = [("Your returns", links["returns"])]
    if access.is_national(user) or access.lead_region_ids(user):
        items.append(("Rounds", links["rounds"]))
    if access.can_see_register(user):
        items.append(("Register", links["register"]))
    items.append(("Commitments", links["commitments"]))
    if access.is_national(user) or access.lead_region_ids(user):
        items.append(("Analysis", links["analysis"]))
    if access.is_national(user):
        items.append(("Questionnaires", links["questionnaires"]))
        items.append(("Programme Board", links["board"]))
    return items


def region_figures_links(user: User) -> list[tuple[str, str]]:
    """The register figures of each region the user leads (disclosure-controlled, as published)."""
    return [
        (m.region.name, reverse("register:region_figures", args=[m.region.code]))
        for m in access.memberships(user)
        if m.role == Role.REGIONAL_LEAD and m.region is not None
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The frame, and the service navigation built from what the user may reach."""
    frame = site_frame()
    links = frame["site_links"]
    user = request.user
    figures_links: list[tuple[str, str]] = []
    if isinstance(user, User) and user.is_authenticated:
        items = _navigation_items(user, links)
        figures_links = region_figures_links(user)
    else:
        items = [("Commitments", links["public_commitments"])]
    # The item whose address is the longest prefix of this page's is the current one.
    matches = [url for _, url in items if request.path.startswith(url) and url != "/"]
    current = max(matches, key=len, default=None)
    return {
        **frame,
        "nav_items": [{"label": label, "url": url, "active": url == current} for label, url in items],
        "region_figures_links": figures_links,
    }
