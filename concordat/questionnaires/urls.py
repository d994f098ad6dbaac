from django.urls import path

from concordat.questionnaires.views import designer, xlsform

app_name = "questionnaires"
_DRAFT = "drafts/<int:draft_id>/"
_SECTION = _DRAFT + "sections/<int:section_pos>/"
_QUESTION = _SECTION + "questions/<int:question_pos>/"
urlpatterns = [
    path("", designer.index, name="index"),
    path("new/", designer.start, name="start"),
    path(_DRAFT, designer.draft_detail, name="draft"),
    path(_DRAFT + "sections/new/", designer.section_edit, name="section_new"),
    path(_SECTION, designer.section_edit, name="section_edit"),
    path(_SECTION + "remove/", designer.section_remove, name="section_remove"),
    path(_SECTION + "move/", designer.section_move, name="section_move"),
    path(_SECTION + "questions/new/", designer.question_type, name="question_type"),
    path(_SECTION + "questions/new/<slug:answer_type>/", designer.question_edit, name="question_new"),
    path(_QUESTION, designer.question_edit, name="question_edit"),
    path(_QUESTION + "condition/", designer.question_rule, name="question_rule"),
    path(
        _QUESTION + "condition/<slug:kind>/<str:target>/",
        designer.question_rule_values,
        name="question_rule_values",
    ),
    path(_QUESTION + "remove/", designer.question_remove, name="question_remove"),
    path(_QUESTION + "move/", designer.question_move, name="question_move"),
    path(_DRAFT + "sign-off/", designer.sign_off, name="sign_off"),
    path(_DRAFT + "preview/", designer.draft_preview, name="preview"),
    path(_DRAFT + "publish/", designer.publish, name="publish"),
    path("spreadsheet/", xlsform.upload, name="xlsform_upload"),
    path(
        "<slug:questionnaire_slug>/<int:version>/spreadsheet.xlsx", xlsform.download, name="xlsform_download"
    ),
]
