"""Writing a synthetic round into the database, in the same shape real use leaves behind.

The returns are written by ``returns.actions.load_accepted_returns`` (bulk writes in one transaction; a
round of 152 areas takes well under a second), which builds each version's content and hash as a submission
does. The generator's recorded truth is kept in ``SyntheticTruth``.

Every synthetic return is accepted, signed or not: the 2013 analysis covered all returns received, and the
published figures (which the generator reproduces) count them all. Signatures follow the generator's
pattern (121 of 149 signed by all three), so the completeness figures show the gaps.
"""

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.analysis.models import SyntheticTruth
from concordat.analysis.records import Answer, AreaAnswers
from concordat.analysis.sources import area_ref, round_areas
from concordat.areas.models import Area, AreaType, Region
from concordat.audit.actions import record
from concordat.questionnaires.definitions import load_questionnaire_file
from concordat.returns import actions as return_actions
from concordat.returns.actions import LoadedAnswer, LoadedFile, LoadedReturn, LoadedSignature
from concordat.returns.models import SYNTHETIC_LABEL, Round, RoundState
from concordat.returns.vocabulary import ANSWER_FIELDS, SIGNATORY_ROLES, SignatoryRole, stored_status
from concordat.synthetic.stocktake import SyntheticRound, generate_returns

QUESTIONNAIRE = "stocktake-2013"
SYSTEM_USERNAME = "synthetic-data"
SCALE_AREA_PREFIX = "E109"  # E10 9xxxxx: never a real 2013 code
DEFAULT_OPENS = datetime.date(2013, 5, 20)
DEFAULT_DEADLINE = datetime.date(2013, 7, 5)
# How a synthetic signer is named: "Synthetic HWB chair (Barnsley)".
_SIGNER_TITLES: dict[str, str] = {
    SignatoryRole.HWB_CHAIR: "HWB chair",
    SignatoryRole.CHIEF_EXECUTIVE: "Chief executive",
    SignatoryRole.CCG: "CCG representative",
}


