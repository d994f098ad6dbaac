"""Filling in a return: task list, section pages, completed-by details, attachments, check and submit."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from concordat.accounts.access import Capability, is_national
from concordat.accounts.decorators import area_scoped
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited, with_files
from concordat.questionnaires.models import Question, Section
from concordat.questionnaires.structure import sections_with_questions
from concordat.returns import access, actions, steps
from concordat.returns.content import draft_content
from concordat.returns.forms import AnswerForm, CompletedByForm
from concordat.returns.models import Return
from concordat.returns.panels import render_panel, render_panels
from concordat.returns.progress import section_progress, signatory_labels
from concordat.returns.since import since_last_round
from concordat.returns.table_form import ADD_ROW
from concordat.returns.typed_forms import TypedAnswerForm, answer_form
from concordat.returns.uploads import MAX_ATTACHMENT_LABEL, CheckedUpload, UploadRejected, check_upload


@area_scoped(Capability.READ)
def task_list(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    progress = section_progress(ret)
    national = is_national(request.user)
    return render(
        request,
        "returns/task_list.html",
        {
            "ret": ret,
            "progress": progress,
            "completed_sections": sum(1 for p in progress if p.status == "Completed"),
            "can_edit": access.can_edit(request.user, ret),
            "can_correct": national and access.can_correct(ret),
            # Shown only while a query is open or answered.
            "last_query": access.latest_query(ret) if ret.state in ("queried", "answered") else None,
            "next_steps": steps.next_steps(request.user, ret),
            "waiting": steps.waiting(ret),
            "corrections": access.corrections_of(ret),
            "is_national": national,
            "carried_from": access.carried_from(ret),
            "to_confirm": sum(p.to_confirm for p in progress),
        },
    )


def _section_or_404(ret: Return, number: str) -> Section:
    """The section with its questions (``questions.all()``, in order) from the questionnaire's structure."""
    for section in sections_with_questions(ret.round.questionnaire):
        if section.number == number:
            return section
    raise Http404("No such section.")


Errors = list[tuple[str, str]]


def _checked_uploads(
    forms: list[AnswerForm | TypedAnswerForm],
) -> tuple[dict[Question, CheckedUpload], Errors]:
    """Each form validated, and its new attachment (if any) checked; (field id, message) per problem."""
    uploads: dict[Question, CheckedUpload] = {}
    errors: Errors = []
    for form in forms:
        if not form.is_valid():
            errors.extend(
                (f"{form.prefix}-{name}", str(e)) for name, errs in form.errors.items() for e in errs
            )
            continue
        upload = form.cleaned_data.get("attachment")
        if upload:
            try:
                uploads[form.question] = check_upload(upload)
            except UploadRejected as exc:
                form.add_error("attachment", str(exc))
                errors.append((f"{form.prefix}-attachment", f"Question {form.question.number}: {exc}"))
    return uploads, errors


def _save_section(
    request: AuthenticatedHttpRequest,
    ret: Return,
    forms: list[AnswerForm | TypedAnswerForm],
    uploads: dict[Question, CheckedUpload],
) -> tuple[Errors, list[actions.Conflict]]:
    """Save the section's valid forms; what stopped the save (nothing when it was saved)."""
    try:
        actions.save_section(
            ret,
            {f.question: f.cleaned_data for f in forms},
            revisions={f.question.pk: f.base_revision for f in forms},
            uploads=uploads,
            acting_user=request.user,
            confirm=[f.question.pk for f in forms if f.confirms_carried],
        )
    except actions.StaleEdit as exc:
        return [("", exc.message)], exc.conflicts
    except actions.ActionError as exc:
        return [("", exc.message)], []
    return [], []


