"""How answers moved between two rounds: per area and nationally, across questionnaire versions through the
question mapping (``questionnaires.mapping``).

Pure Python, no Django. The order of progress is No → Partly → Yes (reversed for a question whose "No" is
the good news, such as 1.8 on ordinary-residence problems). Open questions, "not applicable" and blank
answers have no order: a move to or from them is "changed", never "improved" or "worsened".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from concordat.questionnaires.mapping import NEW, QuestionLink, QuestionMapping
from concordat.questionnaires.mapping import SAME as SAME_QUESTION
from concordat.returns.vocabulary import progress_step

from .records import STATUS_LABELS, AreaAnswers, AreaRef, QuestionRef, Status, questions_of

IMPROVED, WORSENED, SAME, CHANGED = "improved", "worsened", "same", "changed"
MOVEMENTS = (IMPROVED, WORSENED, SAME, CHANGED)


@dataclass(frozen=True)
class AnswerMove:
    question: str
    before: Status | None  # None: the questions merged into this one were answered differently
    after: Status
    movement: str
    before_evidence: str
    after_evidence: str
    before_shown: str = ""  # the earlier answer(s) in words: "no", or "2.1: yes; 2.2: no" for merged ones
    how: str = SAME_QUESTION  # how the question carries from the earlier round's (questionnaires.mapping)
    sources: tuple[str, ...] = ()

    @property
    def carried(self) -> str:
        """ "from 2.3 (renamed)" when the question is not simply the same one, else ""."""
        return "" if self.how == SAME_QUESTION else f"from {' and '.join(self.sources)} ({self.how})"


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
    how: str = SAME_QUESTION
    sources: tuple[str, ...] = ()

    @property
    def carried(self) -> str:
        return "" if self.how == SAME_QUESTION else f"from {' and '.join(self.sources)} ({self.how})"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "how": self.how,
            "from": list(self.sources),
            "movements": dict(self.movements),
            "transitions": {f"{b}->{a}": n for (b, a), n in sorted(self.transitions.items())},
        }


@dataclass(frozen=True)
class RoundChange:
    compared_areas: int
    questions: tuple[QuestionChange, ...]
    areas: dict[str, AreaChange]
    new: tuple[str, ...] = ()  # questions the earlier round did not ask: not compared
    dropped: tuple[str, ...] = ()  # the earlier round's questions no longer asked

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "compared_areas": self.compared_areas,
            "new": list(self.new),
            "dropped": list(self.dropped),
            "questions": {q.question: q.to_json_dict() for q in self.questions},
            "areas": {
                code: {m: a.count(m) for m in MOVEMENTS} for code, a in self.areas.items() if a.compared
            },
        }


def movement(before: Status, after: Status, polarity: str = "positive") -> str:
    if before is after:
        return SAME
    step = progress_step(before, after, polarity)
    if step is None:
        return CHANGED
    return IMPROVED if step > 0 else WORSENED


def same_questions(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    return [q.number for q in questions_of(first)] == [q.number for q in questions_of(second)]


def _identity(questions: Sequence[QuestionRef]) -> dict[str, QuestionLink]:
    return {q.number: QuestionLink(q.number, (q.number,), SAME_QUESTION) for q in questions}


MIXED = "mixed"  # merged questions whose earlier answers differ: no single "before"


def _before(answers: AreaAnswers, link: QuestionLink) -> tuple[Status | None, str, str]:
    """The earlier answer a question is compared with: (status, or None when merged answers differ; how the
    earlier answers are shown; their evidence)."""
    statuses = [answers.status(n) for n in link.sources]
    evidence = [answers.answers[n].evidence if n in answers.answers else "" for n in link.sources]
    if len(link.sources) == 1:
        return statuses[0], statuses[0].value, evidence[0]
    shown = "; ".join(f"{n}: {s.value}" for n, s in zip(link.sources, statuses, strict=True))
    joined = "\n".join(f"{n}: {e}" for n, e in zip(link.sources, evidence, strict=True) if e)
    return (statuses[0] if len(set(statuses)) == 1 else None), shown, joined


def _move(a: AreaAnswers, b: AreaAnswers, q: QuestionRef, link: QuestionLink) -> AnswerMove:
    s1, shown, e1 = _before(a, link)
    s2 = b.status(q.number)
    kind = CHANGED if s1 is None else movement(s1, s2, q.polarity)
    e2 = b.answers[q.number].evidence if q.number in b.answers else ""
    return AnswerMove(q.number, s1, s2, kind, e1, e2, shown, link.how, link.sources)


def compare_rounds(
    before: Iterable[AreaAnswers],
    after: Iterable[AreaAnswers],
    areas: Sequence[AreaRef],
    questionnaire: Mapping[str, Any],
    mapping: QuestionMapping | None = None,
) -> RoundChange:
    """Every area's move on every question between two rounds. ``questionnaire`` is the later round's;
    ``mapping`` (``questionnaires.mapping``) says where its questions come from — none: the same questions.
    A new question is not compared; a split question is compared with the one it was split from; a merged
    one with its sources when they agree, and is "changed" when they do not."""
    all_questions = questions_of(questionnaire)
    links = {link.number: link for link in mapping.links} if mapping else _identity(all_questions)
    questions = [q for q in all_questions if links[q.number].how != NEW]
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
        moves = tuple(_move(a, b, q, links[q.number]) for q in questions)
        for m in moves:
            transitions[m.question][(m.before.value if m.before else MIXED, m.after.value)] += 1
            movements[m.question][m.movement] += 1
        per_area[area.ons_code] = AreaChange(area.ons_code, area.name, True, moves)
    return RoundChange(
        compared_areas=sum(1 for c in per_area.values() if c.compared),
        questions=tuple(
            QuestionChange(
                q.number,
                q.text,
                dict(transitions[q.number]),
                {m: movements[q.number][m] for m in MOVEMENTS},
                links[q.number].how,
                links[q.number].sources,
            )
            for q in questions
        ),
        areas=per_area,
        new=tuple(q.number for q in all_questions if links[q.number].how == NEW),
        dropped=mapping.dropped if mapping else (),
    )


def status_label(status: Status) -> str:
    return STATUS_LABELS[status]
