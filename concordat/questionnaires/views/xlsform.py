"""The national team's spreadsheet pages: download a questionnaire version as XLSForm, check an upload.

Linked from the designer's list of questionnaires (``questionnaires/urls.py``).
Checking an upload writes nothing: a definition that passes is
shown, ready to become a designer draft.
"""

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from concordat.accounts.decorators import national_only
from concordat.accounts.http import AuthenticatedHttpRequest
from concordat.questionnaires.models import Questionnaire
from concordat.questionnaires.xlsform import write_xlsform
from concordat.questionnaires.xlsform_reading import SpreadsheetProblems, read_xlsform
from concordat.questionnaires.xlsform_sheets import MAX_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text="An Excel workbook (.xlsx) in the XLSForm layout (survey, choices, settings), up to 5 MB.",
        error_messages={"required": "Select a spreadsheet to upload", "empty": "The selected file is empty"},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return bytes(upload.read())


@national_only
@require_GET
def download(request: AuthenticatedHttpRequest, questionnaire_slug: str, version: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire, slug=questionnaire_slug, version=version)
    response = HttpResponse(write_xlsform(questionnaire.definition), content_type=XLSX)
    filename = f"{questionnaire.slug}-version-{questionnaire.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@national_only
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SpreadsheetForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            definition = read_xlsform(form.cleaned_data["file"])
        except SpreadsheetProblems as exc:
            problems = exc.problems
        else:
            return render(request, "questionnaires/xlsform_checked.html", {"definition": definition})
    errors = [("spreadsheet-problems", _count(problems))] if problems else []
    context = {"form": form, "problems": problems, "errors": errors}
    return render(request, "questionnaires/xlsform_upload.html", context, status=422 if problems else 200)


def _count(problems: list[str]) -> str:
    count = len(problems)
    return f"The spreadsheet has {count} problem{'s' if count != 1 else ''}. Fix them and upload it again"
