from django.urls import URLPattern, URLResolver, path

from concordat.accounts.decorators import public
from concordat.api import views
from concordat.api.main import api

app_name = "api"


def _declared(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Mark every API route with the access rule the URL matrix reads: a token decides (its table is in
    tests/test_api_access.py), except the OpenAPI document and open data, which anyone may read.
    ``/api/v1/`` itself is the reference page."""
    kept = [e for e in patterns if not (isinstance(e, URLPattern) and e.name == "api-root")]
    for entry in kept:
        if isinstance(entry, URLPattern):
            name = entry.name or ""
            rule = "public" if name.startswith("open") or name == "openapi-json" else "token"
            entry.callback.access_rule = rule  # type: ignore[attr-defined]  # read by the URL access test
    return kept


urlpatterns = [
    *_declared(api.urls[0]),
    path("", public(views.reference), name="api-root"),
]
