from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from concordat.accounts import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The service navigation, built from what the user may reach."""
    from django.conf import settings

    user = request.user
    items: list[tuple[str, str]] = []
    if user.is_authenticated:
        items.append(("Your returns", reverse("returns:home")))
        if access.is_national(user) or access.lead_region_ids(user):
            items.append(("Rounds", reverse("returns:round_list")))
        if access.can_see_register(user):
            items.append(("Register", reverse("register:home")))
        items.append(("Commitments", reverse("commitments:commitment_list")))
        if access.is_national(user):
            items.append(("Analysis", reverse("analysis:index")))
            items.append(("Programme Board", reverse("commitments:board")))
    else:
        items.append(("Commitments", reverse("commitments:public_index")))
    # The item whose address is the longest prefix of this page's is the current one.
    matches = [url for _, url in items if request.path.startswith(url) and url != "/"]
    current = max(matches, key=len, default=None)
    return {
        "service_name": settings.SERVICE_NAME,
        "nav_items": [{"label": label, "url": url, "active": url == current} for label, url in items],
    }
