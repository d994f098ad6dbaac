"""The review lifecycle: the table has no dead end, the drawing in docs/ matches it, every transition is
walked through the real actions (each audited), steps it does not offer are refused, and the pages show the
next step for whoever can take it."""

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.questionnaires.models import Question
from concordat.returns import actions, lifecycle
from concordat.returns.lifecycle import Actor, Stage, Step
from concordat.returns.models import Return, ReturnState
from concordat.returns.tests.builders import change_answer, return_at

HARROW = "E09000015"
DOC = Path(__file__).resolve().parents[3] / "docs" / "review-lifecycle.md"


def test_the_stored_states_are_the_lifecycle_stages() -> None:
    assert set(ReturnState.values) == {s.value for s in Stage}
    assert dict(ReturnState.choices) == {s.value: lifecycle.STAGE_LABELS[s] for s in Stage}


def test_every_stage_but_accepted_offers_a_step_and_every_stage_can_still_reach_accepted() -> None:
    for stage in Stage:
        assert lifecycle.steps_for(stage, list(Actor)), f"{stage} offers no step to anyone"
        assert Stage.ACCEPTED in lifecycle.reachable_from(stage), f"{stage} cannot reach accepted"
    assert {Stage.ACCEPTED} == lifecycle.FINAL


def test_after_an_answer_the_national_team_can_accept_or_query_again_and_the_area_can_revise() -> None:
    assert lifecycle.targets(Stage.ANSWERED, Step.ACCEPT, Actor.NATIONAL) == (Stage.ACCEPTED,)
    assert lifecycle.targets(Stage.ANSWERED, Step.QUERY, Actor.NATIONAL) == (Stage.QUERIED,)
    assert lifecycle.targets(Stage.ANSWERED, Step.EDIT, Actor.EDITOR) == (Stage.IN_PROGRESS,)
    # Only the area's editors edit; the national team corrects, with a reason, and never signs or submits.
    assert not any(
        actor == Actor.NATIONAL and step == Step.EDIT for (_, step, actor) in lifecycle.TRANSITIONS
    )
    assert not lifecycle.targets(Stage.IN_PROGRESS, Step.SUBMIT, Actor.NATIONAL)


def test_the_drawing_in_docs_is_the_table() -> None:
    drawn = set(re.findall(r"^\s+(\w+) --> (\w+) : (\w+) \((\w+)\)$", DOC.read_text(encoding="utf-8"), re.M))
    table = {
        (str(stage), str(to), str(step), str(actor))
        for (stage, step, actor), targets in lifecycle.TRANSITIONS.items()
        for to in targets
    }
    assert drawn == table


def test_a_step_the_table_does_not_offer_is_refused() -> None:
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.check(Stage.QUERIED, Step.ACCEPT, Actor.NATIONAL)
    with pytest.raises(lifecycle.NotAllowed):
        lifecycle.arrive(Stage.SUBMITTED, Step.SIGN, Actor.SIGNATORY, Stage.ACCEPTED)


# --- walking every transition through the actions -----------------------------------------------------

Walk = Callable[[Return, Any, dict[str, Any]], None]


