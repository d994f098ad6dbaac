"""Pages anyone can read, without signing in."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from concordat.accounts.decorators import public
from concordat.areas.models import Area, Region
from concordat.commitments.access import latest_publication
from concordat.public import access
from concordat.public.accessibility_record import last_check
from concordat.public.easy_read_pdf import pdf_response
from concordat.public.finding import find_areas
from concordat.public.positions import area_position, people_over_time
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
    query = request.GET.get("q", "").strip()[:100]
    matches = find_areas(query) if query else None
    return render(request, "public/area_list.html", {"regions": regions, "query": query, "matches": matches})


def _area_context(ons_code: str) -> dict[str, object]:
    area = get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)
    item = access.latest_live_item(area, timezone.localdate())
    return {
        "area": area,
        "facts": area_facts(area, public_rounds()),
        "people": people_figures(area),
        "position": area_position(area, item) if item else None,
        "over_time": people_over_time(area),
        "commitments_update": latest_publication(),
        "support_email": settings.SUPPORT_EMAIL,
    }


@public
def area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    return render(request, "public/area_detail.html", _area_context(ons_code))


@public
def area_easy_read(request: HttpRequest, ons_code: str) -> HttpResponse:
    """The area's Easy Read page; ``?format=pdf`` gives it as a PDF file."""
    context = _area_context(ons_code)
    if request.GET.get("format") == "pdf":
        title = f"Easy Read: {context['area']}"
        return pdf_response(
            request, "public/_area_easy_read_ideas.html", title, context, f"easy-read-{ons_code}"
        )
    return render(request, "public/area_easy_read.html", context)


@public
def easy_read(request: HttpRequest) -> HttpResponse:
    """The programme in Easy Read; ``?format=pdf`` gives it as a PDF file."""
    context = {"progress": [round_progress(r) for r in public_rounds()]}
    if request.GET.get("format") == "pdf":
        title = "Easy Read: getting people out of hospital"
        return pdf_response(request, "public/_easy_read_ideas.html", title, context, "easy-read")
    return render(request, "public/easy_read.html", context)


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "public/accessibility.html", {"support_email": settings.SUPPORT_EMAIL, "check": last_check()}
    )


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.html")


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "public/cookies.html")
