"""Upload a completed return, check what was read beside the document's text, confirm it into the draft."""

from collections import Counter
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited
from concordat.imports import access, actions, comparing, offline
from concordat.imports.exporting import FORMATS
from concordat.imports.forms import ReviewAnswerForm, UploadForm
from concordat.imports.models import DocumentState, DocumentUpload, ImportedDocument, UploadState
from concordat.imports.reading import ReadingError
from concordat.questionnaires.models import Question
from concordat.returns import access as returns_access
from concordat.returns.actions import ActionError
from concordat.returns.forms import CompletedByForm
from concordat.returns.vocabulary import FORM_LABELS, status_of


@area_scoped(Capability.EDIT)
@rate_limited("import")
def upload(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    ret = returns_access.get_return_for_user(request.user, round_slug, ons_code, write=True)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    errors: list[tuple[str, str]] = []
    can_edit = returns_access.can_edit(request.user, ret)
    if posted and can_edit and form.is_valid():
        try:
            upload = actions.accept_upload(ret, form.cleaned_data["document"], acting_user=request.user)
        except (ReadingError, ActionError) as exc:
            form.add_error("document", exc.message)
        else:
            upload.refresh_from_db()  # a worker that runs tasks at once (the demo, tests) has read it already
            if upload.state == UploadState.FAILED:
                form.add_error("document", upload.message)
            else:
                return _after_reading(request, upload)
    if form.errors:
        errors = [(form["document"].auto_id, str(e)) for e in form.errors.get("document", [])]
    documents = access.documents_of_return(ret) if ret.pk else []
    formats = [(fmt, label) for fmt, (label, _) in FORMATS.items()]
    return render(
        request,
        "imports/document_upload.html",
        {
            "ret": ret,
            "form": form,
            "errors": errors,
            "can_edit": can_edit,
            "documents": documents,
            "formats": formats,
        },
    )


@area_scoped(Capability.EDIT)
def download_form(request: AuthenticatedHttpRequest, round_slug: str, ons_code: str) -> HttpResponse:
    """The form to fill offline: ``?format=docx|odt|xlsx``, with the area's draft unless ``&blank=1``."""
    ret = returns_access.get_return_for_user(request.user, round_slug, ons_code, write=True)
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        raise Http404("There is no form in that format.")
    exported = offline.export_form(ret, fmt, prefilled=request.GET.get("blank") != "1")
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def _after_reading(request: AuthenticatedHttpRequest, upload: DocumentUpload) -> HttpResponse:
    """The review page once the document is read; until then the page that waits for it."""
    document = upload.document
    slug, ons_code = upload.round.slug, upload.area.ons_code
    if upload.state == UploadState.READ and document is not None:
        if document.state == DocumentState.CONFIRMED:
            messages.info(request, "This file was uploaded before and is already in the draft.")
        return redirect("imports:review", slug, ons_code, document.pk)
    return redirect("imports:reading", slug, ons_code, upload.pk)


@area_scoped(Capability.EDIT)
def reading(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, document_upload_id: int
) -> HttpResponse:
    """ "Reading your document…": asks again (by script) until the reading is ready, or says why it failed."""
    upload = access.get_upload_for_user(request.user, round_slug, ons_code, document_upload_id, write=True)
    if upload.state == UploadState.READ:
        return _after_reading(request, upload)
    failed = upload.state == UploadState.FAILED
    errors = [("document-upload-again", upload.message)] if failed else []
    return render(
        request,
        "imports/document_reading.html",
        {"ret": upload.ret, "upload": upload, "failed": failed, "errors": errors, "refresh_seconds": 2},
    )


def _question_rows(
    document: ImportedDocument, questions: list[Question], data: Any
) -> list[tuple[Question, ReviewAnswerForm, dict[str, Any], list[str]]]:
    warnings: dict[str, list[str]] = {}
    for w in document.reading.get("warnings", []):
        if w.get("question"):
            warnings.setdefault(w["question"], []).append(w["message"])
    # Once confirmed or discarded, the draft has moved on: the page shows what was read, compared with none.
    comparisons = comparing.compare_with_draft(document) if document.state == DocumentState.READ else {}
    empty = comparing.Comparison(comparing.Effect.NOT_READ, None, 0)
    rows = []
    for question in questions:
        read = document.questions.get(question.number, {})
        comparison = comparisons.get(question.number, empty)
        initial = {
            **comparing.answer_values(read),
            "choice": comparing.Choice.KEEP_DRAFT,
            "draft_revision": comparison.revision,
        }
        form = ReviewAnswerForm(data, question=question, read=read, comparison=comparison, initial=initial)
        read = {**read, "status_label": FORM_LABELS[status_of(read.get("status"))]}
        if comparison.draft is not None:
            read["draft_status_label"] = FORM_LABELS[status_of(str(comparison.draft["status"]))]
        rows.append((question, form, read, warnings.get(question.number, [])))
    return rows


def _corrections(forms: list[ReviewAnswerForm], details: CompletedByForm) -> dict[str, Any]:
    """What the editor confirmed: corrected answers, their choices, and the draft revisions they compared."""
    answers, choices, seen = {}, {}, {}
    for form in forms:
        number = form.question.number
        values = dict(form.cleaned_data)
        if "choice" in values:
            choices[number] = values.pop("choice")
        seen[number] = values.pop("draft_revision") or 0
        answers[number] = values
    return {
        "answers": answers,
        "choices": choices,
        "seen_revisions": seen,
        "completed_by": details.cleaned_data,
    }


def _form_errors(forms: list[ReviewAnswerForm], details: CompletedByForm) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    for form in forms:
        for name, errs in form.errors.items():
            errors.extend((form[name].auto_id, f"Question {form.question.number}: {e}") for e in errs)
    for name, errs in details.errors.items():
        errors.extend((details[name].auto_id, str(e)) for e in errs)
    return errors


@area_scoped(Capability.EDIT)
def review(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, document_id: int
) -> HttpResponse:
    document = access.get_document_for_user(request.user, round_slug, ons_code, document_id, write=True)
    ret = document.ret
    editable = document.state == DocumentState.READ and returns_access.can_edit(request.user, ret)
    data = request.POST if request.method == "POST" and editable else None
    questions = list(
        Question.objects.filter(questionnaire=ret.round.questionnaire)
        .select_related("section")
        .order_by("position")
    )
    rows = _question_rows(document, questions, data)
    details = CompletedByForm(data, prefix="completed-by", initial=document.reading.get("completed_by", {}))
    errors: list[tuple[str, str]] = []
    if data is not None:
        forms = [form for _, form, _, _ in rows]
        if all(f.is_valid() for f in forms) and details.is_valid():
            try:
                actions.confirm_import(document, _corrections(forms, details), acting_user=request.user)
            except ActionError as exc:
                errors.append(("", exc.message))
            else:
                messages.success(
                    request, f"The answers from {document.original_name} are saved in the draft."
                )
                return redirect("returns:task_list", round_slug, ons_code)
        else:
            errors = _form_errors(forms, details)
    general_warnings = [w["message"] for w in document.reading.get("warnings", []) if not w.get("question")]
    effects = Counter(form.comparison.effect for _, form, _, _ in rows)
    return render(
        request,
        "imports/document_review.html",
        {
            "ret": ret,
            "document": document,
            "rows": rows,
            "details": details,
            "errors": errors,
            "editable": editable,
            "general_warnings": general_warnings,
            "found": sum(
                1 for r in document.questions.values() if r.get("decided_by") != "(question not found)"
            ),
            "to_check": document.needs_review_count,
            "effects": {effect.name: effects[effect] for effect in comparing.Effect},
        },
    )


@require_POST
@area_scoped(Capability.EDIT)
def discard(
    request: AuthenticatedHttpRequest, round_slug: str, ons_code: str, document_id: int
) -> HttpResponse:
    document = access.get_document_for_user(request.user, round_slug, ons_code, document_id, write=True)
    try:
        actions.discard_document(document, acting_user=request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{document.original_name} was discarded; nothing was saved from it.")
    return redirect("imports:upload", round_slug, ons_code)
