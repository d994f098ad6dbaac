"""Writing a synthetic round into the database, in the same shape real use leaves behind.

Bulk writes inside one transaction (a round of 152 areas takes well under a second): Return, Answer and
Attachment rows, a ReturnVersion whose content and ``content_hash`` are built exactly as
``returns.content.draft_content`` / ``content_hash`` build them, Signature rows bound to that hash, and an
accepted Review. The generator's recorded truth is kept in ``SyntheticTruth``.

Every synthetic return is accepted, signed or not: the 2013 analysis covered all returns received, and the
published figures (which the generator reproduces) count them all. Signatures follow the generator's
pattern (121 of 149 signed by all three), so the completeness figures show the gaps.
"""

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.analysis.models import GoodPracticeExample, SyntheticTruth
from concordat.analysis.records import AreaAnswers, Status
from concordat.analysis.sources import area_ref, round_areas
from concordat.areas.models import Area, AreaType, Region
from concordat.audit.actions import record
from concordat.questionnaires.definitions import load_questionnaire_file
from concordat.questionnaires.models import Question
from concordat.returns import actions as return_actions
from concordat.returns.content import content_hash
from concordat.returns.models import (
    Answer,
    Attachment,
    Return,
    ReturnState,
    ReturnVersion,
    Review,
    ReviewDecision,
    Round,
    RoundState,
    Signature,
)
from concordat.synthetic.stocktake import SYNTHETIC_LABEL, SyntheticRound, generate_returns

QUESTIONNAIRE = "stocktake-2013"
SYSTEM_USERNAME = "synthetic-data"
SCALE_AREA_PREFIX = "E109"  # E10 9xxxxx: never a real 2013 code
DEFAULT_OPENS = datetime.date(2013, 5, 20)
DEFAULT_DEADLINE = datetime.date(2013, 7, 5)
_SIGNERS = {"hwb_chair": "HWB chair", "chief_executive": "Chief executive", "ccg": "CCG representative"}


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


def _clear(rnd: Round) -> None:
    returns = Return.objects.filter(round=rnd)
    GoodPracticeExample.objects.filter(round=rnd).delete()
    returns.update(latest_version=None)
    Signature.objects.filter(version__ret__round=rnd).delete()
    Review.objects.filter(version__ret__round=rnd).delete()
    ReturnVersion.objects.filter(ret__round=rnd).delete()
    Attachment.objects.filter(answer__ret__round=rnd).delete()
    Answer.objects.filter(ret__round=rnd).delete()
    returns.delete()


