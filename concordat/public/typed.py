"""Typed answers (yes/no, numbers, dates, choices, words) as the public may read them: an area's answer in
words, and England's summary beside it.

A number marked as counting people is an area's count of people, so it is published only through
disclosure control (``register.disclosure``, the one rule); England's total of it is a national figure and
is shown exactly, as the rule allows. Every other figure here counts areas.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concordat.analysis.sources import RoundData
from concordat.analysis.summaries import TypeSummary, type_summaries
from concordat.areas.models import Area
from concordat.questionnaires import types
from concordat.register.disclosure import SUPPRESSED, suppress_count

TABLE_NOT_PUBLISHED = "Given (the rows of a table are not published)"


def shown_answer(spec: types.QuestionSpec, value: Any) -> str:
    """One area's answer in words, as it may be published ("" when there is none)."""
    if spec.type == types.QuestionType.TABLE:
        # A table's rows, or even how many there are, may describe people one by one: none is published.
        return TABLE_NOT_PUBLISHED if types.has_value(value) else ""
    if spec.type == types.QuestionType.NUMBER and spec.counts_people and types.has_value(value):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return SUPPRESSED  # never stored (the type refuses it), so never guessed at either
        return suppress_count(value).shown
    if spec.type == types.QuestionType.NUMBER and types.has_value(value):
        return f"{value:,}" if isinstance(value, int | float) else str(value)
    return types.shown_value(spec, value)


def england_words(summary: TypeSummary) -> str:
    """England's figure for one question, in words: shares of areas, or a national total."""
    if summary.counts:
        return "; ".join(f"{label}: {share.text()}" for label, share in summary.counts)
    if summary.total is not None:
        noun = " people" if summary.counts_people else ""
        return f"{summary.total:,}{noun} in all, from {summary.answered_share.text()}"
    return f"Answered by {summary.answered_share.text()}"


@dataclass(frozen=True)
class TypedPosition:
    number: str
    question: str
    easy_read: str  # the question in Easy Read words, or "" when it has none
    type: types.QuestionType
    answer: str  # the area's answer, as it may be published
    england: str


def _questions(questionnaire: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(q["number"]): q for s in questionnaire.get("sections", []) for q in s.get("questions", [])}


def typed_positions(area: Area, data: RoundData) -> tuple[TypedPosition, ...]:
    """Each typed question (not a rating, not an assessment): ``area``'s answer beside England's summary."""
    own = next((r for r in data.returns if r.ons_code == area.ons_code and r.returned), None)
    questions = _questions(data.questionnaire)
    found = []
    for summary in type_summaries(data.returns, data.questionnaire):
        q = questions[summary.number]
        answer = own.answers.get(summary.number) if own else None
        shown = shown_answer(types.QuestionSpec.from_definition(q), answer.value if answer else None)
        found.append(
            TypedPosition(
                summary.number,
                summary.text,
                str(q.get("easy_read") or ""),
                summary.type,
                shown or "No answer",
                england_words(summary),
            )
        )
    return tuple(found)
