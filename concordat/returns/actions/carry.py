"""Carrying an earlier round's accepted answers forward into a new round's drafts, and confirming them.

A round created "from round X" starts each area's draft from the version of X that counts for it as
accepted (``ReturnVersion.objects.counted_as_at``), its answers mapped to the new questionnaire's questions
(``questionnaires.mapping``). Each carried answer remembers the version it came from and what it carried, and
counts as not done until the area confirms it or changes it (docs/decisions/0015-carry-forward.md).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import event, record, record_all
from concordat.questionnaires.mapping import QuestionLink, mapping_for, unmapped_message
from concordat.questionnaires.models import AnswerType, Question
from concordat.questionnaires.types import RATINGS
from concordat.returns.models import Answer, Return, ReturnState, ReturnVersion, Round
from concordat.returns.vocabulary import ANSWER_FIELDS, FORM_LABELS, improves, is_started, status_of

from .errors import ActionError

# The columns each carried answer's row is written with (one ``executemany`` for a whole round).
_COLUMNS = (
    "ret_id", "question_id", *ANSWER_FIELDS, "revision", "updated_at", "source_name", "source_sha256",
    "carried_from_id", "carried_questions", "carried_status", "carried_evidence", "value",
)  # fmt: skip
# A file belongs to the round it was sent for; every other type is the area's standing position.
_NOT_CARRIED = (AnswerType.FILE,)
# Red → amber → green: the order of progress of a RAG rating.
_RAG_STEP = {rating: step for step, rating in enumerate(RATINGS)}


def position(values: Mapping[str, Any]) -> tuple[str, str]:
    """An answer's standing and what backs it: an assessment's status and evidence, a RAG rating and its
    commentary, another type's value as text (with nothing behind it)."""
    value = values.get("value")
    if isinstance(value, dict) and "rating" in value:
        return str(value.get("rating") or ""), str(value.get("commentary") or "")
    if isinstance(value, list):  # the options chosen, or a table's rows
        return ("; ".join(value) if all(isinstance(v, str) for v in value) else f"{len(value)} rows"), ""
    if value not in (None, "", {}):
        return str(value), ""
    return str(values.get("status") or ""), str(values.get("evidence") or "")


