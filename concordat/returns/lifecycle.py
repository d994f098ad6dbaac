"""A return's review lifecycle, written once: who may take which step from which stage, and where it leads.

Pure Python, no Django. ``ReturnState`` (the stored stage) takes its values and labels from ``Stage``; every
action in ``returns/actions`` asks ``check`` before it changes a return's stage and ``arrive`` after; the task
list and the version page list the steps ``steps_for`` offers whoever is looking. ``docs/review-lifecycle.md``
draws the same table and ``returns/tests/test_lifecycle.py`` keeps the drawing and the table in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class Stage(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    SIGNED_OFF = "signed_off"
    QUERIED = "queried"
    ANSWERED = "answered"
    ACCEPTED = "accepted"


STAGE_LABELS: Mapping[Stage, str] = {
    Stage.NOT_STARTED: "Not started",
    Stage.IN_PROGRESS: "In progress",
    Stage.SUBMITTED: "Submitted",
    Stage.SIGNED_OFF: "Signed off",
    Stage.QUERIED: "Queried",
    Stage.ANSWERED: "Query answered",
    Stage.ACCEPTED: "Accepted",
}


class Actor(StrEnum):
    """Who takes a step: the area's editors, its signatories, or the national team."""

    EDITOR = "editor"
    SIGNATORY = "signatory"
    NATIONAL = "national"


class Step(StrEnum):
    EDIT = "edit"  # change the draft (an answer or who completed it)
    CORRECT = "correct"  # the national team changes an answer on the area's behalf, with a reason
    SUBMIT = "submit"  # freeze a changed draft as a new version: earlier signatures no longer count
    RESUBMIT_UNCHANGED = "resubmit_unchanged"  # edited and changed back: the latest version stands again
    SIGN = "sign"  # one signatory role signs the latest version; the last of them signs it off
    QUERY = "query"  # the national team returns the latest version with a question
    ANSWER = "answer"  # the area answers the query without changing the version
    ACCEPT = "accept"  # the national team accepts a signed-off latest version, which locks the return
    REOPEN = "reopen"  # the national team reopens an accepted return, with a reason


_S, _A, _P = Stage, Actor, Step
_EDITABLE = (_S.NOT_STARTED, _S.IN_PROGRESS, _S.SUBMITTED, _S.SIGNED_OFF, _S.QUERIED, _S.ANSWERED)
# The stages a version can stand at again when the draft is changed back to it (RESUBMIT_UNCHANGED).
_VERSION_STAGES = (_S.SUBMITTED, _S.SIGNED_OFF, _S.QUERIED, _S.ANSWERED)

# (stage, step, actor) → the stages the step may lead to. Where there is more than one, the facts decide
# (the last signature signs off; an unchanged draft returns to the stage its version stood at).
TRANSITIONS: Mapping[tuple[Stage, Step, Actor], tuple[Stage, ...]] = {
    **{(stage, _P.EDIT, _A.EDITOR): (_S.IN_PROGRESS,) for stage in _EDITABLE},
    **{(stage, _P.CORRECT, _A.NATIONAL): (_S.IN_PROGRESS,) for stage in _EDITABLE},
    (_S.IN_PROGRESS, _P.SUBMIT, _A.EDITOR): (_S.SUBMITTED,),
    (_S.IN_PROGRESS, _P.RESUBMIT_UNCHANGED, _A.EDITOR): _VERSION_STAGES,
    (_S.SUBMITTED, _P.SIGN, _A.SIGNATORY): (_S.SUBMITTED, _S.SIGNED_OFF),
    (_S.SUBMITTED, _P.QUERY, _A.NATIONAL): (_S.QUERIED,),
    (_S.SIGNED_OFF, _P.QUERY, _A.NATIONAL): (_S.QUERIED,),
    (_S.SIGNED_OFF, _P.ACCEPT, _A.NATIONAL): (_S.ACCEPTED,),
    # A version queried before all its signatures were given can still be signed while the query runs.
    (_S.QUERIED, _P.SIGN, _A.SIGNATORY): (_S.QUERIED,),
    (_S.QUERIED, _P.ANSWER, _A.EDITOR): (_S.ANSWERED,),
    (_S.ANSWERED, _P.SIGN, _A.SIGNATORY): (_S.ANSWERED,),
    (_S.ANSWERED, _P.QUERY, _A.NATIONAL): (_S.QUERIED,),
    # Only once the version is signed off (the action checks).
    (_S.ANSWERED, _P.ACCEPT, _A.NATIONAL): (_S.ACCEPTED,),
    (_S.ACCEPTED, _P.REOPEN, _A.NATIONAL): (_S.IN_PROGRESS,),
}

FINAL: frozenset[Stage] = frozenset({Stage.ACCEPTED})
# The stages at which the area's latest version stands sent to the national team (the public progress counts).
SENT: tuple[Stage, ...] = (Stage.SUBMITTED, Stage.SIGNED_OFF, Stage.ACCEPTED, Stage.QUERIED, Stage.ANSWERED)
# The order steps are offered in, most pressing first.
STEP_ORDER: tuple[Step, ...] = (
    Step.ANSWER,
    Step.SIGN,
    Step.ACCEPT,
    Step.QUERY,
    Step.SUBMIT,
    Step.RESUBMIT_UNCHANGED,
    Step.EDIT,
    Step.CORRECT,
    Step.REOPEN,
)


class NotAllowed(Exception):
    """The step is not one the lifecycle offers this actor at this stage."""

    def __init__(self, stage: Stage, step: Step, actor: Actor) -> None:
        super().__init__(f"{actor} cannot {step} a return that is {STAGE_LABELS[stage].lower()}")
        self.stage, self.step, self.actor = stage, step, actor


def targets(stage: Stage | str, step: Step, actor: Actor) -> tuple[Stage, ...]:
    """Where ``step`` may lead from ``stage`` when ``actor`` takes it; empty when it is not allowed."""
    return TRANSITIONS.get((Stage(stage), step, actor), ())


def check(stage: Stage | str, step: Step, actor: Actor) -> tuple[Stage, ...]:
    """The step's possible next stages, or ``NotAllowed``."""
    found = targets(stage, step, actor)
    if not found:
        raise NotAllowed(Stage(stage), step, actor)
    return found


def arrive(stage: Stage | str, step: Step, actor: Actor, to: Stage | str) -> Stage:
    """``to``, after checking that the table lets ``step`` lead there (an action's last word)."""
    if Stage(to) not in check(stage, step, actor):
        raise NotAllowed(Stage(stage), step, actor)
    return Stage(to)


def steps_for(stage: Stage | str, actors: Iterable[Actor]) -> list[tuple[Actor, Step]]:
    """The steps the table offers these actors at ``stage``, most pressing first."""
    mine = set(actors)
    found = [(actor, step) for (s, step, actor) in TRANSITIONS if s == Stage(stage) and actor in mine]
    return sorted(found, key=lambda pair: (STEP_ORDER.index(pair[1]), list(Actor).index(pair[0])))


def reachable_from(stage: Stage) -> set[Stage]:
    """Every stage some sequence of steps can reach from ``stage`` (itself included)."""
    seen, todo = {stage}, [stage]
    while todo:
        current = todo.pop()
        for (s, _, _), leads_to in TRANSITIONS.items():
            if s == current:
                for nxt in leads_to:
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
    return seen
