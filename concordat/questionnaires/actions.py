"""The questionnaire designer's writes: a draft definition changed page by page, then published.

Every change is audited with what changed in words. Publishing runs the one set of checks
(``checking.definition_problems``) and the one loader (``definitions.load_questionnaire``), so a designed
questionnaire is held to exactly the rules of a definition file (docs/decisions/0012).
"""

import copy
from collections.abc import Callable
from typing import Any

from django.db import transaction

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires import drafting
from concordat.questionnaires.checking import Problem, definition_problems
from concordat.questionnaires.definitions import load_questionnaire
from concordat.questionnaires.models import Questionnaire, QuestionnaireDraft

DRAFT_STARTED = "questionnaire.draft_started"
DRAFT_CHANGED = "questionnaire.draft_changed"
PUBLISHED = "questionnaire.published"


class PublishRefused(Exception):
    """The draft does not pass the checks; ``problems`` lists every one, in plain English."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "")
        self.problems = problems


@transaction.atomic
def start_draft(
    *, slug: str, title: str, copy_of: Questionnaire | None = None, acting_user: User
) -> QuestionnaireDraft:
    """A new draft: blank, or a copy of an earlier questionnaire version under ``slug`` and ``title``."""
    if copy_of is None:
        definition = drafting.blank(slug=slug, title=title)
    else:
        definition = drafting.copied(copy_of.definition, slug=slug, title=title)
    draft = QuestionnaireDraft.objects.create(definition=definition, based_on=copy_of, created_by=acting_user)
    record(
        acting_user,
        DRAFT_STARTED,
        draft,
        data={"slug": slug, "title": title, "copy_of": str(copy_of) if copy_of else ""},
    )
    return draft


def _change(
    draft: QuestionnaireDraft, change: Callable[[dict[str, Any]], object], words: str, acting_user: User
) -> QuestionnaireDraft:
    """Apply ``change`` to a copy of the definition; nothing is saved if it raises ``DraftError``."""
    definition = copy.deepcopy(draft.definition)
    change(definition)
    draft.definition = definition
    draft.save(update_fields=["definition", "updated_at"])
    record(acting_user, DRAFT_CHANGED, draft, data={"slug": draft.slug, "change": words})
    return draft


@transaction.atomic
def add_section(draft: QuestionnaireDraft, title: str, *, acting_user: User) -> QuestionnaireDraft:
    return _change(draft, lambda d: drafting.add_section(d, title), f"section “{title}” added", acting_user)


@transaction.atomic
def rename_section(
    draft: QuestionnaireDraft, position: int, title: str, *, acting_user: User
) -> QuestionnaireDraft:
    words = f"section {position} renamed “{title}”"
    return _change(draft, lambda d: drafting.rename_section(d, position, title), words, acting_user)


@transaction.atomic
def remove_section(draft: QuestionnaireDraft, position: int, *, acting_user: User) -> QuestionnaireDraft:
    words = f"section {position} removed"
    return _change(draft, lambda d: drafting.remove_section(d, position), words, acting_user)


@transaction.atomic
def move_section(
    draft: QuestionnaireDraft, position: int, step: int, *, acting_user: User
) -> QuestionnaireDraft:
    words = f"section {position} moved {'up' if step < 0 else 'down'}"
    return _change(draft, lambda d: drafting.move_section(d, position, step), words, acting_user)


@transaction.atomic
def save_question(
    draft: QuestionnaireDraft,
    section: int,
    position: int | None,
    settings: dict[str, Any],
    *,
    acting_user: User,
) -> QuestionnaireDraft:
    """Add a question to ``section`` (``position`` None) or change the one at ``position``."""
    words = f"question added to section {section}" if position is None else f"question {position} changed"
    return _change(
        draft, lambda d: drafting.save_question(d, section, position, settings), words, acting_user
    )


@transaction.atomic
def set_rule(
    draft: QuestionnaireDraft,
    section: int,
    position: int,
    kind: str | None,
    rule: dict[str, Any] | None,
    *,
    acting_user: User,
) -> QuestionnaireDraft:
    words = f"condition on question {position} of section {section}: {kind or 'none'} {rule or ''}".strip()
    return _change(draft, lambda d: drafting.set_rule(d, section, position, kind, rule), words, acting_user)


@transaction.atomic
def remove_question(
    draft: QuestionnaireDraft, section: int, position: int, *, acting_user: User
) -> QuestionnaireDraft:
    words = f"question {position} of section {section} removed"
    return _change(draft, lambda d: drafting.remove_question(d, section, position), words, acting_user)


@transaction.atomic
def move_question(
    draft: QuestionnaireDraft, section: int, position: int, step: int, *, acting_user: User
) -> QuestionnaireDraft:
    words = f"question {position} of section {section} moved {'up' if step < 0 else 'down'}"
    return _change(draft, lambda d: drafting.move_question(d, section, position, step), words, acting_user)


@transaction.atomic
def set_signatories(
    draft: QuestionnaireDraft, roles: list[tuple[str, str]], *, acting_user: User
) -> QuestionnaireDraft:
    words = "sign-off by " + (", ".join(label for _, label in roles) or "nobody")
    return _change(draft, lambda d: drafting.set_signatories(d, roles), words, acting_user)


def publish_problems(definition: dict[str, Any]) -> list[Problem]:
    """The checks' problems, and the designer's one more: a questionnaire must ask something."""
    problems = definition_problems(definition)
    if not drafting.all_numbers(definition):
        problems.append(Problem("Add at least one question before publishing."))
    return problems


@transaction.atomic
def publish(draft: QuestionnaireDraft, *, acting_user: User) -> tuple[Questionnaire, bool]:
    """Check the draft and load it: a new version when the short name's latest is frozen (as for a file).

    Returns (questionnaire, changed); raises :class:`PublishRefused` listing every problem.
    """
    problems = publish_problems(draft.definition)
    if problems:
        raise PublishRefused(problems)
    questionnaire, changed = load_questionnaire(copy.deepcopy(draft.definition))
    draft.published_as = questionnaire
    draft.save(update_fields=["published_as", "updated_at"])
    record(
        acting_user,
        PUBLISHED,
        questionnaire,
        data={"slug": questionnaire.slug, "version": questionnaire.version, "changed": changed},
    )
    return questionnaire, changed