@area_scoped(Capability.EDIT)
@rate_limited("upload", when=with_files)
def section_edit(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, section: str
) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code, write=True)
    sec = _section_or_404(ret, section)
    if not access.can_edit(request.user, ret):
        messages.info(request, "This return cannot be changed now.")
        return redirect("returns:task_list", round_slug, ons_code)
    questions = list(sec.questions.all())
    answers = access.answers_to(ret, questions)
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES) if posted else (None, None)
    added = request.GET.get("add", "")  # the table "Add another row" was pressed on
    forms = [
        answer_form(data, files, question=q, answer=answers.get(q.pk), added=q.number == added)
        for q in questions
    ]
    errors: Errors = []
    conflicts: list[actions.Conflict] = []
    if posted:
        uploads, errors = _checked_uploads(forms)
        if not errors:
            errors, conflicts = _save_section(request, ret, forms, uploads)
        if not errors:
            messages.success(request, f"Section {sec.number} saved as a draft.")
            grown = next((f.question.number for f in forms if f"{f.prefix}-{ADD_ROW}" in request.POST), None)
            if grown:
                url = reverse("returns:section_edit", args=[round_slug, ons_code, sec.number])
                return redirect(f"{url}?{urlencode({'add': grown})}")
            if "save_and_stay" in request.POST or uploads:
                return redirect("returns:section_edit", round_slug, ons_code, sec.number)
            return redirect("returns:task_list", round_slug, ons_code)
    return render(
        request,
        "returns/section_edit.html",
        {
            "ret": ret,
            "section": sec,
            "forms": forms,
            "errors": errors,
            "conflicts": conflicts,
            "max_attachment": MAX_ATTACHMENT_LABEL,
            "panel": render_panel(request, ret, sec),
        },
    )


@area_scoped(Capability.EDIT)
def completed_by(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = access.get_return_for_user(request.user, round_slug, ons_code, write=True)
    if not access.can_edit(request.user, ret):
        return redirect("returns:task_list", round_slug, ons_code)
    initial = {
        "name": ret.completed_by_name,
        "organisation": ret.completed_by_organisation or ret.area.name,
        "contact": ret.completed_by_contact,
        "revision": ret.details_revision,
    }
    form = CompletedByForm(request.POST or None, initial=initial)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_completed_by(
                ret,
                form.cleaned_data,
                revision=form.cleaned_data.get("revision") or 0,
                acting_user=request.user,
            )
        except actions.ActionError as exc:
            errors.append(("", exc.message))
        else:
            messages.success(request, "Details saved.")
            return redirect("returns:task_list", round_slug, ons_code)
    return render(request, "returns/completed_by.html", {"ret": ret, "form": form, "errors": errors})


@area_scoped(Capability.READ)
def attachment_download(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, attachment_id: int
) -> HttpResponseBase:
    attachment = access.get_attachment_for_user(request.user, round_slug, ons_code, attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Always a download, never rendered inline: evidence files are not trusted content.
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


@require_POST
@area_scoped(Capability.EDIT)
def attachment_remove(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, attachment_id: int
) -> HttpResponse:
    attachment = access.get_attachment_for_user(request.user, round_slug, ons_code, attachment_id)
    section = attachment.answer.question.section.number
    try:
        actions.remove_attachment(attachment, acting_user=request.user)
    except actions.ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{attachment.original_name} removed from the draft.")
    return redirect("returns:section_edit", round_slug, ons_code, section)


@area_scoped(Capability.READ)
def check_answers(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    """Check your answers; editors submit from here."""
    ret = access.get_return_for_user(request.user, round_slug, ons_code)
    content = draft_content(ret) if ret.pk else {"answers": {}, "completed_by": {"name": ""}}
    sections = sections_with_questions(ret.round.questionnaire)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        if not access.can_edit(request.user, ret):
            return redirect("returns:task_list", round_slug, ons_code)
        try:
            version = actions.submit_return(ret, acting_user=request.user)
        except actions.SubmitProblems as exc:
            errors = exc.problems
        except actions.ActionError as exc:
            errors = [("", exc.message)]
        else:
            messages.success(
                request, f"Version {version.number} submitted. The three signatories can now sign it."
            )
            return redirect("returns:version_detail", round_slug, ons_code, version.number)
    return render(
        request,
        "returns/check_answers.html",
        {
            "ret": ret,
            "content": content,
            "sections": sections,
            "panels": render_panels(request, ret, sections),
            "errors": errors,
            "can_edit": access.can_edit(request.user, ret),
            "signatories": signatory_labels(ret),
            "since": since_last_round(ret, content),
        },
    )
