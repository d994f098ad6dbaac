"""Signed-in pages: the commitment list, a commitment's history, recording an update, challenging."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from concordat.accounts.access import is_national
from concordat.accounts.decorators import signed_in
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited, with_files
from concordat.commitments import access, actions
from concordat.commitments.forms import ChallengeForm, CommitmentFilterForm, StatusUpdateForm
from concordat.commitments.status import commitments_with_owners, statuses_as_at
from concordat.govuk.pagination import paginate
from concordat.returns.uploads import UploadRejected, check_upload

Errors = list[tuple[str, str]]


def form_errors(form: object, prefix: str = "id_") -> Errors:
    """(anchor, message) pairs for the error summary, in field order."""
    errors = getattr(form, "errors", {})
    return [
        (f"{prefix}{name}" if name != "__all__" else "", str(e))
        for name, errs in errors.items()
        for e in errs
    ]


@signed_in
def commitment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommitmentFilterForm(request.GET or None)
    today = timezone.localdate()
    as_at = today
    commitments = commitments_with_owners()
    status = ""
    overdue_only = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        as_at = data["as_at"] or today
        if data["organisation"]:
            commitments = commitments.filter(owners__slug=data["organisation"])
        if data["theme"]:
            commitments = commitments.filter(theme__slug=data["theme"])
        status, overdue_only = data["status"], data["overdue"]
    rows = statuses_as_at(as_at, commitments.distinct())
    if status:
        rows = [r for r in rows if r.status == status]
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    page = paginate(request, rows)
    return render(
        request,
        "commitments/commitment_list.html",
        {
            "form": form,
            "rows": page.items,
            "page": page,
            "as_at": as_at,
            "errors": form_errors(form) if form.is_bound else [],
        },
    )


@signed_in
def commitment_detail(request: AuthenticatedHttpRequest, commitment_ref: str) -> HttpResponse:
    commitment = access.get_commitment_for_user(request.user, commitment_ref)
    as_at = timezone.localdate()
    current = statuses_as_at(as_at, [commitment])[0]
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "current": current,
            "as_at": as_at,
            "updates": access.updates_for_user(request.user, commitment),
            "challenges": access.challenges_for_user(request.user, commitment),
            "risks": access.commitment_risks_for_user(request.user, commitment),
            "same_as": commitment.same_as.all(),
            "can_update": access.can_update(request.user, commitment),
            "can_challenge": access.can_challenge(request.user, commitment),
            "is_national": is_national(request.user),
        },
    )


@signed_in
@rate_limited("upload", when=with_files)
def update_record(request: AuthenticatedHttpRequest, commitment_ref: str) -> HttpResponse:
    """Record a status update. Users who may not update are sent back (GET) or refused (POST)."""
    commitment = access.get_commitment_for_user(request.user, commitment_ref, write=request.method == "POST")
    if not access.can_update(request.user, commitment):
        messages.info(
            request, "Only the organisations that own this commitment, and the national team, can update it."
        )
        return redirect("commitments:commitment_detail", commitment.ref)
    today = timezone.localdate()
    form = StatusUpdateForm(request.POST or None, request.FILES or None, initial={"as_at": today})
    errors: Errors = []
    if request.method == "POST":
        upload = None
        if form.is_valid() and form.cleaned_data.get("evidence"):
            try:
                upload = check_upload(form.cleaned_data["evidence"])
            except UploadRejected as exc:
                form.add_error("evidence", str(exc))
        if form.is_valid():
            try:
                actions.record_status_update(
                    commitment,
                    as_at=form.cleaned_data["as_at"],
                    status=form.cleaned_data["status"],
                    narrative=form.cleaned_data["narrative"],
                    evidence_links=form.cleaned_data["evidence_links"],
                    evidence=upload,
                    acting_user=request.user,
                )
            except actions.ActionError as exc:
                errors.append(("", exc.message))
            else:
                messages.success(request, f"Update recorded for {commitment.ref}.")
                return redirect("commitments:commitment_detail", commitment.ref)
        errors = form_errors(form) + errors
    return render(
        request,
        "commitments/update_record.html",
        {
            "commitment": commitment,
            "form": form,
            "errors": errors,
            "organisations": access.acting_organisations(request.user, commitment),
        },
    )


@signed_in
def challenge_record(request: AuthenticatedHttpRequest, commitment_ref: str) -> HttpResponse:
    """Another organisation's comment or challenge. Users who may not challenge are sent back or refused."""
    commitment = access.get_commitment_for_user(request.user, commitment_ref)
    if not access.can_challenge(request.user, commitment):
        if request.method == "POST":
            raise PermissionDenied
        messages.info(request, "Only users of another signatory organisation can challenge this commitment.")
        return redirect("commitments:commitment_detail", commitment.ref)
    form = ChallengeForm(request.POST or None)
    errors: Errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.record_challenge(commitment, text=form.cleaned_data["text"], acting_user=request.user)
            except actions.ActionError as exc:
                errors.append(("", exc.message))
            else:
                messages.success(request, f"Challenge recorded on {commitment.ref}.")
                return redirect("commitments:commitment_detail", commitment.ref)
        errors = form_errors(form) + errors
    return render(
        request,
        "commitments/challenge_record.html",
        {
            "commitment": commitment,
            "form": form,
            "errors": errors,
            "organisation": access.challenging_organisations(request.user, commitment)[0],
        },
    )


@signed_in
def evidence_download(
    request: AuthenticatedHttpRequest, commitment_ref: str, update_id: int
) -> HttpResponseBase:
    commitment = access.get_commitment_for_user(request.user, commitment_ref)
    update = access.get_status_update_for_user(request.user, commitment, update_id)
    if not update.evidence_file:
        raise Http404
    try:
        handle = update.evidence_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Always a download, never rendered inline: evidence files are not trusted content.
    return FileResponse(
        handle, as_attachment=True, filename=update.evidence_name, content_type=update.evidence_content_type
    )
