"""Pages anyone can read, without signing in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from concordat.accounts.decorators import public
from concordat.areas.models import Area, Region
from concordat.public.progress import area_facts, people_figures, public_rounds, round_progress


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/home.html",
        {"progress": [round_progress(r) for r in public_rounds()], "people": people_figures(None)},
    )


@public
def area_list(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.prefetch_related("areas").order_by("name")
    return render(request, "public/area_list.html", {"regions": regions})


@public
def area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)
    return render(
        request,
        "public/area_detail.html",
        {"area": area, "facts": area_facts(area, public_rounds()), "people": people_figures(area)},
    )


@public
def easy_read(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/easy_read.html", {"progress": [round_progress(r) for r in public_rounds()]}
    )


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "public/cookies.html")
