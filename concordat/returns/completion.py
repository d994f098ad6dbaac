"""Whether each answer of a return is complete, for any question type: the one rule submission and the
task list share.

An assessment (and the older ``text`` type) is judged by ``vocabulary.answer_problems``; every other type by
``questionnaires.types.value_problems``. Both read the answers as a version's content holds them (question
number → entry), so conditional rules ("show if", "required unless") see the other answers.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from concordat.questionnaires.models import Question
from concordat.questionnaires.types import (
    QuestionSpec,
    QuestionType,
    evidence_needed,
    must_answer,
    value_problems,
)
from concordat.returns.models import Answer, Return
from concordat.returns.vocabulary import answer_problems, is_started

Answers = Mapping[str, Mapping[str, Any]]


def specs_of(questions: Iterable[Question]) -> dict[str, QuestionSpec]:
    return {q.number: q.spec for q in questions}


def problems_of(
    spec: QuestionSpec,
    entry: Mapping[str, Any] | None,
    *,
    answers: Answers,
    specs: Mapping[str, QuestionSpec],
) -> list[str]:
    """What one answer lacks before submission, in words; none: it is complete."""
    if spec.type in (QuestionType.ASSESSMENT, QuestionType.TEXT):
        if not must_answer(spec, answers, specs) and not (entry and is_started(entry)):
            return []
        return answer_problems(
            entry,
            needs_status=spec.type == QuestionType.ASSESSMENT,
            needs_evidence=evidence_needed(spec, answers, specs),
        )
    return value_problems(spec, entry, answers=answers, specs=specs)


def is_answered(entry: Mapping[str, Any] | None) -> bool:
    """Started: anything entered, or a file attached."""
    return bool(entry) and (is_started(entry or {}) or bool((entry or {}).get("attachments")))


def awaiting_confirmation(ret: Return) -> dict[str, str]:
    """Question number → the round its carried answer came from, for carried answers not yet confirmed or
    changed (decision 0015). No query for a round that carries nothing forward."""
    if ret.pk is None or ret.round.carry_from_id is None:
        return {}
    rows = Answer.objects.filter(ret=ret, carried_from__isnull=False, carry_confirmed_at__isnull=True)
    return dict(rows.values_list("question__number", "carried_from__ret__round__title"))


def return_problems(
    questions: Iterable[Question], answers: Answers, *, awaiting: Mapping[str, str] | None = None
) -> list[tuple[Question, list[str]]]:
    """Each question with what its answer lacks, in the order given; ``awaiting`` (from
    :func:`awaiting_confirmation`): a carried answer not yet confirmed is not done."""
    question_list = list(questions)
    specs = specs_of(question_list)
    waiting = awaiting or {}
    found = []
    for q in question_list:
        problems = problems_of(specs[q.number], answers.get(q.number), answers=answers, specs=specs)
        if q.number in waiting:
            problems.append(f"confirm the answer carried forward from {waiting[q.number]}, or change it")
        found.append((q, problems))
    return found
