"""The area's section page, drawn for the questionnaire designer's preview (``questionnaires.preview``).

The same forms (``typed_forms.answer_form``) and templates as the real page, unbound, with no return.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from concordat.questionnaires.models import Question
from concordat.returns.typed_forms import answer_form
from concordat.returns.uploads import MAX_ATTACHMENT_LABEL


def render_questions(request: HttpRequest, questions: list[Question]) -> str:
    forms = [answer_form(None, None, question=q, answer=None) for q in questions]
    html: SafeString = render_to_string(
        "returns/_preview_questions.html",
        {"forms": forms, "max_attachment": MAX_ATTACHMENT_LABEL},
        request=request,
    )
    return html
