"""Small helpers the analysis views share."""

from typing import Any

from django.http import HttpRequest

from ..forms import BasisForm


def basis_options(form: BasisForm) -> dict[str, Any]:
    """``provisional`` and ``as_at`` from a valid basis form (defaults otherwise)."""
    if not form.is_bound or not form.is_valid():
        return {"provisional": False, "as_at": None}
    return {
        "provisional": form.cleaned_data.get("basis") == "provisional",
        "as_at": form.cleaned_data.get("as_at"),
    }


def query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