def ensure_round(
    slug: str,
    *,
    acting_user: Any,
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


@transaction.atomic
def generate_round(
    slug: str,
    *,
    seed: int,
    acting_user: Any = None,
    areas_scale: int = 1,
    title: str | None = None,
    opens_on: datetime.date = DEFAULT_OPENS,
    deadline: datetime.date = DEFAULT_DEADLINE,
    with_files: bool = True,
) -> Generated:
    """Create (or regenerate) the synthetic round ``slug`` from ``seed``. Deterministic for a seed."""
    if areas_scale < 1:
        raise GenerationError("The areas scale must be 1 or more.")
    rnd = ensure_round(slug, acting_user=acting_user, title=title, opens_on=opens_on, deadline=deadline)
    _clear(rnd)
    if rnd.state == RoundState.DRAFT:
        rnd = return_actions.open_round(rnd, acting_user=acting_user)
    if rnd.state == RoundState.OPEN:
        rnd = return_actions.close_round(rnd, acting_user=acting_user)
    rnd = Round.objects.select_related("questionnaire").get(pk=rnd.pk)
    scale_areas(areas_scale)
    areas = round_areas(rnd)
    definition = rnd.questionnaire.definition
    generated = generate_returns(
        seed=seed, areas=[area_ref(a) for a in areas], questionnaire=definition, round_deadline=rnd.deadline
    )
    user = system_user()
    questions = {q.number: q for q in Question.objects.filter(questionnaire=rnd.questionnaire)}
    area_by_code = {a.ons_code: a for a in areas}
    returned = [r for r in generated.returns if r.returned]

    rets = Return.objects.bulk_create(
        [_return(rnd, area_by_code[r.ons_code], r) for r in returned], batch_size=500
    )
    answer_ids = _insert_answers(rets, returned, questions, user)
    ret_of_area = {ret.area_id: ret.pk for ret in rets}
    attachments = _attachments(
        rnd, answer_ids, ret_of_area, questions, returned, area_by_code, user, with_files
    )

    versions = []
    for ret, data in zip(rets, returned, strict=True):
        content = _content(rnd, ret, data, attachments)
        versions.append(
            ReturnVersion(
                ret=ret,
                number=1,
                content=content,
                content_hash=content_hash(content),
                submitted_by=user,
                submitted_at=ret.first_submitted_at or _at_noon(rnd.deadline),
            )
        )
    ReturnVersion.objects.bulk_create(versions, batch_size=500)
    for ret, version in zip(rets, versions, strict=True):
        ret.latest_version = version
    Return.objects.bulk_update(rets, ["latest_version"], batch_size=500)

    signatures, reviews = [], []
    for ret, version, data in zip(rets, versions, returned, strict=True):
        for hours, role in enumerate(r for r in _SIGNERS if r in data.signed_by):
            signatures.append(
                Signature(
                    version=version,
                    role=role,
                    signed_by=user,
                    signer_name=f"Synthetic {_SIGNERS[role]} ({ret.area.name})",
                    content_hash=version.content_hash,
                    signed_at=_at_noon(data.submitted_on or rnd.deadline, hours + 1),
                )
            )
        decided = max(data.submitted_on or rnd.deadline, rnd.deadline) + datetime.timedelta(days=14)
        reviews.append(
            Review(
                version=version,
                decision=ReviewDecision.ACCEPTED,
                comment="Synthetic return, accepted for the analysis.",
                decided_by=user,
                decided_at=_at_noon(decided),
            )
        )
    Signature.objects.bulk_create(signatures, batch_size=1000)
    Review.objects.bulk_create(reviews, batch_size=1000)

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
    return Generated(rnd, generated, len(rets), len(versions))


def _insert_answers(
    rets: list[Return], returned: list[AreaAnswers], questions: dict[str, Question], user: User
) -> dict[tuple[int, int], int]:
    """Answer rows by one ``executemany``: the bulk of a round's rows (about 8,500 for 152 areas), for which
    the ORM's per-object work would be most of the generation time.

    Returns (return id, question id) → answer id for the answers that carry files."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(Answer._meta.db_table)
    columns = (
        "ret_id", "question_id", "status", "evidence", "good_practice", "good_practice_description",
        "support_required", "support_description", "revision", "updated_at", "updated_by_id",
        "source_name", "source_sha256",
    )  # fmt: skip
    rows = []
    with_files: list[tuple[int, int]] = []
    for ret, data in zip(rets, returned, strict=True):
        for number, answer in data.answers.items():
            status = "" if answer.status is Status.BLANK else answer.status.value
            started = status or answer.evidence.strip() or answer.good_practice or answer.support_required
            if not (started or answer.attachments):
                continue
            question = questions[number]
            rows.append(
                (
                    ret.pk,
                    question.pk,
                    status,
                    answer.evidence,
                    answer.good_practice,
                    answer.good_practice_description,
                    answer.support_required,
                    answer.support_description,
                    1,
                    now,
                    user.pk,
                    "",
                    "",
                )
            )
            if answer.attachments:
                with_files.append((ret.pk, question.pk))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])
    wanted = set(with_files)
    found = Answer.objects.filter(ret_id__in={r for r, _ in wanted}, question_id__in={q for _, q in wanted})
    return {(r, q): pk for pk, r, q in found.values_list("pk", "ret_id", "question_id") if (r, q) in wanted}


def _return(rnd: Round, area: Area, data: AreaAnswers) -> Return:
    submitted = _at_noon(data.submitted_on or rnd.deadline)
    return Return(
        round=rnd,
        area=area,
        state=ReturnState.ACCEPTED,
        completed_by_name=data.completed_by[:200],
        completed_by_organisation=area.name,
        completed_by_contact="synthetic@example.invalid",
        details_revision=1,
        first_submitted_at=submitted,
    )


def _attachments(
    rnd: Round,
    answer_ids: dict[tuple[int, int], int],
    ret_of_area: dict[int, int],
    questions: dict[str, Question],
    returned: list[AreaAnswers],
    area_by_code: dict[str, Area],
    user: User,
    with_files: bool,
) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """Placeholder files for the generator's attachment names; (return id, question) → content entries."""
    rows: list[Attachment] = []
    keys: list[tuple[int, str]] = []
    for data in returned:
        area = area_by_code[data.ons_code]
        for number, answer in data.answers.items():
            for name in answer.attachments:
                body = f"SYNTHETIC placeholder: {name} ({area.name}, question {number}, round {rnd.slug})\n"
                digest = hashlib.sha256(body.encode()).hexdigest()
                ret_id = ret_of_area[area.pk]
                attachment = Attachment(
                    answer_id=answer_ids[(ret_id, questions[number].pk)],
                    original_name=name,
                    content_type="text/plain",
                    size=len(body.encode()),
                    sha256=digest,
                    uploaded_by=user,
                )
                path = f"attachments/{digest[:2]}/{digest}"
                if with_files and not default_storage.exists(path):
                    default_storage.save(path, ContentFile(body.encode()))
                attachment.file.name = path
                keys.append((ret_id, number))
                rows.append(attachment)
    Attachment.objects.bulk_create(rows, batch_size=1000)
    out: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for key, attachment in zip(keys, rows, strict=True):
        out.setdefault(key, []).append(
            {"name": attachment.original_name, "sha256": attachment.sha256, "id": attachment.pk}
        )
    return out


def _content(
    rnd: Round, ret: Return, data: AreaAnswers, attachments: dict[tuple[int, str], list[dict[str, Any]]]
) -> dict[str, Any]:
    """The same dictionary ``returns.content.draft_content`` builds from these rows."""
    answers: dict[str, Any] = {}
    for number, answer in data.answers.items():
        files = attachments.get((ret.pk, number), [])
        status = "" if answer.status is Status.BLANK else answer.status.value
        started = bool(status or answer.evidence.strip() or answer.good_practice or answer.support_required)
        if not (started or files):
            continue
        answers[number] = {
            "status": status,
            "evidence": answer.evidence,
            "good_practice": answer.good_practice,
            "good_practice_description": answer.good_practice_description,
            "support_required": answer.support_required,
            "support_description": answer.support_description,
            "attachments": files,
        }
    return {
        "round": rnd.slug,
        "questionnaire": {"slug": rnd.questionnaire.slug, "version": rnd.questionnaire.version},
        "area": ret.area.ons_code,
        "completed_by": {
            "name": ret.completed_by_name,
            "organisation": ret.completed_by_organisation,
            "contact": ret.completed_by_contact,
        },
        "answers": answers,
    }
