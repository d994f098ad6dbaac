"""A frozen questionnaire's sections are read once; one not yet frozen is read afresh every time."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concordat.questionnaires.models import Question, Questionnaire, Section
from concordat.questionnaires.structure import sections_with_questions

pytestmark = pytest.mark.django_db


def test_a_frozen_questionnaire_is_read_from_the_database_once(stocktake: Any) -> None:
    questionnaire = stocktake.questionnaire
    assert questionnaire.frozen_at is not None  # the open round froze it
    first = sections_with_questions(questionnaire)
    with CaptureQueriesContext(connection) as again:
        second = sections_with_questions(Questionnaire.objects.get(pk=questionnaire.pk))
    assert len(again) == 1  # the questionnaire itself, fetched above; no sections or questions
    assert [s.number for s in second] == [s.number for s in first]
    in_order = Question.objects.filter(section=first[0]).order_by("position").values_list("number", flat=True)
    assert [q.number for q in second[0].questions.all()] == list(in_order)


def test_a_questionnaire_not_frozen_shows_a_change_at_once(reference: None) -> None:
    questionnaire = Questionnaire.objects.get(slug="stocktake-2013")
    assert questionnaire.frozen_at is None
    assert sections_with_questions(questionnaire)[0].title != "Renamed"
    Section.objects.filter(questionnaire=questionnaire, number="1").update(title="Renamed")
    assert sections_with_questions(questionnaire)[0].title == "Renamed"


def test_freezing_again_is_a_new_key_not_the_old_sections(reference: None) -> None:
    questionnaire = Questionnaire.objects.get(slug="stocktake-2013")
    questionnaire.frozen_at = timezone.now()
    before = sections_with_questions(questionnaire)
    Section.objects.filter(questionnaire=questionnaire, number="1").update(title="Renamed")
    questionnaire.frozen_at = timezone.now()
    assert sections_with_questions(questionnaire)[0].title == "Renamed" != before[0].title
