"""Every change the national analysis makes. Each action is one transaction and appends audit events."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires.models import Question
from concordat.returns.actions import ActionError
from concordat.returns.models import ReturnVersion, Round

from . import search
from .models import THEME_CHOICES, GoodPracticeExample

__all__ = ["ActionError", "SyncResult", "remove_examples", "review_example", "sync_good_practice"]


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    removed: int


@dataclass
class _Sync:
    """The library's examples for one round, and what a sync does to them."""

    existing: dict[tuple[int, int], GoodPracticeExample]
    seen: set[tuple[int, int]] = field(default_factory=set)
    created: list[GoodPracticeExample] = field(default_factory=list)
    changed: list[GoodPracticeExample] = field(default_factory=list)

    def offer(self, rnd: Round, version: ReturnVersion, question: Question, data: dict[str, Any]) -> None:
        """One answer ticked as good practice in ``version``: a new example, or the existing one updated."""
        area = version.ret.area
        key = (area.pk, question.pk)
        self.seen.add(key)
        values = {
            "description": data.get("good_practice_description", ""),
            "evidence": data.get("evidence", ""),
            "attachments": data.get("attachments", []),
        }
        example = self.existing.get(key)
        if example is None:
            example = GoodPracticeExample(round=rnd, area=area, question=question, version=version, **values)
            example.search_text = search.search_text(example)
            self.created.append(example)
            return
        if example.version_id == version.pk:
            return
        if example.description != values["description"] or example.evidence != values["evidence"]:
            example.reviewed_at, example.reviewed_by, example.publishable = None, None, False
        for name, value in values.items():
            setattr(example, name, value)
        example.version = version
        example.search_text = search.search_text(example)
        self.changed.append(example)

    def stale(self) -> list[int]:
        return [e.pk for key, e in self.existing.items() if key not in self.seen]


def _offered(data: dict[str, Any], *, shares: bool) -> dict[str, Any] | None:
    """An answer as a good-practice example, or None: an assessment ticked as good practice, or a written
    answer to a question the definition names in ``good_practice_questions`` (the May 2014 update's
    "examples to share"), whose text is the description."""
    if data.get("good_practice"):
        return data
    value = data.get("value")
    if shares and isinstance(value, str) and value.strip():
        return {"good_practice_description": value.strip()}
    return None


@transaction.atomic
def sync_good_practice(rnd: Round, *, acting_user: User | None) -> SyncResult:
    """Bring the library in step with the round's latest submitted versions.

    Every answer offered as good practice (``_offered``) becomes (or stays) an example. A changed description
    or evidence clears the review (the national team reviews what is now offered); examples no longer offered
    are removed.
    """
    counted = ReturnVersion.objects.counted_as_at(rnd, provisional=True, as_at=None)
    questions = {q.number: q for q in Question.objects.filter(questionnaire=rnd.questionnaire)}
    sync = _Sync(
        {
            (e.area_id, e.question_id): e
            for e in GoodPracticeExample.objects.filter(round=rnd).select_related("area__region", "question")
        }
    )
    versions = ReturnVersion.objects.filter(pk__in=[c.version_id for c in counted.values()]).select_related(
        "ret__area__region"
    )
    shared = set(rnd.questionnaire.definition.get("good_practice_questions", []))
    for version in versions:
        for number, data in version.content.get("answers", {}).items():
            question = questions.get(number)
            offered = _offered(data, shares=number in shared)
            if question is not None and offered is not None:
                sync.offer(rnd, version, question, offered)
    GoodPracticeExample.objects.bulk_create(sync.created, batch_size=500)
    for example in sync.changed:
        example.save()
    stale = sync.stale()
    GoodPracticeExample.objects.filter(pk__in=stale).delete()
    backend = search.backend()
    backend.remove(stale)
    backend.index([*sync.created, *sync.changed])
    result = SyncResult(len(sync.created), len(sync.changed), len(stale))
    record(
        acting_user,
        "good_practice.synced",
        rnd,
        data={"created": result.created, "updated": result.updated, "removed": result.removed},
    )
    return result


@transaction.atomic
def remove_examples(rnd: Round, *, acting_user: User | None) -> int:
    """Remove every example of a round from the library (before its generated returns are replaced)."""
    ids = list(GoodPracticeExample.objects.filter(round=rnd).values_list("pk", flat=True))
    GoodPracticeExample.objects.filter(pk__in=ids).delete()
    search.backend().remove(ids)
    record(acting_user, "good_practice.removed", rnd, data={"removed": len(ids)})
    return len(ids)


@transaction.atomic
def review_example(
    example: GoodPracticeExample,
    *,
    theme: str,
    reviewed: bool,
    publishable: bool,
    note: str = "",
    acting_user: User,
) -> GoodPracticeExample:
    """Tag an example by theme, and mark it reviewed and (once reviewed) publishable."""
    if theme and theme not in dict(THEME_CHOICES):
        raise ActionError("Choose one of the themes shown.", field="theme")
    if publishable and not reviewed:
        raise ActionError("An example must be reviewed before it can be published.", field="publishable")
    note = note.strip()
    if len(note) > 2000:
        raise ActionError("The note must be 2,000 characters or fewer.", field="note")
    example = GoodPracticeExample.objects.select_for_update().select_related("area").get(pk=example.pk)
    before = {
        "theme": example.theme,
        "reviewed": example.is_reviewed,
        "publishable": example.publishable,
        "note": example.note,
    }
    example.theme = theme
    example.note = note
    if reviewed and example.reviewed_at is None:
        example.reviewed_at, example.reviewed_by = timezone.now(), acting_user
    elif not reviewed:
        example.reviewed_at, example.reviewed_by = None, None
    example.publishable = publishable
    after = {"theme": theme, "reviewed": reviewed, "publishable": publishable, "note": note}
    if after == before:
        return example
    example.save()
    record(
        acting_user,
        "good_practice.reviewed",
        example,
        area_code=example.area.ons_code,
        data={"before": before, "after": after},
    )
    return example
