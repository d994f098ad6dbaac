"""Every change to rounds and returns. Each action is one transaction and appends audit events.

Grouped by a return's life: drafting, submission and signing, review, rounds, and bulk loading; everything is
importable from here (``from concordat.returns import actions; actions.save_answers(...)``).
"""

from .bulk import (
    LoadedAnswer,
    LoadedFile,
    LoadedReturn,
    LoadedSignature,
    load_accepted_returns,
    remove_generated_returns,
)
from .carry import carried_values, carry_forward
from .correction import correct_answers
from .drafting import (
    SavedDraft,
    add_attachment,
    clean_answer_values,
    confirm_carried_answers,
    remove_attachment,
    save_answers,
    save_completed_by,
    save_draft,
    save_section,
)
from .errors import MAX_EVIDENCE_CHARS, MAX_SHORT_CHARS, ActionError, Conflict, StaleEdit, SubmitProblems
from .locking import check_editable, lock_return
from .publishing import accepted_versions, publish_round, withdraw_published_return
from .review import accept_version, query_version, reopen_return, respond_to_query
from .rounds import close_round, create_round, open_round
from .submission import (
    is_signed_off,
    required_signatory_roles,
    sign_version,
    stage_of_version,
    submission_problems,
    submit_return,
)

__all__ = [
    "MAX_EVIDENCE_CHARS",
    "MAX_SHORT_CHARS",
    "ActionError",
    "Conflict",
    "LoadedAnswer",
    "LoadedFile",
    "LoadedReturn",
    "LoadedSignature",
    "SavedDraft",
    "StaleEdit",
    "SubmitProblems",
    "accept_version",
    "accepted_versions",
    "add_attachment",
    "carried_values",
    "carry_forward",
    "check_editable",
    "clean_answer_values",
    "close_round",
    "confirm_carried_answers",
    "correct_answers",
    "create_round",
    "is_signed_off",
    "load_accepted_returns",
    "lock_return",
    "open_round",
    "publish_round",
    "query_version",
    "remove_attachment",
    "remove_generated_returns",
    "reopen_return",
    "required_signatory_roles",
    "respond_to_query",
    "save_answers",
    "save_completed_by",
    "save_draft",
    "save_section",
    "sign_version",
    "stage_of_version",
    "submission_problems",
    "submit_return",
    "withdraw_published_return",
]
