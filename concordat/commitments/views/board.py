"""The national team's pages: the Programme Board view, the risk log, and publishing an update."""

import calendar
import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.commitments import access, actions
from concordat.commitments.forms import BoardForm, PublishForm, RiskForm
from concordat.commitments.models import Risk, RiskStatus
from concordat.commitments.status import (
    STATUS_COLUMNS,
    counts_by_organisation,
    counts_by_theme,
    statuses_as_at,
    total_row,
)
from concordat.commitments.views.tracking import Errors, form_errors


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@national_only
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Milestones due in a period, overdue commitments, status counts and the risk log, as at a date."""
    form = BoardForm(request.GET or None)
    as_at = timezone.localdate()
    due_from = due_to = None
    if form.is_bound and form.is_valid():
        as_at = form.cleaned_data["as_at"] or as_at
        due_from, due_to = form.cleaned_data["due_from"], form.cleaned_data["due_to"]
    due_from = due_from or as_at
    due_to = due_to or add_months(due_from, 3)
    rows = statuses_as_at(as_at)
    risks = access.risks_for_user(request.user)
    return render(
        request,
        "commitments/board.html",
        {
            "form": form,
            "errors": form_errors(form) if form.is_bound else [],
            "as_at": as_at,
            "due_from": due_from,
            "due_to": due_to,
            "due": sorted(
                (r for r in rows if r.due_between(due_from, due_to)),
                key=lambda r: (r.commitment.window_end, r.commitment.position),
            ),
            "overdue": [r for r in rows if r.overdue],
            "columns": STATUS_COLUMNS,
            "by_organisation": counts_by_organisation(rows),
            "by_theme": counts_by_theme(rows),
            "total": total_row(rows),
            "risks": risks,
            "open_risks": sum(1 for r in risks if r.status == RiskStatus.OPEN),
        },
    )


def _risk_form(request: AuthenticatedHttpRequest, risk: Risk | None) -> HttpResponse:
    initial = {}
    if risk is not None:
        initial = {
            "title": risk.title,
            "description": risk.description,
            "owner": risk.owner.slug,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "mitigation": risk.mitigation,
            "review_date": risk.review_date,
            "commitments": ", ".join(risk.commitments.values_list("ref", flat=True)),
            "status": risk.status,
        }
    form = RiskForm(request.POST or None, initial=initial)
    errors: Errors = []
    if request.method == "POST":
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "commitments"}
            linked = form.cleaned_data["commitments"]
            try:
                if risk is None:
                    risk = actions.add_risk(values, linked, acting_user=request.user)
                    messages.success(request, f"Risk added: {risk.title}")
                else:
                    risk = actions.update_risk(risk, values, linked, acting_user=request.user)
                    messages.success(request, f"Risk updated: {risk.title}")
            except actions.ActionError as exc:
                errors.append(("", exc.message))
            else:
                return redirect("commitments:board")
        errors = form_errors(form) + errors
    return render(request, "commitments/risk_edit.html", {"form": form, "risk": risk, "errors": errors})


@national_only
def risk_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _risk_form(request, None)


@national_only
def risk_edit(request: AuthenticatedHttpRequest, risk_id: int) -> HttpResponse:
    return _risk_form(request, access.get_risk_for_user(request.user, risk_id))


@national_only
def publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Freeze every commitment's status as at a date and publish it on the public pages."""
    today = timezone.localdate()
    form = PublishForm(request.POST or None, initial={"as_at": today})
    errors: Errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                published = actions.publish_update(
                    form.cleaned_data["as_at"],
                    form.cleaned_data["title"],
                    form.cleaned_data["summary"],
                    acting_user=request.user,
                )
            except actions.ActionError as exc:
                errors.append(("", exc.message))
            else:
                messages.success(request, f"Published: {published.title}")
                return redirect("commitments:public_index")
        errors = form_errors(form) + errors
    return render(
        request,
        "commitments/publish.html",
        {
            "form": form,
            "errors": errors,
            "published": access.publications_for_user(request.user),
        },
    )
