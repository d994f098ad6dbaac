"""The next step on a return for whoever is looking, from ``returns.lifecycle`` and the facts of the return.

The task list and the version page show these: the table says which steps the person's roles may take at
the return's stage; the facts (a role still to sign, a version signed off, the round open) narrow them; and
``waiting`` says, in a sentence, whose move it is when the person has none.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.urls import reverse

from concordat.accounts import access as account_access
from concordat.accounts.access import Capability
from concordat.accounts.models import User
from concordat.returns import lifecycle
from concordat.returns.actions import is_signed_off
from concordat.returns.lifecycle import Actor, Stage, Step
from concordat.returns.models import Return, ReturnVersion, RoundState
from concordat.returns.progress import signatory_labels


@dataclass(frozen=True)
class NextStep:
    actor: Actor
    step: Step
    text: str
    url: str


def _prepared(ret: Return) -> ReturnVersion | None:
    """The latest version with its signatures fetched once and its return the one in hand (the steps and the
    sentence ask about signatures several times)."""
    version = ret.latest_version
    if version is not None:
        version.ret = ret
        if not hasattr(version, "_prefetched_objects_cache"):
            prefetch_related_objects([version], "signatures")
    return version


def actors_of(user: User, ret: Return) -> list[Actor]:
    """The parts ``user`` plays for this return's area."""
    actors = []
    if account_access.can(user, Capability.EDIT, ret.area):
        actors.append(Actor.EDITOR)
    if account_access.signatory_roles(user, ret.area):
        actors.append(Actor.SIGNATORY)
    if account_access.is_national(user):
        actors.append(Actor.NATIONAL)
    return actors


def roles_to_sign(user: User, ret: Return) -> list[tuple[str, str]]:
    """The user's signatory roles (role, label) that have not yet signed the latest version."""
    version = _prepared(ret)
    if version is None:
        return []
    signed = set(version.binding_roles())
    mine = account_access.signatory_roles(user, ret.area)
    return [(r, label) for r, label in signatory_labels(ret) if r in mine and r not in signed]


def next_steps(user: User, ret: Return) -> list[NextStep]:
    """What ``user`` can do next with ``ret``, most pressing first (one link per step)."""
    _prepared(ret)
    found: list[NextStep] = []
    for actor, step in lifecycle.steps_for(ret.state, actors_of(user, ret)):
        offered = _offer(user, ret, actor, step)
        if offered and all(s.url != offered.url or s.text != offered.text for s in found):
            found.append(offered)
    return found


def _url(ret: Return, name: str, anchor: str = "", **kwargs: object) -> str:
    base = reverse(
        f"returns:{name}", kwargs={"round_slug": ret.round.slug, "ons_code": ret.area.ons_code, **kwargs}
    )
    return base + (f"#{anchor}" if anchor else "")


def _offer(user: User, ret: Return, actor: Actor, step: Step) -> NextStep | None:
    version = ret.latest_version
    n = version.number if version else 0
    open_round = ret.round.state == RoundState.OPEN
    if step == Step.ANSWER and version:
        return NextStep(
            actor, step, "Read and answer the query", _url(ret, "version_detail", "answer", number=n)
        )
    if step == Step.SIGN and version and roles_to_sign(user, ret):
        return NextStep(
            actor, step, f"Read and sign version {n}", _url(ret, "version_detail", "sign", number=n)
        )
    if step in (Step.ACCEPT, Step.QUERY) and version:
        return NextStep(
            actor, step, _review_text(ret, n, signed_off=is_signed_off(version)), _review_url(ret, n)
        )
    if step in (Step.SUBMIT, Step.RESUBMIT_UNCHANGED) and open_round:
        text = "Check your answers and submit them again" if version else "Check your answers and submit"
        return NextStep(actor, Step.SUBMIT, text, _url(ret, "check_answers"))
    if step == Step.EDIT and open_round and ret.state != Stage.IN_PROGRESS:
        text = (
            "Fill in the sections below"
            if ret.state == Stage.NOT_STARTED
            else "Change the answers: the return must then be submitted and signed again"
        )
        return NextStep(actor, step, text, _url(ret, "task_list", "sections"))
    if step == Step.REOPEN:
        return NextStep(actor, step, "Reopen this return for changes", _url(ret, "reopen"))
    return None


def _review_text(ret: Return, n: int, *, signed_off: bool) -> str:
    if ret.state == Stage.ANSWERED:
        then = (
            "accept it or query it again" if signed_off else "query it again (it can be accepted once signed)"
        )
        return f"Read the area's answer about version {n}, then {then}"
    if signed_off:
        return f"Review version {n}: accept it or query it"
    return f"Review version {n}: query it now, or accept it once all its signatories have signed"


def _review_url(ret: Return, n: int) -> str:
    return _url(ret, "version_detail", "review", number=n)


def waiting(ret: Return) -> str:
    """Where the return stands and whose move it is, in one sentence."""
    version = _prepared(ret)
    n = version.number if version else 0
    stage = Stage(ret.state)
    if stage == Stage.NOT_STARTED:
        return "The area's editors have not started this return."
    if stage == Stage.IN_PROGRESS:
        since = f" since version {n}" if version else ""
        return f"The area's editors are working on the return: it has not been submitted{since}."
    if stage in (Stage.SUBMITTED, Stage.QUERIED, Stage.ANSWERED) and version and not is_signed_off(version):
        missing = _missing_signatures(ret)
        signatures = f" Still to sign: {missing}." if missing else ""
    else:
        signatures = ""
    sentences = {
        Stage.SUBMITTED: f"Version {n} is waiting for its signatures.{signatures}",
        Stage.SIGNED_OFF: f"Version {n} is signed off and waiting for the national team's review.",
        Stage.QUERIED: (
            f"The national team has queried version {n}: waiting for the area's answer.{signatures}"
        ),
        Stage.ANSWERED: (
            f"The area has answered the query about version {n}: waiting for the national team to accept the "
            f"return or query it again.{signatures}"
        ),
        Stage.ACCEPTED: f"Version {n} has been accepted and the return is locked.",
    }
    return sentences[stage]


def _missing_signatures(ret: Return) -> str:
    assert ret.latest_version is not None
    signed = set(ret.latest_version.binding_roles())
    return ", ".join(label for role, label in signatory_labels(ret) if role not in signed)
