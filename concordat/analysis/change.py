"""How answers moved between two rounds of the same questions: per area and nationally.

Pure Python, no Django. The order of progress is No → Partly → Yes (reversed for a question whose "No" is
the good news, such as 1.8 on ordinary-residence problems). Open questions, "not applicable" and blank
answers have no order: a move to or from them is "changed", never "improved" or "worsened".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .records import STATUS_LABELS, AreaAnswers, AreaRef, QuestionRef, Status, questions_of

IMPROVED, WORSENED, SAME, CHANGED = "improved", "worsened", "same", "changed"
MOVEMENTS = (IMPROVED, WORSENED, SAME, CHANGED)
_RANK = {Status.NO: 0, Status.PARTIAL: 1, Status.YES: 2}


@dataclass(frozen=True)
class AnswerMove:
    question: str
    before: Status
    after: Status
    movement: str
    before_evidence: str
    after_evidence: str


@dataclass(frozen=True)
class AreaChange:
    ons_code: str
    name: str
    compared: bool  # both rounds have a return from the area
    moves: tuple[AnswerMove, ...]

    def count(self, movement: str) -> int:
        return sum(1 for m in self.moves if m.movement == movement)


@dataclass(frozen=True)
class QuestionChange:
    question: str
    text: str
    transitions: dict[tuple[str, str], int]  # (before status, after status) -> areas
    movements: dict[str, int]  # improved / worsened / same / changed -> areas

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "movements": dict(self.movements),
            "transitions": {f"{b}->{a}": n for (b, a), n in sorted(self.transitions.items())},
        }


@dataclass(frozen=True)
class RoundChange:
    compared_areas: int
    questions: tuple[QuestionChange, ...]
    areas: dict[str, AreaChange]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "compared_areas": self.compared_areas,
            "questions": {q.question: q.to_json_dict() for q in self.questions},
            "areas": {
                code: {m: a.count(m) for m in MOVEMENTS} for code, a in self.areas.items() if a.compared
            },
        }


def movement(before: Status, after: Status, polarity: str = "positive") -> str:
    if before is after:
        return SAME
    if polarity == "open" or before not in _RANK or after not in _RANK:
        return CHANGED
    step = _RANK[after] - _RANK[before]
    if polarity == "negative":
        step = -step
    return IMPROVED if step > 0 else WORSENED


def same_questions(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    return [q.number for q in questions_of(first)] == [q.number for q in questions_of(second)]


def compare_rounds(
    before: Iterable[AreaAnswers],
    after: Iterable[AreaAnswers],
    areas: Sequence[AreaRef],
    questionnaire: Mapping[str, Any],
) -> RoundChange:
    """Every area's move on every question between two rounds of the same questionnaire."""
    questions: tuple[QuestionRef, ...] = questions_of(questionnaire)
    old = {r.ons_code: r for r in before if r.returned}
    new = {r.ons_code: r for r in after if r.returned}
    transitions: dict[str, Counter[tuple[str, str]]] = {q.number: Counter() for q in questions}
    movements: dict[str, Counter[str]] = {q.number: Counter() for q in questions}
    per_area: dict[str, AreaChange] = {}
    for area in areas:
        a, b = old.get(area.ons_code), new.get(area.ons_code)
        if a is None or b is None:
            per_area[area.ons_code] = AreaChange(area.ons_code, area.name, False, ())
            continue
        moves = []
        for q in questions:
            s1, s2 = a.status(q.number), b.status(q.number)
            kind = movement(s1, s2, q.polarity)
            transitions[q.number][(s1.value, s2.value)] += 1
            movements[q.number][kind] += 1
            e1 = a.answers[q.number].evidence if q.number in a.answers else ""
            e2 = b.answers[q.number].evidence if q.number in b.answers else ""
            moves.append(AnswerMove(q.number, s1, s2, kind, e1, e2))
        per_area[area.ons_code] = AreaChange(area.ons_code, area.name, True, tuple(moves))
    return RoundChange(
        compared_areas=sum(1 for c in per_area.values() if c.compared),
        questions=tuple(
            QuestionChange(
                q.number,
                q.text,
                dict(transitions[q.number]),
                {m: movements[q.number][m] for m in MOVEMENTS},
            )
            for q in questions
        ),
        areas=per_area,
    )


def status_label(status: Status) -> str:
    return STATUS_LABELS[status]
