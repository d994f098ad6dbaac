"""A return's draft as the API shows it, its ETag, and the checks a whole return passes before it is saved.

The draft is fetched through ``returns.access`` and written through ``returns.actions.save_draft``: the API
adds only HTTP's words for what that already does (``ETag``/``If-Match`` over the answers' revisions, a
problem per field, ``Prefer: return=minimal``).
"""

import hashlib
from collections.abc import Mapping
from typing import Any

from concordat.questionnaires import structure
from concordat.questionnaires.models import AnswerType, Question
from concordat.questionnaires.types import TYPE_LABELS, QuestionType
from concordat.returns import actions
from concordat.returns.models import Answer, Return, ReturnVersion
from concordat.returns.vocabulary import ANSWER_FIELDS


def answers_of(ret: Return) -> list[Answer]:
    if ret.pk is None:
        return []
    return list(ret.answers.select_related("question", "updated_by").order_by("question__position"))


def etag_of(ret: Return, answers: list[Answer] | Mapping[int, int]) -> str:
    """Changes whenever an answer, the completed-by block, the state or the latest version changes."""
    revisions = answers if isinstance(answers, Mapping) else {a.question_id: a.revision for a in answers}
    # Not the return's id: one URL names one return, and the empty draft of a return not yet written keeps
    # its ETag when the first write creates the row.
    parts = [str(ret.details_revision), ret.state, str(ret.latest_version_id)]
    parts += [f"{q}.{revisions[q]}" for q in sorted(revisions)]
    return '"' + hashlib.sha256(":".join(parts).encode()).hexdigest()[:32] + '"'


def answer_out(answer: Answer) -> dict[str, Any]:
    return {
        **answer.field_values(),
        "revision": answer.revision,
        "updated_by": str(answer.updated_by or ""),
        "updated_at": answer.updated_at,
    }


def _latest_number(ret: Return) -> int | None:
    """The latest version's number, without loading its content when the version is not loaded yet (a
    return fresh from ``lock_return``, which must not join the version: see decision 0502)."""
    if ret.latest_version_id is None:
        return None
    if Return.latest_version.is_cached(ret):
        return ret.latest_version.number if ret.latest_version else None
    return ReturnVersion.objects.values_list("number", flat=True).get(pk=ret.latest_version_id)


def draft_out(ret: Return, answers: list[Answer] | None = None) -> dict[str, Any]:
    answers = answers_of(ret) if answers is None else answers
    return {
        "round": ret.round.slug,
        "area": ret.area.ons_code,
        "state": ret.state,
        "etag": etag_of(ret, answers),
        "completed_by": {
            "name": ret.completed_by_name,
            "organisation": ret.completed_by_organisation,
            "contact": ret.completed_by_contact,
        },
        "answers": {a.question.number: answer_out(a) for a in answers if a.is_started or a.revision},
        "latest_version": _latest_number(ret),
    }


def saved_out(saved: actions.SavedDraft) -> dict[str, Any]:
    """The answer to ``Prefer: return=minimal``: what a council system needs to write again, not the draft."""
    return {
        "state": saved.ret.state,
        "etag": etag_of(saved.ret, saved.revisions),
        "changed": saved.changed,
        "latest_version": _latest_number(saved.ret),
    }


def questions_of(ret: Return) -> list[Question]:
    """The questionnaire's questions in order, from the frozen structure (a round that takes answers is open,
    so its questionnaire is frozen: read once per process)."""
    sections = structure.sections_with_questions(ret.round.questionnaire)
    return sorted((q for section in sections for q in section.questions.all()), key=lambda q: q.position)


def _assessment_given(values: Mapping[str, Any]) -> bool:
    return any(values.get(key) not in (None, "", False) for key in ANSWER_FIELDS)


def _checked_one(
    question: Question, values: Mapping[str, Any]
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """One answer checked by the rules its question's type has everywhere, or the problems with it."""
    number = question.number
    typed = question.uses_value or question.answer_type == AnswerType.FILE
    if typed and _assessment_given(values):
        label = TYPE_LABELS[QuestionType(question.answer_type)].lower()
        message = f"Question {number} asks for {label}: send its answer as value, without status or evidence."
        return None, [{"field": f"answers.{number}", "message": message}]
    if not typed and values.get("value") is not None:
        message = f"Question {number} is an assessment: send status and evidence, not value."
        return None, [{"field": f"answers.{number}.value", "message": message}]
    try:
        # The one place an answer is cleaned (``questionnaires.types.clean_value`` for a typed question);
        # the schema has already refused an unknown status or an over-long text, naming its field.
        return actions.clean_answer_values(question, values), []
    except actions.ActionError as exc:
        field = f"answers.{number}.value" if typed else f"answers.{number}"
        return None, [{"field": field, "message": exc.message}]


def checked_answers(
    ret: Return, answers: Mapping[str, Mapping[str, Any]], *, whole: bool
) -> tuple[dict[Question, dict[str, Any]], list[dict[str, str]]]:
    """The answers by question, checked as the section page checks them, and a problem per bad field.

    ``whole``: every question not given becomes unanswered (a whole return replaces the draft)."""
    by_number = {q.number: q for q in questions_of(ret)}
    problems = [
        {"field": f"answers.{n}", "message": f"There is no question {n} in this questionnaire."}
        for n in answers
        if n not in by_number
    ]
    cleaned: dict[Question, dict[str, Any]] = {}
    for number, question in by_number.items():
        if number not in answers and not whole:
            continue
        values, found = _checked_one(question, answers.get(number, {}))
        problems += found
        if values is not None:
            cleaned[question] = values
    return cleaned, problems
