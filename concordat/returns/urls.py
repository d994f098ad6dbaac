from django.urls import path

from concordat.returns.views import dashboard, editing, national, versions

app_name = "returns"

area = "rounds/<slug:round_slug>/areas/<str:ons_code>/"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("rounds/", national.round_list, name="round_list"),
    path("rounds/new/", national.round_create, name="round_create"),
    path("rounds/<slug:round_slug>/state/", national.round_state, name="round_state"),
    path("rounds/<slug:round_slug>/completeness/", national.completeness, name="completeness"),
    path(area, editing.task_list, name="task_list"),
    path(area + "sections/<str:section>/", editing.section_edit, name="section_edit"),
    path(area + "sections/<str:section>/correct/", national.section_correct, name="section_correct"),
    path(area + "completed-by/", editing.completed_by, name="completed_by"),
    path(area + "attachments/<int:attachment_id>/", editing.attachment_download, name="attachment_download"),
    path(
        area + "attachments/<int:attachment_id>/remove/", editing.attachment_remove, name="attachment_remove"
    ),
    path(area + "check/", editing.check_answers, name="check_answers"),
    path(area + "versions/", versions.version_list, name="version_list"),
    path(area + "versions/<int:number>/", versions.version_detail, name="version_detail"),
    path(area + "versions/<int:number>/sign/", versions.version_sign, name="version_sign"),
    path(area + "versions/<int:number>/compare/<int:other>/", versions.version_diff, name="version_diff"),
    path(area + "versions/<int:number>/respond/", versions.query_respond, name="query_respond"),
    path(area + "versions/<int:number>/review/", versions.review, name="review"),
    path(area + "reopen/", national.reopen, name="reopen"),
    path(area + "audit/", national.audit_trail, name="audit_trail"),
]
