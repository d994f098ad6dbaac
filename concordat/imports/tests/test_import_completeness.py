"""After importing Harrow's Word return, the task list's section status and submission's checks agree: a
good-practice tick read without a description leaves its answer (and section) incomplete in both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from concordat.areas.models import Area
from concordat.imports import actions
from concordat.questionnaires.models import Question
from concordat.returns.actions import submission_problems
from concordat.returns.content import draft_content
from concordat.returns.models import Answer, Return
from concordat.returns.progress import SectionStatus, section_progress

HARROW = "E09000015"


@pytest.mark.django_db
def test_the_task_list_and_submit_agree_after_importing_a_word_return(
    stocktake: Any, personas: dict[str, Any], harrow_docx: Path
) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    upload = SimpleUploadedFile("harrow.docx", harrow_docx.read_bytes())
    document = actions.read_upload(ret, upload, acting_user=personas["harriet"])
    actions.confirm_import(document, acting_user=personas["harriet"])
    ret = Return.objects.get(pk=document.ret_id)
    problems = submission_problems(ret, draft_content(ret))
    blocked = {anchor.removeprefix("answer-") for anchor, _ in problems if anchor.startswith("answer-")}
    ticked = Answer.objects.filter(ret=ret)
    undescribed = set(
        ticked.filter(
            Q(good_practice=True, good_practice_description="")
            | Q(support_required=True, support_description="")
        ).values_list("question__number", flat=True)
    )
    assert undescribed and undescribed <= blocked  # ticks in the document with nothing said about them
    section_of = dict(
        Question.objects.filter(questionnaire=stocktake.questionnaire).values_list(
            "number", "section__number"
        )
    )
    for progress in section_progress(ret):
        held_up = {n for n in blocked if section_of[n] == progress.section.number}
        assert (progress.status == SectionStatus.COMPLETED) == (not held_up), progress.section.number
        assert progress.total - progress.complete == len(held_up), progress.section.number


@pytest.mark.django_db
def test_a_good_practice_description_in_the_document_is_carried_into_the_draft(
    stocktake: Any, personas: dict[str, Any], plain_docx: Path
) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    upload = SimpleUploadedFile("harrow.docx", plain_docx.read_bytes())
    document = actions.read_upload(ret, upload, acting_user=personas["harriet"])
    described = {
        n: q for n, q in document.questions.items() if q.get("good_practice") and q.get("attachments")
    }
    assert described
    actions.confirm_import(document, acting_user=personas["harriet"])
    for number, read in described.items():
        answer = Answer.objects.get(ret_id=document.ret_id, question__number=number)
        assert answer.good_practice and all(
            name in answer.good_practice_description for name in read["attachments"]
        )
