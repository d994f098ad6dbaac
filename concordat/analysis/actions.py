"""Every change the national analysis makes. Each action is one transaction and appends audit events."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from concordat.audit.actions import record
from concordat.questionnaires.models import Question
from concordat.returns.actions import ActionError
from concordat.returns.models import ReturnVersion, Round

from . import search
from .models import THEME_CHOICES, GoodPracticeExample
from .sources import choose_versions

__all__ = ["ActionError", "SyncResult", "review_example", "sync_good_practice"]


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    removed: int


@transaction.atomic
def sync_good_practice(rnd: Round, *, acting_user: Any) -> SyncResult:
    """Bring the library in step with the round's latest submitted versions.

    Every answer ticked as good practice becomes (or stays) an example. A changed description or evidence
    clears the review (the national team reviews what is now offered); examples no longer offered are removed.
    """
    chosen = choose_versions(rnd, provisional=True, as_at=None)
    version_ids = [v for v, _ in chosen.values()]
    questions = {q.number: q for q in Question.objects.filter(questionnaire=rnd.questionnaire)}
    existing = {
        (e.area_id, e.question_id): e
        for e in GoodPracticeExample.objects.filter(round=rnd).select_related("area__region", "question")
    }
    versions = ReturnVersion.objects.filter(pk__in=version_ids).select_related("ret__area__region")
    seen: set[tuple[int, int]] = set()
    created: list[GoodPracticeExample] = []
    changed: list[GoodPracticeExample] = []
    for version in versions:
        area = version.ret.area
        for number, data in version.content.get("answers", {}).items():
            question = questions.get(number)
            if question is None or not data.get("good_practice"):
                continue
            key = (area.pk, question.pk)
            seen.add(key)
            example = existing.get(key)
            values = {
                "description": data.get("good_practice_description", ""),
                "evidence": data.get("evidence", ""),
                "attachments": data.get("attachments", []),
            }
            if example is None:
                example = GoodPracticeExample(
                    round=rnd, area=area, question=question, version=version, **values
                )
                example.search_text = search.search_text(example)
                created.append(example)
                continue
            if example.version_id == version.pk:
                continue
            if example.description != values["description"] or example.evidence != values["evidence"]:
                example.reviewed_at, example.reviewed_by, example.publishable = None, None, False
            for name, value in values.items():
                setattr(example, name, value)
            example.version = version
            example.search_text = search.search_text(example)
            changed.append(example)
    GoodPracticeExample.objects.bulk_create(created, batch_size=500)
    for example in changed:
        example.save()
    stale = [e.pk for key, e in existing.items() if key not in seen]
    GoodPracticeExample.objects.filter(pk__in=stale).delete()
    backend = search.backend()
    backend.remove(stale)
    backend.index([*created, *changed])
    result = SyncResult(len(created), len(changed), len(stale))
    record(
        acting_user,
        "good_practice.synced",
        rnd,
        data={"created": result.created, "updated": result.updated, "removed": result.removed},
    )
    return result


@transaction.atomic
def review_example(
    example: GoodPracticeExample,
    *,
    theme: str,
    reviewed: bool,
    publishable: bool,
    note: str = "",
    acting_user: Any,
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
