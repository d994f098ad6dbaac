"""Loading many accepted returns at once (generated rounds, benchmarks), in the shape real use leaves behind.

Bulk writes inside one transaction: Return, Answer and Attachment rows, a first ReturnVersion whose content
and hash are built by ``returns.content`` exactly as a submission builds them, Signature rows bound to that
hash, and an accepted Review. One audit event records the load; another the removal of a generated round's
returns before it is generated again.
"""

import datetime
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.audit.actions import record
from concordat.questionnaires.models import Question
from concordat.returns.content import answer_entry, content_hash, is_held, return_content
from concordat.returns.models import (
    Answer,
    Attachment,
    Return,
    ReturnState,
    ReturnVersion,
    Review,
    ReviewDecision,
    Round,
    Signature,
)
from concordat.returns.vocabulary import ANSWER_FIELDS

from .errors import ActionError


@dataclass(frozen=True, slots=True)
class LoadedFile:
    name: str
    body: bytes
    content_type: str = "text/plain"


@dataclass(frozen=True, slots=True)
class LoadedAnswer:
    question: str  # its number
    values: Mapping[str, Any]  # the fields in ``vocabulary.ANSWER_FIELDS``, status as a draft stores it
    files: tuple[LoadedFile, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadedSignature:
    role: str
    signer_name: str
    signed_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class LoadedReturn:
    """One area's accepted return: its draft, its first (and only) version's signatures, its acceptance."""

    area: Area
    completed_by: Mapping[str, str]  # name, organisation, contact
    submitted_at: datetime.datetime
    answers: Sequence[LoadedAnswer]
    signatures: Sequence[LoadedSignature]
    accepted_at: datetime.datetime
    comment: str


@transaction.atomic
def load_accepted_returns(
    rnd: Round,
    returns: Sequence[LoadedReturn],
    *,
    submitted_by: User,
    acting_user: User | None,
    store_files: bool = True,
) -> list[Return]:
    """Write ``returns`` into ``rnd`` (which has none yet) as accepted returns. ``submitted_by`` submits,
    signs and accepts them all; ``acting_user`` is recorded as having loaded them."""
    questions = {q.number: q for q in Question.objects.filter(questionnaire=rnd.questionnaire)}
    rets = Return.objects.bulk_create([_return(rnd, r) for r in returns], batch_size=500)
    answer_ids = _insert_answers(rets, returns, questions, submitted_by)
    files = _attachments(rets, returns, answer_ids, questions, submitted_by, store_files)
    versions = _versions(rets, returns, files, submitted_by)
    for ret, version in zip(rets, versions, strict=True):
        ret.latest_version = version
    Return.objects.bulk_update(rets, ["latest_version"], batch_size=500)
    _sign_and_accept(versions, returns, submitted_by)
    record(acting_user, "returns.bulk_loaded", rnd, data={"returns": len(rets)})
    return rets


@transaction.atomic
def remove_generated_returns(rnd: Round, *, acting_user: User | None) -> int:
    """Delete every return of a synthetic round with its versions, signatures, reviews, answers and
    attachment rows (the files stay: they are shared by content hash). Real returns are never deleted."""
    if not rnd.synthetic:
        raise ActionError(f"The round {rnd.slug} holds real returns; they are never deleted.")
    returns = Return.objects.filter(round=rnd)
    returns.update(latest_version=None)
    Signature.objects.filter(version__ret__round=rnd).delete()
    Review.objects.filter(version__ret__round=rnd).delete()
    ReturnVersion.objects.filter(ret__round=rnd).delete()
    Attachment.objects.filter(answer__ret__round=rnd).delete()
    Answer.objects.filter(ret__round=rnd).delete()
    removed, _ = returns.delete()
    record(acting_user, "returns.bulk_removed", rnd, data={"returns": removed})
    return removed


def _return(rnd: Round, loaded: LoadedReturn) -> Return:
    return Return(
        round=rnd,
        area=loaded.area,
        state=ReturnState.ACCEPTED,
        completed_by_name=loaded.completed_by["name"][:200],
        completed_by_organisation=loaded.completed_by["organisation"][:200],
        completed_by_contact=loaded.completed_by["contact"][:200],
        details_revision=1,
        first_submitted_at=loaded.submitted_at,
    )


def _held(loaded: LoadedReturn) -> list[LoadedAnswer]:
    return [a for a in loaded.answers if is_held(a.values, attachment_rows=len(a.files))]


def _insert_answers(
    rets: list[Return], returns: Sequence[LoadedReturn], questions: dict[str, Question], user: User
) -> dict[tuple[int, int], int]:
    """Answer rows by one ``executemany``: the bulk of a round's rows (about 8,500 for 152 areas), for which
    the ORM's per-object work would be most of the load time.

    Returns (return id, question id) → answer id for the answers that carry files."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    table = connection.ops.quote_name(Answer._meta.db_table)
    columns = (
        "ret_id", "question_id", *ANSWER_FIELDS, "revision", "updated_at", "updated_by_id",
        "source_name", "source_sha256",
    )  # fmt: skip
    rows = []
    with_files: set[tuple[int, int]] = set()
    for ret, loaded in zip(rets, returns, strict=True):
        for answer in _held(loaded):
            question_id = questions[answer.question].pk
            values = [answer.values[field] for field in ANSWER_FIELDS]
            rows.append((ret.pk, question_id, *values, 1, now, user.pk, "", ""))
            if answer.files:
                with_files.add((ret.pk, question_id))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])
    found = Answer.objects.filter(
        ret_id__in={r for r, _ in with_files}, question_id__in={q for _, q in with_files}
    )
    return {
        (r, q): pk for pk, r, q in found.values_list("pk", "ret_id", "question_id") if (r, q) in with_files
    }


def _attachments(
    rets: list[Return],
    returns: Sequence[LoadedReturn],
    answer_ids: dict[tuple[int, int], int],
    questions: dict[str, Question],
    user: User,
    store_files: bool,
) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """The answers' files as Attachment rows; (return id, question number) → the version's file entries."""
    rows: list[Attachment] = []
    keys: list[tuple[int, str]] = []
    for ret, loaded in zip(rets, returns, strict=True):
        for answer in loaded.answers:
            for file in answer.files:
                rows.append(
                    _attachment(answer_ids[(ret.pk, questions[answer.question].pk)], file, user, store_files)
                )
                keys.append((ret.pk, answer.question))
    Attachment.objects.bulk_create(rows, batch_size=1000)
    entries: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for key, attachment in zip(keys, rows, strict=True):
        entries.setdefault(key, []).append(
            {"name": attachment.original_name, "sha256": attachment.sha256, "id": attachment.pk}
        )
    return entries


def _attachment(answer_id: int, file: LoadedFile, user: User, store: bool) -> Attachment:
    digest = hashlib.sha256(file.body).hexdigest()
    attachment = Attachment(
        answer_id=answer_id,
        original_name=file.name,
        content_type=file.content_type,
        size=len(file.body),
        sha256=digest,
        uploaded_by=user,
    )
    path = f"attachments/{digest[:2]}/{digest}"
    if store and not default_storage.exists(path):
        default_storage.save(path, ContentFile(file.body))
    attachment.file.name = path
    return attachment


def _versions(
    rets: list[Return],
    returns: Sequence[LoadedReturn],
    files: dict[tuple[int, str], list[dict[str, Any]]],
    user: User,
) -> list[ReturnVersion]:
    versions = []
    for ret, loaded in zip(rets, returns, strict=True):
        answers = {
            a.question: answer_entry(a.values, files.get((ret.pk, a.question), [])) for a in _held(loaded)
        }
        content = return_content(ret, answers)
        versions.append(
            ReturnVersion(
                ret=ret,
                number=1,
                content=content,
                content_hash=content_hash(content),
                submitted_by=user,
                submitted_at=loaded.submitted_at,
            )
        )
    return ReturnVersion.objects.bulk_create(versions, batch_size=500)


def _sign_and_accept(versions: list[ReturnVersion], returns: Sequence[LoadedReturn], user: User) -> None:
    signatures, reviews = [], []
    for version, loaded in zip(versions, returns, strict=True):
        signatures += [
            Signature(
                version=version,
                role=s.role,
                signed_by=user,
                signer_name=s.signer_name,
                content_hash=version.content_hash,
                signed_at=s.signed_at,
            )
            for s in loaded.signatures
        ]
        reviews.append(
            Review(
                version=version,
                decision=ReviewDecision.ACCEPTED,
                comment=loaded.comment,
                decided_by=user,
                decided_at=loaded.accepted_at,
            )
        )
    Signature.objects.bulk_create(signatures, batch_size=1000)
    Review.objects.bulk_create(reviews, batch_size=1000)
