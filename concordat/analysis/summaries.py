"""A summary of each typed question of a round, whatever its questionnaire: yes/no shares, how many areas
chose each option, numbers summed, and for dates, text and tables only how many areas answered.

Red, amber and green ratings have their own table (``ratings.py``); assessments their statuses
(``indicators.py``). Every figure here counts areas, except a number's total, which is the sum of the areas'
answers: when the question counts people, a figure below national level must go through disclosure control
before it is published (the public pages do that; this module only counts).

Pure Python, no Django, like the rest of the analysis core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from concordat.questionnaires.types import (
    TYPE_LABELS,
    YES_NO,
    QuestionSpec,
    QuestionType,
    has_value,
)

from .records import AreaAnswers, Share

NOT_ANSWERED = "Not answered"
# The types summarised here; an assessment, the older free text, a rating and a file are counted elsewhere.
SUMMARISED = frozenset(
    {
        QuestionType.YES_NO,
        QuestionType.NUMBER,
        QuestionType.DATE,
        QuestionType.SHORT_TEXT,
        QuestionType.LONG_TEXT,
        QuestionType.CHOOSE_ONE,
        QuestionType.CHOOSE_SEVERAL,
        QuestionType.TABLE,  # answered only: its rows are no one figure
    }
)


@dataclass(frozen=True)
class TypeSummary:
    """One question's answers across the areas with a return."""

    number: str
    text: str
    type: QuestionType
    returned: int  # areas with a return
    answered: int  # of them, areas that answered this question
    counts: tuple[tuple[str, Share], ...] = ()  # yes/no and choices: (label, share of areas with a return)
    total: int | float | None = None  # a number: the sum of the answers given
    counts_people: bool = False

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def answered_share(self) -> Share:
        return Share.of(self.answered, self.returned)


def _specs(questionnaire: Mapping[str, Any]) -> list[tuple[QuestionSpec, str]]:
    return [
        (QuestionSpec.from_definition(q), str(q["text"]))
        for section in questionnaire.get("sections", [])
        for q in section.get("questions", [])
        if q.get("answer_type") in SUMMARISED
    ]


def _value(ret: AreaAnswers, number: str) -> Any:
    answer = ret.answers.get(number)
    return answer.value if answer is not None else None


def _choices(spec: QuestionSpec) -> list[tuple[str, str]]:
    if spec.type == QuestionType.YES_NO:
        return list(YES_NO.items())
    return list(spec.options)


def _chosen(spec: QuestionSpec, value: Any) -> set[str]:
    if spec.type == QuestionType.CHOOSE_SEVERAL:
        return {str(v) for v in value} if isinstance(value, list) else set()
    return {str(value)} if has_value(value) else set()


def _total(values: list[Any]) -> int | float:
    # Decimal, so that 0.1 + 0.2 sums to 0.3 as a person adding the answers would.
    total = sum((Decimal(str(v)) for v in values if isinstance(v, int | float)), Decimal(0))
    return int(total) if total == total.to_integral_value() else float(total)


def summarise(spec: QuestionSpec, text: str, returned: list[AreaAnswers]) -> TypeSummary:
    values = [_value(r, spec.number) for r in returned]
    given = [v for v in values if has_value(v)]
    base = TypeSummary(spec.number, text, spec.type, len(returned), len(given))
    if spec.type == QuestionType.NUMBER:
        return replace(base, total=_total(given), counts_people=spec.counts_people)
    if spec.type in (QuestionType.YES_NO, QuestionType.CHOOSE_ONE, QuestionType.CHOOSE_SEVERAL):
        chosen = [_chosen(spec, v) for v in values]
        counts = [
            (label, Share.of(sum(code in c for c in chosen), len(returned))) for code, label in _choices(spec)
        ]
        if spec.type != QuestionType.CHOOSE_SEVERAL:  # one answer each: the rest did not answer
            counts.append((NOT_ANSWERED, Share.of(len(returned) - len(given), len(returned))))
        return replace(base, counts=tuple(counts))
    return base


def type_summaries(returns: Iterable[AreaAnswers], questionnaire: Mapping[str, Any]) -> list[TypeSummary]:
    """Each summarised question of ``questionnaire`` (in order) over the areas with a return."""
    returned = [r for r in returns if r.returned]
    return [summarise(spec, text, returned) for spec, text in _specs(questionnaire)]
