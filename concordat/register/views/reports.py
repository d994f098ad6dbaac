"""Snapshots, figures (area, region, England), overdue milestones, the March 2014 return, cross-check."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from concordat.accounts import access as accounts_access
from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped, overview, region_capability, register_role
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.areas.models import Region
from concordat.govuk.pagination import paginate
from concordat.register import access, actions, disclosure, figures, march_return, milestones
from concordat.register.cross_check import cross_check as find_mismatches
from concordat.register.forms import SnapshotForm
from concordat.register.models import Snapshot


def _chosen_snapshot(request: AuthenticatedHttpRequest) -> Snapshot | None:
    """The snapshot asked for (``?as_at=YYYY-MM-DD``), else the latest; None for a date with none."""
    wanted = request.GET.get("as_at", "")
    if not wanted:
        return access.get_snapshot_for_user(request.user)
    try:
        as_at = date.fromisoformat(wanted)
    except ValueError:
        return None
    return access.get_snapshot_for_user(request.user, as_at)


def _figures_page(
    request: AuthenticatedHttpRequest,
    scope: figures.Scope,
    result: figures.Figures | None,
    *,
    public: bool,
    **extra: Any,
) -> HttpResponse:
    shown = None
    if result is not None:
        shown = figures.publish(result) if public else figures.as_dict(result)
        shown["shares"] = [
            {"label": label, **shown[name], "bar": result.share(name)}
            for name, label in figures.Figures.SHARES
        ]
    return render(
        request,
        "register/figures.html",
        {
            "scope": scope,
            "figures": shown,
            "public": public,
            "snapshots": access.snapshots_for_user(request.user)[:36],
            "in_register": accounts_access.can_see_register(request.user),
            **extra,
        },
    )


def _area_source(request: AuthenticatedHttpRequest) -> figures.Source:
    """``?as_at=``'s snapshot, or that date live when none was taken; else the latest snapshot; ``?live=1``
    (or no snapshot at all) is the live register today."""
    today = timezone.localdate()
    if request.GET.get("live"):
        return figures.Source(today, None)
    try:
        as_at = date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError:
        latest = access.get_snapshot_for_user(request.user)
        return figures.Source(latest.as_at if latest else today, latest)
    return figures.Source(as_at, access.get_snapshot_for_user(request.user, as_at))


@area_scoped(Capability.READ_REGISTER)
def area_figures(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code)
    scope = figures.Scope.for_area(area)
    source = _area_source(request)
    result = figures.from_source(source, scope)
    return _figures_page(
        request,
        scope,
        result,
        public=False,
        area=area,
        snapshot=source.snapshot,
        source=source,
        live=source.live,
    )


@register_role
def england_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    snapshot = _chosen_snapshot(request)
    scope = figures.Scope.england()
    result = figures.for_snapshot(snapshot, scope) if snapshot else None
    return _figures_page(request, scope, result, public=False, snapshot=snapshot)


@region_capability(Capability.READ_FIGURES)
def region_figures(request: AuthenticatedHttpRequest, region_code: str) -> HttpResponse:
    """A region covers other areas' people: disclosure control unless the user reads every area.

    Any register role sees any region's; a regional lead (no register role) sees their own region's."""
    region = get_object_or_404(Region, code=region_code)
    snapshot = _chosen_snapshot(request)
    scope = figures.Scope.for_region(region)
    result = figures.for_snapshot(snapshot, scope) if snapshot else None
    public = not accounts_access.is_national_register_analyst(request.user)
    may_cross_check = accounts_access.can_read_region(request.user, region)  # the cross-check's own rule
    return _figures_page(
        request, scope, result, public=public, snapshot=snapshot, may_cross_check=may_cross_check
    )


@register_role
def snapshots(request: AuthenticatedHttpRequest) -> HttpResponse:
    may_take = accounts_access.is_national_register_analyst(request.user)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST":
        access.require_snapshot_rights(request.user)
        if form.is_valid():
            try:
                snapshot = actions.take_snapshot(
                    form.cleaned_data["as_at"], request.user, today=timezone.localdate()
                )
            except actions.ActionError as exc:
                form.add_error("as_at", exc.message)
            else:
                messages.success(request, f"{snapshot} taken: {snapshot.people:,} people frozen.")
                return redirect("register:snapshots")
    return render(
        request,
        "register/snapshots.html",
        {"snapshots": access.snapshots_for_user(request.user), "form": form, "may_take": may_take},
    )


def _as_at(request: AuthenticatedHttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError:
        return timezone.localdate()


@area_scoped(Capability.READ_REGISTER)
def overdue(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code)
    lists = milestones.overdue(area, _as_at(request))
    # Each list pages on its own; only the people on the pages shown are read, so only they are logged.
    pages = {
        "review": paginate(request, lists.review, param="review_page"),
        "health_check": paginate(request, lists.health_check, param="health_check_page"),
        "no_plan": paginate(request, lists.no_plan, param="no_plan_page"),
    }
    shown = {p.pk: p for p in pages["no_plan"].items}
    shown |= {p.pk: p for key in ("review", "health_check") for p, _ in pages[key].items}
    people = list(shown.values())
    actions.log_read(request.user, people, verb="register.person.listed", how="overdue milestones")
    return render(request, "register/overdue.html", {"area": area, "lists": lists, "pages": pages})


@area_scoped(Capability.READ_REGISTER)
def march_2014_return(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code)
    source = march_return.source()
    lines = march_return.lines(area, source)
    actions.log_read(
        request.user, [ln.person for ln in lines], verb="register.person.listed", how="March 2014 return"
    )
    return render(
        request,
        "register/march_return.html",
        {
            "area": area,
            "discharged": [ln for ln in lines if ln.discharged],
            "remaining": [ln for ln in lines if not ln.discharged],
            "headers": march_return.HEADERS,
            "as_at": march_return.AS_AT,
            "source": source,
        },
    )


@area_scoped(Capability.READ_REGISTER)
def march_2014_return_csv(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code)
    lines = march_return.lines(area)
    actions.log_read(
        request.user,
        [ln.person for ln in lines],
        verb="register.person.exported",
        how="March 2014 return CSV",
    )
    response = HttpResponse(march_return.as_csv(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="march-2014-return-{area.ons_code}.csv"'
    return response


@overview
def cross_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every area for the national team, their region's for a regional lead. Neither has register rights,
    so counts go through disclosure control."""
    national = accounts_access.is_national(request.user)
    areas = None if national else accounts_access.readable_areas(request.user)
    rows = [
        {
            "mismatch": m,
            "in_hospital": disclosure.suppress_count(m.in_hospital).shown,
            "not_reviewed": disclosure.suppress_count(m.not_reviewed).shown,
        }
        for m in find_mismatches(areas=areas)
    ]
    regions = [] if national else list(accounts_access.readable_regions(request.user))
    return render(request, "register/cross_check.html", {"rows": rows, "regions": regions})