def carried_values(link: QuestionLink, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """The draft values a question starts from, given the earlier version's answers; None: nothing to carry.

    One source (same, renamed, split): its answer as it was. Several (merged): the status if they all gave
    the same one (otherwise none: the area chooses), each source's evidence and descriptions labelled with
    its number, and a tick where any source ticked."""
    entries = [(n, answers[n]) for n in link.sources if n in answers and is_started(answers[n])]
    if not entries:
        return None
    if len(link.sources) == 1:
        return {field: entries[0][1].get(field) for field in (*ANSWER_FIELDS, "value")}
    statuses = {str(e.get("status") or "") for _, e in entries}
    same = len(statuses) == 1 and len(entries) == len(link.sources)

    def joined(field: str) -> str:
        return "\n\n".join(f"From {n}: {e[field]}" for n, e in entries if str(e.get(field) or "").strip())

    return {
        "status": statuses.pop() if same else "",
        "evidence": joined("evidence"),
        "good_practice": any(e.get("good_practice") for _, e in entries),
        "good_practice_description": joined("good_practice_description"),
        "support_required": any(e.get("support_required") for _, e in entries),
        "support_description": joined("support_description"),
        "value": None,
    }


def _rows(
    ret: Return,
    version_id: int,
    content: Mapping[str, Any],
    links: Iterable[tuple[QuestionLink, Question]],
    now: Any,
) -> list[tuple[Any, ...]]:
    answers = content.get("answers") or {}
    value_field = Answer._meta.get_field("value")
    rows = []
    for link, question in links:
        values = carried_values(link, answers)
        if values is None:
            continue
        fields = [values[f] if values[f] is not None else "" for f in ANSWER_FIELDS]
        sources = ",".join(link.sources)
        # Only a status or a rating can improve: another value's standing is not compared (decision 0015).
        status, evidence = position(values) if question.answer_type in _COMPARED else ("", "")
        value = value_field.get_db_prep_save(values["value"], connection)
        rows.append(
            (ret.pk, question.pk, *fields, 1, now, "", "", version_id, sources, status, evidence, value)
        )  # fmt: skip
    return rows


_COMPARED = (AnswerType.ASSESSMENT, AnswerType.TEXT, AnswerType.RAG)


def _carried_questions(rnd: Round, source: Round, mapping: Any) -> list[tuple[QuestionLink, Question]]:
    """The new questionnaire's questions that carry something, each with its link to the earlier ones.

    An assessment carries from any mapped source (merged ones combined). A question of another type carries
    only from one earlier question of the same type: merging ratings, or a value across a change of type,
    has no meaning the area did not give it."""
    earlier = dict(
        Question.objects.filter(questionnaire=source.questionnaire).values_list("number", "answer_type")
    )
    out = []
    for question in Question.objects.filter(questionnaire=rnd.questionnaire).exclude(
        answer_type__in=_NOT_CARRIED
    ):
        link = mapping.link(question.number)
        if link is None or link not in mapping.carried:
            continue
        single_of_same_type = len(link.sources) == 1 and earlier.get(link.sources[0]) == question.answer_type
        if question.answer_type == AnswerType.ASSESSMENT or single_of_same_type:
            out.append((link, question))
    return out


def carry_forward(rnd: Round, source: Round, *, acting_user: User | None) -> list[Return]:
    """Start the drafts of ``rnd`` (a new round without returns) from ``source``'s accepted returns: one
    statement per table, whatever the number of areas; one audit event per draft and one for the round.
    Called inside ``create_round``'s transaction."""
    mapping = mapping_for(source.questionnaire, rnd.questionnaire)
    if mapping is None:
        raise ActionError(
            unmapped_message(source.questionnaire, rnd.questionnaire, source.title), field="carry_from"
        )
    links = _carried_questions(rnd, source, mapping)
    counted = ReturnVersion.objects.counted_as_at(source, as_at=None, provisional=False)
    versions = list(
        ReturnVersion.objects.filter(pk__in=[c.version_id for c in counted.values()])
        .order_by("ret__area__name")
        .values_list("pk", "number", "ret__area_id", "ret__area__ons_code", "content")
    )
    rets = Return.objects.bulk_create(
        [
            Return(round=rnd, area_id=area_id, state=ReturnState.NOT_STARTED, carried_from_id=pk)
            for pk, _, area_id, _, _ in versions
        ],
        batch_size=500,
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows: list[tuple[Any, ...]] = []
    for ret, (pk, _, _, _, content) in zip(rets, versions, strict=True):
        rows += _rows(ret, pk, content, links, now)
    _insert(rows)
    record_all(
        event(
            acting_user,
            "return.carried_forward",
            ret,
            area_code=code,
            data={"from_round": source.slug, "from_version": number},
        )
        for ret, (_, number, _, code, _) in zip(rets, versions, strict=True)
    )
    record(
        acting_user,
        "round.carried_forward",
        rnd,
        data={"from_round": source.slug, "returns": len(rets), "answers": len(rows)},
    )
    return rets


def _insert(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(Answer._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])


def unconfirmed_improvement(
    answer: Answer | None, question: Question, values: Mapping[str, Any]
) -> str | None:
    """Why ``values`` cannot be saved over a carried answer: a status that improved on the carried one
    (with the question's polarity), or a RAG rating that did, needs new evidence. None when they can."""
    if answer is None or answer.carried_from_id is None:
        return None
    status, evidence = position(values)
    before = answer.carried_status
    if question.answer_type == AnswerType.RAG:
        if _RAG_STEP.get(status, -1) <= _RAG_STEP.get(before, len(RATINGS)):
            return None
        labels = (RATINGS[before], RATINGS[status])
        needed = "commentary"
    else:
        if not improves(before, status, question.polarity):
            return None
        labels = (FORM_LABELS[status_of(before)], FORM_LABELS[status_of(status)])
        needed = "evidence"
    if _normal(evidence) != _normal(answer.carried_evidence):
        return None
    return (
        f"Question {question.number}: your answer has improved from {labels[0]} to {labels[1]} since the "
        f"last round, so add the new {needed} for it. The {needed} carried forward is not enough"
    )


def _normal(text: object) -> str:
    return " ".join(str(text or "").split())


def confirm_carried(
    ret: Return, question_ids: Iterable[int], *, acting_user: User, now: Any = None
) -> list[str]:
    """Confirm carried answers unchanged (the return is locked and editable). Each confirmation is audited;
    the numbers of the questions confirmed."""
    answers = list(
        Answer.objects.select_for_update(of=("self",))
        .filter(ret=ret, question_id__in=list(question_ids), carried_from__isnull=False)
        .filter(carry_confirmed_at__isnull=True)
        .select_related("question", "carried_from")
    )
    now = now or timezone.now()
    for answer in answers:
        answer.carry_confirmed_at, answer.carry_confirmed_by = now, acting_user
    Answer.objects.bulk_update(answers, ["carry_confirmed_at", "carry_confirmed_by"])
    record_all(
        event(
            acting_user,
            "answer.carry_confirmed",
            answer,
            area_code=ret.area.ons_code,
            data={
                "question": answer.question.number,
                "from_version": answer.carried_from.number if answer.carried_from else None,
            },
        )
        for answer in answers
    )
    return [answer.question.number for answer in answers]
