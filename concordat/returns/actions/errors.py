"""Why a change to a return was refused, in words for the person who asked."""

import datetime
from dataclasses import dataclass
from typing import Any

from concordat.questionnaires.models import Question

MAX_EVIDENCE_CHARS = 20_000
MAX_SHORT_CHARS = 2_000


class ActionError(Exception):
    """A business rule refused the change. ``message`` is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Conflict:
    question: Question
    theirs: dict[str, Any]
    by: str
    at: datetime.datetime | None


class StaleEdit(ActionError):
    """Someone else saved first; nothing was written."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        numbers = ", ".join(c.question.number for c in conflicts)
        super().__init__(
            f"Someone else changed question {numbers} while you were editing. Your changes were not saved. "
            "Check their answer below, then make your change again."
        )
        self.conflicts = conflicts


class SubmitProblems(ActionError):
    """The draft is incomplete: ``problems`` holds (anchor, message) pairs in question order."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("The return cannot be submitted yet.")
        self.problems = problems
