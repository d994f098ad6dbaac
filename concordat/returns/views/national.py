"""The national team's and regional leads' views of a round."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concordat.accounts import access as account_access
from concordat.accounts.decorators import national_only, overview
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.govuk.pagination import paginate
from concordat.questionnaires.models import Questionnaire, Section
from concordat.returns import access, actions
from concordat.returns.forms import (
    AnswerForm,
    CompletenessFilterForm,
    CorrectionReasonForm,
    ReasonForm,
    RoundForm,
)
from concordat.returns.models import ReturnState, Round
from concordat.returns.progress import CompletenessRow, completeness_csv_rows
from concordat.returns.progress import completeness as completeness_rows
from concordat.returns.typed_forms import TypedAnswerForm, answer_form
from concordat.returns.vocabulary import SIGNATORY_ROLES


@overview
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rounds = Round.objects.select_related("questionnaire")
    return render(
        request,
        "returns/round_list.html",
        {"rounds": rounds, "is_national": account_access.is_national(request.user)},
    )


@national_only
def round_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    latest = {}
    for questionnaire in Questionnaire.objects.order_by("slug", "version"):
        latest[questionnaire.slug] = questionnaire
    choices = [(str(q.pk), f"{q.title} (version {q.version})") for q in latest.values()]
    rounds = [(r.slug, r.title) for r in Round.objects.order_by("-opens_on", "slug")]
    form = RoundForm(request.POST or None, questionnaires=choices, rounds=rounds)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        carry_from = form.cleaned_data["carry_from"]
        try:
            rnd = actions.create_round(
                slug=form.cleaned_data["slug"],
                title=form.cleaned_data["title"],
                questionnaire=Questionnaire.objects.get(pk=form.cleaned_data["questionnaire"]),
                opens_on=form.cleaned_data["opens_on"],
                deadline=form.cleaned_data["deadline"],
                acting_user=request.user,
                carry_from=access.get_round(carry_from) if carry_from else None,
            )
        except actions.ActionError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                errors.append(("", exc.message))
        else:
            messages.success(request, f"{rnd.title} created as a draft. Open it when areas should start.")
            return redirect("returns:round_list")
    return render(request, "returns/round_create.html", {"form": form, "errors": errors})


@require_POST
@national_only
def round_state(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    rnd = access.get_round(round_slug)
    try:
        if request.POST.get("action") == "open":
            actions.open_round(rnd, acting_user=request.user)
            messages.success(request, f"{rnd.title} is open. Areas can now fill in their returns.")
        elif request.POST.get("action") == "close":
            actions.close_round(rnd, acting_user=request.user)
            messages.success(request, f"{rnd.title} is closed. Returns can no longer be changed.")
        else:
            messages.error(request, "Choose whether to open or close the round.")
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    return redirect("returns:round_list")


@overview
def completeness(request: AuthenticatedHttpRequest, round_slug: str) -> HttpResponse:
    """All areas' positions in a round (a regional lead sees their region's)."""
    rnd = access.get_round(round_slug)
    regions = list(account_access.readable_regions(request.user))
    form = CompletenessFilterForm(request.GET or None)
    form.fields["region"].choices = [("", "All regions"), *((r.code, r.name) for r in regions)]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    form.fields["state"].choices = [("", "All statuses"), *ReturnState.choices]  # type: ignore[attr-defined]  # a ChoiceField; fields[] is typed Field
    areas = account_access.readable_areas(request.user)
    state = ""
    if form.is_valid():
        if form.cleaned_data["region"]:
            areas = areas.filter(region__code=form.cleaned_data["region"])
        state = form.cleaned_data["state"]
    as_at = timezone.localdate()
    rows = completeness_rows(rnd, areas, as_at=as_at)
    if state:
        rows = [r for r in rows if r.state == state]
    if request.GET.get("format") == "csv":
        return _completeness_csv(rnd, rows)
    counts = {label: sum(1 for r in rows if r.state == value) for value, label in ReturnState.choices}
    page = paginate(request, rows)
    return render(
        request,
        "returns/completeness.html",
        {
            "round": rnd,
            "rows": page.items,
            "page": page,
            "form": form,
            "counts": counts,
            "late": sum(1 for r in rows if r.late),
            "as_at": as_at,
            "signatory_order": SIGNATORY_ROLES,
            "query_string": request.GET.urlencode(),
        },
    )


def _completeness_csv(rnd: Round, rows: list[CompletenessRow]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{rnd.slug}-completeness.csv"'
    csv.writer(response).writerows(completeness_csv_rows(rows))
    return response


@national_only
def reopen(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    form = ReasonForm(request.POST or None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.reopen_return(ret, acting_user=request.user, reason=form.cleaned_data["reason"])
        except actions.ActionError as exc:
            errors.append(("", exc.message))
        else:
            messages.success(request, f"{ret.area.name}'s return is reopened for changes.")
            return redirect("returns:task_list", round_slug, ons_code)
    return render(request, "returns/reopen.html", {"ret": ret, "form": form, "errors": errors})


@national_only
def audit_trail(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    page = paginate(request, access.audit_events_of(ret))
    return render(request, "returns/audit_trail.html", {"ret": ret, "events": page.items, "page": page})


@national_only
def section_correct(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, section: str
) -> HttpResponse:
    """Correct a section's answers on the area's behalf: a distinct, reasoned, audited action (the national
    team does not edit returns)."""
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    sec = get_object_or_404(Section, questionnaire=ret.round.questionnaire, number=section)
    if not access.can_correct(ret):
        messages.info(request, "This return cannot be changed now.")
        return redirect("returns:task_list", round_slug, ons_code)
    questions = list(sec.questions.order_by("position"))
    answers = access.answers_to(ret, questions)
    data = request.POST if request.method == "POST" else None
    forms = [answer_form(data, None, question=q, answer=answers.get(q.pk)) for q in questions]
    reason_form = CorrectionReasonForm(data)
    errors: list[tuple[str, str]] = []
    if data is not None:
        errors = _correction_errors(forms, reason_form)
        if not errors:
            try:
                changed = actions.correct_answers(
                    ret,
                    {f.question: f.cleaned_data for f in forms},
                    revisions={f.question.pk: f.base_revision for f in forms},
                    reason=reason_form.cleaned_data["reason"],
                    acting_user=request.user,
                )
            except actions.ActionError as exc:
                errors = [("id_reason" if exc.field == "reason" else "", exc.message)]
            else:
                messages.success(
                    request,
                    f"Question {', '.join(changed)} corrected on {ret.area.name}'s behalf. "
                    "The area must submit the return again and its signatories sign it.",
                )
                return redirect("returns:task_list", round_slug, ons_code)
    context = {"ret": ret, "section": sec, "forms": forms, "errors": errors, "conflicts": []}
    return render(request, "returns/section_edit.html", {**context, "reason_form": reason_form})


def _correction_errors(
    forms: list[AnswerForm | TypedAnswerForm], reason_form: CorrectionReasonForm
) -> list[tuple[str, str]]:
    errors = [
        (f"{form.prefix}-{name}", str(e))
        for form in forms
        if not form.is_valid()
        for name, errs in form.errors.items()
        for e in errs
    ]
    if not reason_form.is_valid():
        errors += [("id_reason", str(e)) for e in reason_form.errors.get("reason", [])]
    return errors
