"""How an answer of any question type reads on check-your-answers and version pages."""

from typing import Any

from django import template

from concordat.questionnaires.models import Question
from concordat.questionnaires.types import shown_value

register = template.Library()


@register.filter
def shown_answer(value: Any, question: Question) -> str:
    """``{{ a.value|shown_answer:q }}``: the value in words ("Amber", "Yes", "29 November 2013")."""
    return shown_value(question.spec, value)
