"""The words of a return, defined once: answer statuses, answer fields, signatory roles.

Pure Python, no Django: the models build their choices from it, and the code that must run without Django
(the reading library in ``imports/reading``, the analysis core in ``analysis``) uses it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from concordat.accounts import roles


class Status(StrEnum):
    """The answer a return gives to one question."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"
    NA = "na"
    # No answer: a question left empty, as the analysis and the reader see it. A draft stores it as "".
    BLANK = "blank"


# What an editor may choose; BLANK is never stored.
ANSWERED: tuple[Status, ...] = (Status.YES, Status.PARTIAL, Status.NO, Status.NA)
# Labels on the form an area fills in.
FORM_LABELS: Mapping[Status, str] = {
    Status.YES: "Yes",
    Status.PARTIAL: "Partially",
    Status.NO: "No",
    Status.NA: "Not applicable",
    Status.BLANK: "No answer",
}
# Labels in the national report's tables and charts (shorter: "Partly").
REPORT_LABELS: Mapping[Status, str] = {**FORM_LABELS, Status.PARTIAL: "Partly"}


def status_of(stored: str | None) -> Status:
    """The status a stored value (``""`` or unknown included) stands for."""
    return _STATUS_OF.get(stored or "", Status.BLANK)


def stored_status(status: Status | str) -> str:
    """The value a draft stores for ``status``: BLANK is the empty string."""
    return "" if status == Status.BLANK else str(status)


_STATUS_OF: Mapping[str, Status] = {s.value: s for s in ANSWERED}

# The order of progress: No → Partially → Yes (reversed where "No" is the good news).
_PROGRESS_RANK: Mapping[Status, int] = {Status.NO: 0, Status.PARTIAL: 1, Status.YES: 2}


def progress_step(before: Status, after: Status, polarity: str = "positive") -> int | None:
    """How far an answer moved along No → Partially → Yes, for the better (> 0) or the worse (< 0), with
    the question's polarity ("negative": "No" is the good news). None when the move has no order: an open
    question, or "not applicable" or a blank answer on either side."""
    if polarity == "open" or before not in _PROGRESS_RANK or after not in _PROGRESS_RANK:
        return None
    step = _PROGRESS_RANK[after] - _PROGRESS_RANK[before]
    return -step if polarity == "negative" else step


def improves(before: str, after: str, polarity: str = "positive") -> bool:
    """A stored status ``after`` is better news than ``before`` (the rule that asks for new evidence)."""
    step = progress_step(status_of(before), status_of(after), polarity)
    return step is not None and step > 0


# The fields of one answer, as a draft holds them and as a version's content freezes them.
ANSWER_FIELDS = (
    "status",
    "evidence",
    "good_practice",
    "good_practice_description",
    "support_required",
    "support_description",
)

# How each field is named when a change to it is told in words ("Evidence for 11.3 changed").
ANSWER_FIELD_LABELS: Mapping[str, str] = {
    "status": "Answer",
    "evidence": "Evidence",
    "good_practice": "Good-practice tick",
    "good_practice_description": "Good-practice description",
    "support_required": "Support request",
    "support_description": "Description of the support needed",
}


def is_started(values: Mapping[str, Any]) -> bool:
    """An answer with anything in it: a status, evidence, a good-practice or support tick, or a value."""
    return bool(
        values.get("status")
        or str(values.get("evidence") or "").strip()
        or values.get("good_practice")
        or values.get("support_required")
        or values.get("value") not in (None, "", [], {})
    )


def answer_problems(
    values: Mapping[str, Any] | None, *, needs_status: bool, needs_evidence: bool = True
) -> list[str]:
    """What one answer still lacks before its return can be submitted, in words; none: the answer is complete.

    The one rule for "complete": submission's checks and the task list's section status both use it, so a
    section shows "Completed" exactly when submitting raises nothing about its answers. ``needs_status`` is
    false for a question answered in words only (no Yes / Partially / No); ``needs_evidence`` false where
    the question's rule lets the evidence be left out (``questionnaires.types.evidence_needed``).
    """
    v = values or {}
    problems = []
    if needs_status and not v.get("status"):
        problems.append("select Yes, Partially, No or Not applicable")
    if needs_evidence and not str(v.get("evidence") or "").strip():
        problems.append("enter your assessment and evidence")
    if v.get("good_practice") and not str(v.get("good_practice_description") or "").strip():
        problems.append("describe the good practice example, or untick it")
    if v.get("support_required") and not str(v.get("support_description") or "").strip():
        problems.append("say what support you need, or untick support required")
    return problems


def is_complete(values: Mapping[str, Any] | None, *, needs_status: bool) -> bool:
    return not answer_problems(values, needs_status=needs_status)


# The signatory roles are defined once, in accounts (pure Python): re-exported for the reader.
SignatoryRole = roles.SignatoryRole
SIGNATORY_ROLES: tuple[str, ...] = tuple(role.value for role in SignatoryRole)
# The same words as ``accounts.models.SignatoryRole``'s labels (``returns/tests/test_vocabulary.py``).
SIGNATORY_LABELS: Mapping[str, str] = {
    SignatoryRole.HWB_CHAIR: "Chair of the Health and Wellbeing Board",
    SignatoryRole.CHIEF_EXECUTIVE: "Local authority chief executive",
    SignatoryRole.CCG: "CCG representative",
}


def signatory_label(role: str, *, in_sentence: bool = False) -> str:
    """The words for a signatory role code; an unknown code is shown as it is rather than hidden.
    ``in_sentence``: for after "the" ("signed by the chair of ...", "the CCG representative")."""
    label = SIGNATORY_LABELS.get(role, role)
    if in_sentence and not label[1:2].isupper():
        return label[:1].lower() + label[1:]
    return label