def _edit(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    change_answer(ret, p["harriet"])


def _correct(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    question = Question.objects.get(questionnaire=rnd.questionnaire, number="1.1")
    revision = ret.answers.get(question=question).revision if ret.pk else 0
    actions.correct_answers(
        ret,
        {question: {"status": "no", "evidence": "No; corrected."}},
        revisions={question.pk: revision},
        reason="The area asked us to fix a typing slip.",
        acting_user=p["nadia"],
    )


def _submit(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    actions.submit_return(ret, acting_user=p["harriet"])


def _sign(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    assert ret.latest_version is not None
    version = ret.latest_version
    actions.sign_version(version, "hwb_chair", seen_hash=version.content_hash, acting_user=p["hugh"])


def _query(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    assert ret.latest_version is not None
    actions.query_version(ret.latest_version, acting_user=p["nadia"], comment="Please explain 3.1.")


def _answer(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    review = ret.latest_version.reviews.order_by("-id").first() if ret.latest_version else None
    assert review is not None
    actions.respond_to_query(review, acting_user=p["harriet"], response="It is in the minutes of 4 June.")


def _accept(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    assert ret.latest_version is not None
    actions.accept_version(ret.latest_version, acting_user=p["nadia"])


def _reopen(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    actions.reopen_return(ret, acting_user=p["nadia"], reason="The area found an error in 4.2.")


def _resubmit_unchanged(ret: Return, rnd: Any, p: dict[str, Any]) -> None:
    # Reached from a stage with a version: edited, changed back, submitted.
    assert ret.latest_version is not None
    original = ret.latest_version.content["answers"]["1.1"]
    change_answer(ret, p["harriet"])
    question = Question.objects.get(questionnaire=rnd.questionnaire, number="1.1")
    revision = ret.answers.get(question=question).revision
    actions.save_answers(
        ret, {question: original}, revisions={question.pk: revision}, acting_user=p["harriet"]
    )
    assert Return.objects.get(pk=ret.pk).state == Stage.IN_PROGRESS
    actions.submit_return(ret, acting_user=p["harriet"])


WALKS: dict[Step, Walk] = {
    Step.EDIT: _edit,
    Step.CORRECT: _correct,
    Step.SUBMIT: _submit,
    Step.SIGN: _sign,
    Step.QUERY: _query,
    Step.ANSWER: _answer,
    Step.ACCEPT: _accept,
    Step.REOPEN: _reopen,
}
# RESUBMIT_UNCHANGED starts in progress but needs a version: (the version's stage, signed) → where it ends.
UNCHANGED_FROM = [
    ("submitted", True, Stage.SUBMITTED),
    ("signed_off", True, Stage.SIGNED_OFF),
    ("queried", True, Stage.QUERIED),
    ("answered", True, Stage.ANSWERED),
]
# Signing while a query runs needs a version still missing a signature.
UNSIGNED_FOR = {(Stage.QUERIED, Step.SIGN), (Stage.ANSWERED, Step.SIGN)}
TABLE = [key for key in lifecycle.TRANSITIONS if key[1] != Step.RESUBMIT_UNCHANGED]


@pytest.mark.django_db
@pytest.mark.parametrize(("stage", "step", "actor"), TABLE, ids=[f"{s}-{p}-{a}" for s, p, a in TABLE])
def test_each_transition_through_its_action_lands_where_the_table_says_and_is_audited(
    stage: Stage, step: Step, actor: Actor, stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = return_at(stage, stocktake, personas, signed=(stage, step) not in UNSIGNED_FOR)
    assert ret.state == stage
    before = AuditEvent.objects.count()
    WALKS[step](ret, stocktake, personas)
    after = Return.objects.get(round=stocktake, area__ons_code=HARROW)
    assert after.state in lifecycle.TRANSITIONS[(stage, step, actor)]
    assert AuditEvent.objects.count() > before


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "signed", "lands"), UNCHANGED_FROM)
def test_resubmitting_unchanged_content_restores_the_versions_stage_and_is_audited(
    start: str, signed: bool, lands: Stage, stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = return_at(start, stocktake, personas, signed=signed)
    _resubmit_unchanged(ret, stocktake, personas)
    after = Return.objects.get(pk=ret.pk)
    assert after.state == lands
    assert after.versions.count() == 1
    event = AuditEvent.objects.filter(verb="return.resubmitted_unchanged").get()
    assert event.data == {"version": 1, "stage": str(lands)}


@pytest.mark.django_db
def test_submitting_a_queried_version_unchanged_is_refused_with_what_to_do(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = return_at("queried", stocktake, personas)
    with pytest.raises(actions.ActionError, match="Answer the query"):
        actions.submit_return(ret, acting_user=personas["harriet"])
    assert Return.objects.get(pk=ret.pk).state == Stage.QUERIED


@pytest.mark.django_db
def test_an_unsigned_version_cannot_be_accepted_after_its_query_is_answered(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = return_at("answered", stocktake, personas, signed=False)
    with pytest.raises(actions.ActionError, match="once all three signatories have signed"):
        _accept(ret, stocktake, personas)
    assert Return.objects.get(pk=ret.pk).state == Stage.ANSWERED


@pytest.mark.django_db
def test_steps_outside_the_table_are_refused_and_change_nothing(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    queried = return_at("queried", stocktake, personas)
    with pytest.raises(actions.ActionError):
        _accept(queried, stocktake, personas)
    with pytest.raises(actions.ActionError):
        _query(queried, stocktake, personas)
    _answer(queried, stocktake, personas)
    with pytest.raises(actions.ActionError, match="already been answered"):
        _answer(queried, stocktake, personas)
    change_answer(queried, personas["harriet"])
    with pytest.raises(actions.ActionError, match="changed since this version was submitted"):
        _sign(Return.objects.get(pk=queried.pk), stocktake, personas)
    assert Return.objects.get(pk=queried.pk).state == Stage.IN_PROGRESS


# --- the pages show the next step ----------------------------------------------------------------------

# Who can move each stage on, and the step their task list and version page show (hand-written).
EXPECTED_STEPS: dict[str, list[tuple[str, str]]] = {
    "not_started": [("harriet", "Fill in the sections below")],
    "in_progress": [("harriet", "Check your answers and submit")],
    "submitted": [("hugh", "Read and sign version 1"), ("nadia", "Review version 1: query it now")],
    "signed_off": [("nadia", "Review version 1: accept it or query it")],
    "queried": [("harriet", "Read and answer the query")],
    "answered": [("nadia", "Read the area's answer about version 1, then accept it or query it again")],
    "accepted": [("nadia", "Reopen this return for changes")],
}


def _next_steps_on(page: str) -> list[str]:
    block = page.split('id="next-steps"', 1)[1].split("</div>", 1)[0] if 'id="next-steps"' in page else ""
    return [
        html.unescape(t).strip() for t in re.findall(r'<a class="govuk-link" href="[^"]+">([^<]+)</a>', block)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("stage", list(EXPECTED_STEPS))
def test_the_task_list_and_version_page_show_the_next_step_to_whoever_can_take_it(
    stage: str, stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    ret = return_at(stage, stocktake, personas)
    base = f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/"
    for username, text in EXPECTED_STEPS[stage]:
        client = login(username)
        pages = [base] + ([f"{base}versions/1/"] if ret.latest_version_id else [])
        for url in pages:
            shown = _next_steps_on(client.get(url).content.decode())
            assert any(s.startswith(text) for s in shown), (username, url, shown)


@pytest.mark.django_db
def test_read_and_answer_the_query_disappears_once_the_query_is_answered(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    ret = return_at("queried", stocktake, personas)
    client = login("harriet")
    base = f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/"
    assert "Read and answer the query" in _next_steps_on(client.get(base).content.decode())
    client.post(base + "versions/1/respond/", {"response": "It is in the minutes of 4 June."})
    assert Return.objects.get(pk=ret.pk).state == Stage.ANSWERED
    page = client.get(base).content.decode()
    assert "Read and answer the query" not in page
    assert "waiting for the national team to accept the return or query it again" in html.unescape(page)
