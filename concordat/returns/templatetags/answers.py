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


@register.filter
def table_cells(value: Any, question: Question) -> dict[str, Any]:
    """``{{ a.value|table_cells:q }}``: a table's headings and each row's cells in words (a GOV.UK table)."""
    spec = question.spec
    rows = value if isinstance(value, list) else []
    return {
        "headings": [c.label or c.number for c in spec.columns],
        "rows": [
            [shown_value(c, row.get(c.number)) for c in spec.columns] for row in rows if isinstance(row, dict)
        ],
    }
