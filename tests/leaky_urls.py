"""A URLconf with one view that claims an area scope but never checks it: the matrix must catch it."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from concordat.accounts.decorators import signed_in


@signed_in
def leaky(request: HttpRequest, ons_code: str) -> HttpResponse:
    return HttpResponse("HARROW-ONLY-EVIDENCE-7731")


leaky.access_rule = "area:read"  # type: ignore[attr-defined]  # claims a scope it does not enforce

urlpatterns = [
    path("account/", include("concordat.accounts.urls")),
    path("", include("concordat.public.urls")),
    # The world submits returns, whose emails link to these.
    path("returns/", include("concordat.returns.urls")),
    path("emails/", include("concordat.notifications.urls")),
    path("leak/<str:ons_code>/", leaky, name="leak"),
]
