"""A frozen questionnaire's sections and questions, read from the database once per process.

The task list and every section page need them on each request. A questionnaire is frozen when a round
using it opens and never changes afterwards (a change makes a new version: decision 0005), so a frozen one
is kept in memory, keyed by its id and the moment it was frozen; one not frozen is read afresh each time.
The instances are shared between requests: read them, never change them.
"""

import datetime

from .models import Questionnaire, Section

_frozen: dict[tuple[int, datetime.datetime], list[Section]] = {}


def _read(questionnaire: Questionnaire) -> list[Section]:
    return list(Section.objects.filter(questionnaire=questionnaire).prefetch_related("questions"))


def sections_with_questions(questionnaire: Questionnaire) -> list[Section]:
    """The sections in order, each with ``questions.all()`` in order (prefetched)."""
    if questionnaire.frozen_at is None:
        return _read(questionnaire)
    key = (questionnaire.pk, questionnaire.frozen_at)
    found = _frozen.get(key)
    if found is None:
        found = _frozen[key] = _read(questionnaire)
    return found


def forget() -> None:
    """Drop what is held (the tests' databases reuse ids)."""
    _frozen.clear()
