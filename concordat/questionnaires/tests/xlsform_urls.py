"""The site's URLs plus the spreadsheet pages, as the lead is to wire them into ``questionnaires/urls.py``."""

from django.urls import include, path

from concordat.questionnaires.views import xlsform
from concordat.urls import urlpatterns as site

spreadsheet_pages = (
    [
        path("spreadsheet/", xlsform.upload, name="xlsform_upload"),
        path(
            "<slug:questionnaire_slug>/<int:version>/spreadsheet.xlsx",
            xlsform.download,
            name="xlsform_download",
        ),
    ],
    "questionnaires",
)
urlpatterns = [*site, path("questionnaires/", include(spreadsheet_pages))]
handler400 = "concordat.accounts.views.bad_request"
handler500 = "concordat.accounts.views.server_error"
