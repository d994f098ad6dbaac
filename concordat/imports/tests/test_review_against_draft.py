"""The review page shows what confirming would do to the draft, and the editor keeps either answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concordat.areas.models import Area
from concordat.imports import actions
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.questionnaires.models import Question
from concordat.returns import actions as returns_actions
from concordat.returns.models import Answer, Return

from . import helpers

HARROW = "E09000015"
TYPED = "Typed by Harriet before the Word return arrived."


@pytest.fixture
def document(stocktake: Any, personas: dict[str, Any]) -> ImportedDocument:
    ret = Return.objects.create(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    questions = Question.objects.filter(questionnaire=stocktake.questionnaire, number__in=["1.1", "1.2"])
    typed = {q: {"status": "partial", "evidence": f"{TYPED} ({q.number})"} for q in questions}
    returns_actions.save_answers(ret, typed, revisions={}, acting_user=personas["harriet"])
    upload = SimpleUploadedFile("harrow.txt", helpers.seed_text())
    return actions.read_upload(ret, upload, acting_user=personas["harriet"])


def _url(document: ImportedDocument) -> str:
    return reverse("imports:review", args=["stocktake-2013", HARROW, document.pk])


def _as_posted(context: Any, **changes: str) -> dict[str, Any]:
    """The review form as the browser sends it (hidden revisions included), except for ``changes``."""
    data: dict[str, Any] = {}
    for _, form, _, _ in context["rows"]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value
    details = context["details"]
    for name in details.fields:
        data[details.add_prefix(name)] = details.initial.get(name, "")
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_review_page_shows_each_answers_effect_on_the_draft(
    login: Callable[[str], Any], document: ImportedDocument
) -> None:
    page = login("harriet").get(_url(document))
    html = page.content.decode()
    assert "58 new, 0 unchanged, 2 would replace typed text, 1 not in the document" in html
    assert html.count("Would replace typed text</strong>") == 2
    assert f"{TYPED} (1.1)" in html and "Yes; we have developed" in html  # the draft's and the document's
    assert "Which answer to question 1.1 should the draft keep?" in html
    rows = {q.number: form for q, form, _, _ in page.context["rows"]}
    assert rows["1.1"].initial["choice"] == "draft" and "choice" not in rows["2.1"].fields


@pytest.mark.django_db
def test_the_editor_keeps_the_typed_text_for_one_question_and_takes_the_import_for_another(
    login: Callable[[str], Any], document: ImportedDocument
) -> None:
    client = login("harriet")
    page = client.get(_url(document))
    response = client.post(_url(document), _as_posted(page.context, **{"q1-2-choice": "import"}))
    assert response.status_code == 302
    answers = {
        a.question.number: a for a in Answer.objects.filter(ret_id=document.ret_id).select_related("question")
    }
    assert answers["1.1"].evidence == f"{TYPED} (1.1)"
    assert answers["1.2"].evidence.startswith("Yes") and answers["1.2"].source_name == "harrow.txt"
    assert ImportedDocument.objects.get(pk=document.pk).state == DocumentState.CONFIRMED
    after = client.get(_url(document)).content.decode()  # what was read; the draft has moved on since
    assert "Would replace typed text" not in after and "In the draft now" not in after


@pytest.mark.django_db
def test_a_draft_changed_while_checking_is_shown_again_and_nothing_is_saved(
    login: Callable[[str], Any], document: ImportedDocument, personas: dict[str, Any]
) -> None:
    client = login("harriet")
    page = client.get(_url(document))
    question = Question.objects.get(questionnaire=document.ret.round.questionnaire, number="1.1")
    answer = Answer.objects.get(ret_id=document.ret_id, question=question)
    returns_actions.save_answers(
        document.ret,
        {question: {"status": "no", "evidence": "Changed by Hamid meanwhile."}},
        revisions={question.pk: answer.revision},
        acting_user=personas["hamid"],
    )
    response = client.post(_url(document), _as_posted(page.context, **{"q1-1-choice": "import"}))
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "question 1.1 changed while you were checking" in html
    assert "Changed by Hamid meanwhile." in html  # the page compares with the draft as it is now
    assert Answer.objects.get(pk=answer.pk).evidence == "Changed by Hamid meanwhile."
    assert not Answer.objects.filter(ret_id=document.ret_id, question__number="2.1").exists()


@pytest.mark.django_db
def test_a_choice_that_is_neither_answer_is_an_error(
    login: Callable[[str], Any], document: ImportedDocument
) -> None:
    client = login("harriet")
    page = client.get(_url(document))
    response = client.post(_url(document), _as_posted(page.context, **{"q1-1-choice": "both"}))
    html = response.content.decode()
    assert "Question 1.1: Choose whether to keep the answer in the draft" in html
    assert ImportedDocument.objects.get(pk=document.pk).state == DocumentState.READ
