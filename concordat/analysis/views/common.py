"""Small helpers the analysis views share."""

from dataclasses import replace
from typing import Any

from django.http import HttpRequest

from ..forms import BasisForm
from ..sources import RoundData


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


def narrowed_to(data: RoundData, regions: set[str] | None) -> RoundData:
    """The round's areas and returns in ``regions`` only (None: all of them)."""
    if regions is None:
        return data
    areas = [a for a in data.areas if a.region_code in regions]
    codes = {a.ons_code for a in areas}
    return replace(
        data,
        areas=areas,
        returns=[r for r in data.returns if r.ons_code in codes],
        area_names={code: name for code, name in data.area_names.items() if code in codes},
    )
