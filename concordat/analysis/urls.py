from django.urls import path

from concordat.analysis.views import change, dashboard, library, report, triage

app_name = "analysis"

rnd = "rounds/<slug:round_slug>/"
urlpatterns = [
    path("", dashboard.index, name="index"),
    path(rnd, dashboard.dashboard, name="dashboard"),
    path(rnd + "triage/", triage.triage, name="triage"),
    path(rnd + "change/", change.change, name="change"),
    path(rnd + "report/", report.report_page, name="report"),
    path(rnd + "report/download/", report.report_download, name="report_download"),
    path(rnd + "good-practice/refresh/", library.library_refresh, name="library_refresh"),
    path("good-practice/", library.library, name="library"),
    path("good-practice/<int:example_id>/", library.example_detail, name="example_detail"),
]
