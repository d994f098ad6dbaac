"""Bulk upload: the template and data dictionary, upload → preview with every error → commit."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from concordat.accounts.access import Capability
from concordat.accounts.decorators import area_scoped, register_role
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.accounts.limits import rate_limited
from concordat.register import access, actions
from concordat.register.forms import UploadForm
from concordat.register.models import UploadState
from concordat.register.template.columns import COLUMNS
from concordat.register.template.writing import write_template_csv, write_template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@register_role
def template_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(write_template_csv(), "text/csv; charset=utf-8", "register-template.csv")


@register_role
def template_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(write_template_xlsx(), XLSX, "register-template.xlsx")


@register_role
def data_dictionary(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "register/data_dictionary.html", {"columns": COLUMNS})


@area_scoped(Capability.EDIT_REGISTER)
@rate_limited("upload")
def upload(request: AuthenticatedHttpRequest, ons_code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, ons_code, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        checked = actions.preview_upload(
            area, file, request.user, as_at=timezone.localdate(), filename=file.name
        )
        return redirect("register:upload_preview", area.ons_code, checked.pk)
    return render(request, "register/upload.html", {"area": area, "form": form})


@area_scoped(Capability.EDIT_REGISTER)
@require_http_methods(["GET", "POST"])
def upload_preview(request: AuthenticatedHttpRequest, ons_code: str, upload_id: int) -> HttpResponse:
    checked = access.get_upload_for_user(request.user, ons_code, upload_id)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            checked = actions.commit_upload(checked, request.user)
        except actions.ActionError as exc:
            errors.append(("", exc.message))
        else:
            messages.success(
                request,
                f"Register updated: {checked.created} added, {checked.updated} changed, "
                f"{checked.unchanged} unchanged.",
            )
            return redirect("register:person_list", ons_code)
    if checked.errors:
        count = len(checked.errors)
        errors.append(
            (
                "upload-errors",
                f"The file has {count} error{'s' if count != 1 else ''}. Fix them and upload it again",
            )
        )
    plan = actions.plan_upload(checked) if checked.state == UploadState.PREVIEWED else None
    return render(
        request,
        "register/upload_preview.html",
        {"area": checked.area, "upload": checked, "errors": errors, "plan": plan},
    )
