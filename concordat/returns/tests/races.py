"""Return races, run in their own process by test_races.py (tests/concurrency.py): two submissions of the same
draft, and two signatures of the same version, at the same moment from two browsers.

``python -m concordat.returns.tests.races SCENARIO TRIALS`` against a migrated database (DATABASE_URL).
"""

from dataclasses import dataclass
from typing import Any

from tests.concurrency import Trial, at_once, race_main

HARROW = "E09000015"


@dataclass
class World:
    round: Any
    ret: Any
    personas: dict[str, Any]
    browsers: dict[str, Any]  # a signed-in django.test.Client per persona (two for the editor)
    base: str


def make_world() -> World:
    from django.test import Client

    from concordat.accounts.personas import create_personas
    from concordat.areas.reference import load_areas
    from concordat.questionnaires.definitions import load_questionnaire_file
    from concordat.returns.demo import ensure_stocktake_round
    from concordat.returns.tests.builders import filled_return

    load_areas()
    load_questionnaire_file("stocktake-2013")
    personas = create_personas()
    rnd = ensure_stocktake_round(personas["nadia"])
    ret = filled_return(rnd, HARROW, personas["harriet"])
    browsers = {}
    for name, user in (("harriet", "harriet"), ("harriet2", "harriet"), ("hugh", "hugh"), ("helen", "helen")):
        browsers[name] = Client(raise_request_exception=False)
        browsers[name].force_login(personas[user])
    return World(rnd, ret, personas, browsers, f"/returns/rounds/{rnd.slug}/areas/{HARROW}/")


def _change_draft(world: World, n: int) -> None:
    from concordat.returns import actions
    from concordat.returns.models import Return

    ret = Return.objects.get(pk=world.ret.pk)
    question = world.round.questionnaire.questions.order_by("position").first()
    answer = ret.answers.get(question=question)
    actions.save_answers(
        ret,
        {question: {"status": "yes", "evidence": f"Yes; trial {n}."}},
        revisions={question.pk: answer.revision},
        acting_user=world.personas["harriet"],
    )


def outcome(response: Any) -> str:
    if isinstance(response, Exception):
        return f"exception: {response!r}"[:200]
    if response.status_code == 302:
        return "302"
    text = response.content.decode(errors="replace")
    return f"{response.status_code} " + (
        "refused: already submitted" if "already been submitted" in text else "other"
    )


def two_submissions(world: World, n: int) -> Trial:
    """The editor submits the same changed draft from two browsers at once: one new version."""
    from concordat.returns.models import ReturnVersion

    _change_draft(world, n)
    before = ReturnVersion.objects.filter(ret=world.ret).count()
    url = world.base + "check/"
    one, two = world.browsers["harriet"], world.browsers["harriet2"]
    outcomes = [outcome(r) for r in at_once(lambda: one.post(url), lambda: two.post(url))]
    made = ReturnVersion.objects.filter(ret=world.ret).count() - before
    wrong = (
        []
        if made == 1 and sorted(outcomes) == ["200 refused: already submitted", "302"]
        else [f"{made} versions, {outcomes}"]
    )
    return Trial(outcomes, duplicates=max(made - 1, 0), wrong=wrong)


def _submitted_and_signed_by_ccg(world: World, n: int) -> Any:
    from concordat.returns import actions
    from concordat.returns.models import Return

    _change_draft(world, n)
    version = actions.submit_return(
        Return.objects.get(pk=world.ret.pk), acting_user=world.personas["harriet"]
    )
    actions.sign_version(version, "ccg", seen_hash=version.content_hash, acting_user=world.personas["hari"])
    return version


def _sign(world: World, browser: str, version: Any, role: str) -> Any:
    form = {"content_hash": version.content_hash, "role": role, "confirm": "on"}
    return world.browsers[browser].post(world.base + f"versions/{version.number}/sign/", form)


def two_signatures(world: World, n: int) -> Trial:
    """The last two signatories sign at once: both signatures count and the return is signed off once."""
    from concordat.audit.models import AuditEvent
    from concordat.returns.models import Return, ReturnState, Signature

    version = _submitted_and_signed_by_ccg(world, n)
    posts = at_once(
        lambda: _sign(world, "hugh", version, "hwb_chair"),
        lambda: _sign(world, "helen", version, "chief_executive"),
    )
    roles = list(Signature.objects.filter(version=version).values_list("role", flat=True))
    signed_off = AuditEvent.objects.filter(verb="return.signed_off", data__version=version.number).count()
    state = Return.objects.get(pk=world.ret.pk).state
    wrong = (
        []
        if sorted(roles) == ["ccg", "chief_executive", "hwb_chair"]
        and signed_off == 1
        and state == ReturnState.SIGNED_OFF
        else [f"roles {roles}, signed off {signed_off} times, state {state}"]
    )
    return Trial([outcome(r) for r in posts], duplicates=len(roles) - len(set(roles)), wrong=wrong)


def double_signature(world: World, n: int) -> Trial:
    """One signatory's sign button pressed twice at once (two tabs): one signature."""
    from concordat.returns.models import Signature

    version = _submitted_and_signed_by_ccg(world, n)
    posts = at_once(
        lambda: _sign(world, "hugh", version, "hwb_chair"), lambda: _sign(world, "hugh", version, "hwb_chair")
    )
    signed = Signature.objects.filter(version=version, role="hwb_chair").count()
    return Trial(
        [outcome(r) for r in posts],
        duplicates=max(signed - 1, 0),
        wrong=[] if signed == 1 else [f"{signed} signatures"],
    )


SCENARIOS = {
    "two_submissions": two_submissions,
    "two_signatures": two_signatures,
    "double_signature": double_signature,
}

if __name__ == "__main__":
    race_main(SCENARIOS, make_world)