class GenerationError(Exception):
    """The round cannot be (re)generated; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Generated:
    round: Round
    synthetic: SyntheticRound
    returns: int
    versions: int


def is_throwaway_database() -> bool:
    """A test or in-memory database, or one the operator declared disposable."""
    name = str(connection.settings_dict.get("NAME") or "")
    return (
        Path(name).name.startswith("test_")
        or "memory" in name
        or name == ""
        or bool(getattr(settings, "CONCORDAT_THROWAWAY_DB", False))
    )


def system_user() -> User:
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Synthetic", "last_name": "data", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def scale_areas(factor: int) -> list[Area]:
    """Extra synthetic areas so that a round covers ``152 * factor`` areas. Throwaway databases only."""
    if factor <= 1:
        return []
    if not is_throwaway_database():
        raise GenerationError(
            "Scaled synthetic areas are only created in a throwaway database (the benchmark's), so they can "
            "never be mixed up with the 152 real areas."
        )
    base = Area.objects.current(on=DEFAULT_DEADLINE).exclude(ons_code__startswith=SCALE_AREA_PREFIX).count()
    wanted = base * (factor - 1)
    regions = list(Region.objects.order_by("code"))
    existing = set(
        Area.objects.filter(ons_code__startswith=SCALE_AREA_PREFIX).values_list("ons_code", flat=True)
    )
    new = [
        Area(
            ons_code=f"{SCALE_AREA_PREFIX}{i:05d}",
            name=f"Synthetic area {i:05d}",
            type=AreaType.OTHER,
            type_label="Synthetic area",
            region=regions[i % len(regions)],
            valid_from=datetime.date(2013, 4, 1),
        )
        for i in range(wanted)
        if f"{SCALE_AREA_PREFIX}{i:05d}" not in existing
    ]
    Area.objects.bulk_create(new, batch_size=500)
    return list(Area.objects.filter(ons_code__startswith=SCALE_AREA_PREFIX)[:wanted])


def _at_noon(day: datetime.date, hours: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))) + datetime.timedelta(
        hours=hours
    )


def ensure_round(
    slug: str,
    *,
    acting_user: User | None,
    title: str | None = None,
    opens_on: datetime.date = DEFAULT_OPENS,
    deadline: datetime.date = DEFAULT_DEADLINE,
) -> Round:
    rnd = Round.objects.select_related("questionnaire").filter(slug=slug).first()
    if rnd is not None:
        if not rnd.synthetic:
            raise GenerationError(
                f"The round {slug} holds real returns (it is not a synthetic round); "
                "it will not be overwritten."
            )
        return rnd
    questionnaire, _ = load_questionnaire_file(QUESTIONNAIRE)
    return return_actions.create_round(
        slug=slug,
        title=title or f"Synthetic stocktake ({slug}) \N{EN DASH} generated data, not real returns",
        questionnaire=questionnaire,
        opens_on=opens_on,
        deadline=deadline,
        acting_user=acting_user,
        synthetic=True,
    )


def _prepare_round(
    slug: str,
    *,
    acting_user: User | None,
    title: str | None,
    opens_on: datetime.date,
    deadline: datetime.date,
) -> Round:
    """The synthetic round ``slug``, emptied and closed (as a round is once its returns are in)."""
    rnd = ensure_round(slug, acting_user=acting_user, title=title, opens_on=opens_on, deadline=deadline)
    from concordat.analysis.actions import remove_examples

    remove_examples(rnd, acting_user=acting_user)  # they refer to the versions removed next
    return_actions.remove_generated_returns(rnd, acting_user=acting_user)
    if rnd.state == RoundState.DRAFT:
        rnd = return_actions.open_round(rnd, acting_user=acting_user)
    if rnd.state == RoundState.OPEN:
        rnd = return_actions.close_round(rnd, acting_user=acting_user)
    return Round.objects.select_related("questionnaire").get(pk=rnd.pk)


@transaction.atomic
def generate_round(
    slug: str,
    *,
    seed: int,
    acting_user: User | None = None,
    areas_scale: int = 1,
    title: str | None = None,
    opens_on: datetime.date = DEFAULT_OPENS,
    deadline: datetime.date = DEFAULT_DEADLINE,
    with_files: bool = True,
) -> Generated:
    """Create (or regenerate) the synthetic round ``slug`` from ``seed``. Deterministic for a seed."""
    if areas_scale < 1:
        raise GenerationError("The areas scale must be 1 or more.")
    rnd = _prepare_round(slug, acting_user=acting_user, title=title, opens_on=opens_on, deadline=deadline)
    scale_areas(areas_scale)
    areas = round_areas(rnd)
    generated = generate_returns(
        seed=seed,
        areas=[area_ref(a) for a in areas],
        questionnaire=rnd.questionnaire.definition,
        round_deadline=rnd.deadline,
    )
    area_by_code = {a.ons_code: a for a in areas}
    loaded = [_loaded(rnd, area_by_code[r.ons_code], r) for r in generated.returns if r.returned]
    rets = return_actions.load_accepted_returns(
        rnd, loaded, submitted_by=system_user(), acting_user=acting_user, store_files=with_files
    )
    SyntheticTruth.objects.update_or_create(
        round=rnd,
        defaults={
            "seed": seed,
            "areas": len(areas),
            "label": generated.label[:200],
            "truth": dataclasses.asdict(generated.truth),
        },
    )
    record(
        acting_user,
        "round.synthetic_generated",
        rnd,
        data={"seed": seed, "areas": len(areas), "returns": len(rets), "label": SYNTHETIC_LABEL},
    )
    from concordat.analysis.actions import sync_good_practice

    sync_good_practice(rnd, acting_user=acting_user)
    return Generated(rnd, generated, len(rets), len(rets))


def _loaded(rnd: Round, area: Area, data: AreaAnswers) -> LoadedReturn:
    """One generated return as the returns app loads it: submitted, signed as generated, and accepted."""
    submitted_on = data.submitted_on or rnd.deadline
    signers = [role for role in SIGNATORY_ROLES if role in data.signed_by]
    return LoadedReturn(
        area=area,
        completed_by={
            "name": data.completed_by,
            "organisation": area.name,
            "contact": "synthetic@example.invalid",
        },
        submitted_at=_at_noon(submitted_on),
        answers=[_loaded_answer(rnd, area, number, answer) for number, answer in data.answers.items()],
        signatures=[
            LoadedSignature(
                role, f"Synthetic {_SIGNER_TITLES[role]} ({area.name})", _at_noon(submitted_on, hours)
            )
            for hours, role in enumerate(signers, start=1)
        ],
        accepted_at=_at_noon(max(submitted_on, rnd.deadline) + datetime.timedelta(days=14)),
        comment="Synthetic return, accepted for the analysis.",
    )


def _loaded_answer(rnd: Round, area: Area, number: str, answer: Answer) -> LoadedAnswer:
    # The generator's answers have the draft's fields by the same names; only blank is stored differently.
    values = {field: getattr(answer, field) for field in ANSWER_FIELDS}
    values["status"] = stored_status(answer.status)
    files = tuple(
        LoadedFile(
            name,
            f"SYNTHETIC placeholder: {name} ({area.name}, question {number}, round {rnd.slug})\n".encode(),
        )
        for name in answer.attachments
    )
    return LoadedAnswer(number, values, files)
