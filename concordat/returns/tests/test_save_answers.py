from typing import Any

import pytest

from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.returns import actions
from concordat.returns.models import Answer, Return, ReturnState
from concordat.returns.tests.builders import signed_off_version
from concordat.rows import insert_rows, update_rows

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def _q(stocktake: Any, number: str) -> Any:
    return stocktake.questionnaire.questions.get(number=number)


def test_a_save_based_on_a_stale_draft_is_refused_and_writes_nothing(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q11, q12 = _q(stocktake, "1.1"), _q(stocktake, "1.2")
    ret = actions.save_answers(
        ret, {q11: {"status": "yes", "evidence": "Harriet's"}}, revisions={}, acting_user=personas["harriet"]
    )
    # Hamid opened the page before Harriet saved: he starts from revision 0 of 1.1.
    with pytest.raises(actions.StaleEdit) as raised:
        actions.save_answers(
            ret,
            {q11: {"status": "no", "evidence": "Hamid's"}, q12: {"status": "yes", "evidence": "new"}},
            revisions={q11.pk: 0, q12.pk: 0},
            acting_user=personas["hamid"],
        )
    conflict = raised.value.conflicts[0]
    assert (
        conflict.question == q11 and conflict.theirs["evidence"] == "Harriet's" and "Harriet" in conflict.by
    )
    assert Answer.objects.get(question=q11).evidence == "Harriet's"
    assert not Answer.objects.filter(question=q12).exists()


def test_two_editors_working_on_different_questions_do_not_conflict(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q11, q12 = _q(stocktake, "1.1"), _q(stocktake, "1.2")
    ret = actions.save_answers(
        ret, {q11: {"status": "yes", "evidence": "A"}}, revisions={}, acting_user=personas["harriet"]
    )
    actions.save_answers(
        ret, {q12: {"status": "no", "evidence": "B"}}, revisions={}, acting_user=personas["hamid"]
    )
    assert Answer.objects.count() == 2


def test_every_saved_answer_is_audited_with_before_and_after(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q = _q(stocktake, "2.4")
    ret = actions.save_answers(
        ret, {q: {"status": "no", "evidence": "No pool."}}, revisions={}, acting_user=personas["harriet"]
    )
    actions.save_answers(
        ret,
        {q: {"status": "partial", "evidence": "Pool planned."}},
        revisions={q.pk: 1},
        acting_user=personas["hamid"],
    )
    events = list(AuditEvent.objects.filter(verb="answer.saved").order_by("id"))
    assert [e.data["before"] and e.data["before"]["status"] for e in events] == [None, "no"]
    assert [e.data["after"]["status"] for e in events] == ["no", "partial"]
    assert events[1].actor == personas["hamid"] and events[1].area_code == HARROW


def test_an_accepted_return_is_locked_until_the_national_team_reopens_it(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    actions.accept_version(version, acting_user=personas["nadia"])
    ret = Return.objects.get(pk=version.ret.pk)
    q = _q(stocktake, "1.1")
    with pytest.raises(actions.ActionError, match="accepted and is locked"):
        actions.save_answers(
            ret, {q: {"status": "no", "evidence": "x"}}, revisions={q.pk: 1}, acting_user=personas["harriet"]
        )
    actions.reopen_return(ret, acting_user=personas["nadia"], reason="Figures need correcting")
    ret.refresh_from_db()
    assert ret.state == ReturnState.IN_PROGRESS
    actions.save_answers(
        ret, {q: {"status": "no", "evidence": "x"}}, revisions={q.pk: 1}, acting_user=personas["harriet"]
    )


def test_over_long_evidence_is_refused_with_a_plain_message(stocktake: Any, personas: dict[str, Any]) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q = _q(stocktake, "1.1")
    with pytest.raises(actions.ActionError, match="20,000 characters or fewer"):
        actions.save_answers(
            ret,
            {q: {"status": "yes", "evidence": "x" * 20_001}},
            revisions={},
            acting_user=personas["harriet"],
        )
    assert not Answer.objects.exists()


def test_an_unknown_status_is_refused(stocktake: Any, personas: dict[str, Any]) -> None:
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q = _q(stocktake, "1.1")
    with pytest.raises(actions.ActionError, match="choose one of the answers"):
        actions.save_answers(ret, {q: {"status": "maybe"}}, revisions={}, acting_user=personas["harriet"])


def test_changing_saved_answers_rewrites_every_field_of_only_those_answers(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    """The one-statement update (``concordat.rows.update_rows``) writes text, flags, revisions, the editor and
    the time of each changed answer, and leaves an unchanged one alone."""
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    q11, q12, q13 = _q(stocktake, "1.1"), _q(stocktake, "1.2"), _q(stocktake, "1.3")
    first = {"status": "yes", "evidence": "first"}
    ret = actions.save_answers(
        ret, {q11: first, q12: first, q13: first}, revisions={}, acting_user=personas["harriet"]
    )
    before = {a.question_id: a for a in Answer.objects.filter(ret=ret)}
    changed = {
        "status": "partial",
        "evidence": "It's 'quoted' ; DROP TABLE x; — and long " * 200,
        "good_practice": True,
        "good_practice_description": "Shared",
    }
    actions.save_answers(
        ret,
        {q11: changed, q12: {**changed, "status": "no"}, q13: first},
        revisions={q.pk: 1 for q in (q11, q12, q13)},
        acting_user=personas["hamid"],
    )
    after = {a.question_id: a for a in Answer.objects.filter(ret=ret)}
    for question, status in ((q11, "partial"), (q12, "no")):
        answer = after[question.pk]
        assert (answer.status, answer.evidence) == (status, str(changed["evidence"]).strip())
        assert answer.good_practice and answer.good_practice_description == "Shared"
        assert answer.revision == 2 and answer.updated_by == personas["hamid"]
        assert answer.updated_at > before[question.pk].updated_at
    assert after[q13.pk].revision == 1 and after[q13.pk].updated_by == personas["harriet"]


@pytest.mark.django_db
def test_the_one_statement_update_keeps_every_kind_of_typed_value_and_empty_ones(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    """``update_rows`` sends a column's values together (PostgreSQL: one array each): JSON lists, objects,
    numbers, text with quotes and none at all come back as they were sent, each on its own row."""
    ret = Return(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    questions = [_q(stocktake, n) for n in ("1.1", "1.2", "1.3", "1.4", "1.5")]
    ret = actions.save_answers(
        ret,
        {q: {"status": "yes", "evidence": "x"} for q in questions},
        revisions={},
        acting_user=personas["harriet"],
    )
    values: list[Any] = [[{"a": 1}, {"b": 'it\'s "q"'}], {"rows": [1, 2.5]}, 42, "2026-01-31", None]
    answers = sorted(Answer.objects.filter(ret=ret), key=lambda a: a.question.number)
    for answer, value in zip(answers, values, strict=True):
        answer.value, answer.revision, answer.evidence = value, 7, f"e'{value}"
    update_rows(answers, ["value", "revision", "evidence"])
    after = {a.pk: a for a in Answer.objects.filter(ret=ret)}
    assert [after[a.pk].value for a in answers] == values
    assert [after[a.pk].evidence for a in answers] == [f"e'{v}" for v in values]
    assert {a.revision for a in after.values()} == {7}


def test_the_one_statement_insert_gives_each_row_its_id_defaults_and_typed_values(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    """``insert_rows`` (PostgreSQL: an array per column) stores each object's own values in its own row, gives
    it its id, and fills what saving would: the database defaults and the ``auto_now`` time."""
    ret = Return.objects.create(round=stocktake, area=Area.objects.get(ons_code=HARROW))
    questions = [_q(stocktake, n) for n in ("1.1", "1.2", "1.3", "1.4")]
    values: list[Any] = [{"rows": [1, 2.5], "é": 'it\'s "q"'}, [True, None], 2**70, None]
    answers = [
        Answer(ret=ret, question=q, evidence=f"e{i}'; --", value=v, revision=i, good_practice=i % 2 == 1)
        for i, (q, v) in enumerate(zip(questions, values, strict=True), start=1)
    ]
    insert_rows(answers)
    stored = {a.pk: a for a in Answer.objects.filter(ret=ret)}
    assert sorted(stored) == sorted(a.pk for a in answers) and None not in stored
    for i, answer in enumerate(answers, start=1):
        row = stored[answer.pk]
        assert (row.question_id, row.evidence, row.revision) == (questions[i - 1].pk, f"e{i}'; --", i)
        assert row.value == values[i - 1] and row.good_practice is (i % 2 == 1)
        assert row.carried_status == row.carried_evidence == answer.carried_status == ""
        assert row.updated_at is not None and row.updated_at == answer.updated_at
