"""Upload a completed return, check what was read beside the document's text, confirm it into the draft."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited
from concordat.imports import access, actions
from concordat.imports.forms import ReviewAnswerForm, UploadForm
from concordat.imports.models import DocumentState, ImportedDocument
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
            document = actions.read_upload(ret, form.cleaned_data["document"], acting_user=request.user)
        except (ReadingError, ActionError) as exc:
            form.add_error("document", exc.message)
        else:
            if document.state == DocumentState.CONFIRMED:
                messages.info(request, "This file was uploaded before and is already in the draft.")
            return redirect("imports:review", round_slug, ons_code, document.pk)
    if form.errors:
        errors = [(form["document"].auto_id, str(e)) for e in form.errors.get("document", [])]
    documents = access.documents_of_return(ret) if ret.pk else []
    return render(
        request,
        "imports/document_upload.html",
        {"ret": ret, "form": form, "errors": errors, "can_edit": can_edit, "documents": documents},
    )


def _question_rows(
    document: ImportedDocument, questions: list[Question], data: Any
) -> list[tuple[Question, ReviewAnswerForm, dict[str, Any], list[str]]]:
    warnings: dict[str, list[str]] = {}
    for w in document.reading.get("warnings", []):
        if w.get("question"):
            warnings.setdefault(w["question"], []).append(w["message"])
    rows = []
    for question in questions:
        read = document.questions.get(question.number, {})
        initial = actions.answer_values(read)
        form = ReviewAnswerForm(data, question=question, read=read, initial=initial)
        read = {**read, "status_label": FORM_LABELS[status_of(read.get("status"))]}
        rows.append((question, form, read, warnings.get(question.number, [])))
    return rows


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
            corrections = {
                "answers": {f.question.number: f.cleaned_data for f in forms},
                "completed_by": details.cleaned_data,
            }
            try:
                actions.confirm_import(document, corrections, acting_user=request.user)
            except ActionError as exc:
                errors.append(("", exc.message))
            else:
                messages.success(
                    request, f"The answers from {document.original_name} are saved in the draft."
                )
                return redirect("returns:task_list", round_slug, ons_code)
        else:
            for form in forms:
                for name, errs in form.errors.items():
                    errors.extend((form[name].auto_id, f"Question {form.question.number}: {e}") for e in errs)
            for name, errs in details.errors.items():
                errors.extend((details[name].auto_id, str(e)) for e in errs)
    general_warnings = [w["message"] for w in document.reading.get("warnings", []) if not w.get("question")]
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
