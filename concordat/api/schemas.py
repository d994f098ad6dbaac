"""What the API reads and writes, as pydantic schemas (they make the OpenAPI document).

What the API reads is plain pydantic (``BaseModel``): ninja's ``Schema`` wraps each model's validation in a
Python validator that reads Django objects' attributes, which a request body never is, and with
``extra="forbid"`` validates twice; for a whole return's 61 answers that was most of the parsing."""

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from concordat.returns.actions import MAX_EVIDENCE_CHARS, MAX_SHORT_CHARS


class Problem(Schema):
    """Why a request was refused. ``errors`` names each bad field (``answers.1.1.status``)."""

    detail: str
    errors: list["FieldError"] = []


class FieldError(Schema):
    field: str
    message: str


class RegionOut(Schema):
    code: str
    name: str


class AreaOut(Schema):
    ons_code: str
    name: str
    type: str
    region: RegionOut
    valid_from: datetime.date
    valid_to: datetime.date | None


class QuestionOut(Schema):
    number: str
    text: str
    answer_type: str


class SectionOut(Schema):
    number: str
    title: str
    questions: list[QuestionOut]


class QuestionnaireOut(Schema):
    slug: str
    version: int
    title: str
    content_hash: str
    frozen: bool


class QuestionnaireDetailOut(QuestionnaireOut):
    sections: list[SectionOut]
    signatory_roles: list[str]


class RoundOut(Schema):
    slug: str
    title: str
    questionnaire: str
    questionnaire_version: int
    opens_on: datetime.date
    deadline: datetime.date
    state: str
    synthetic: bool


Status = Literal["", "yes", "partial", "no", "na"]


class AnswerIn(BaseModel):
    """One answer. Anything left out is empty: a draft may be incomplete, never malformed."""

    model_config = ConfigDict(extra="forbid")

    status: Status = ""
    evidence: str = Field("", max_length=MAX_EVIDENCE_CHARS)
    good_practice: bool = False
    good_practice_description: str = Field("", max_length=MAX_SHORT_CHARS)
    support_required: bool = False
    support_description: str = Field("", max_length=MAX_SHORT_CHARS)
    # A typed question's answer (rating, yes/no, number, date, text, choices): checked against the question's
    # type by ``questionnaires.types.clean_value``, the same rules as the section page.
    value: Any = None


class AnswerOut(Schema):
    status: str
    evidence: str
    good_practice: bool
    good_practice_description: str
    support_required: bool
    support_description: str
    value: Any = None
    revision: int
    updated_by: str
    updated_at: datetime.datetime | None


class CompletedBy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    contact: str = Field("", max_length=200)


class AnswersIn(BaseModel):
    """Some answers (question number → answer); the others stay as they are."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerIn] = Field(max_length=500)


class WholeReturnIn(BaseModel):
    """Every answer of a return: questions left out become unanswered."""

    model_config = ConfigDict(extra="forbid")

    completed_by: CompletedBy
    answers: dict[str, AnswerIn] = Field(max_length=500)


class ReturnOut(Schema):
    round: str
    area: str
    state: str
    etag: str
    completed_by: CompletedBy
    answers: dict[str, AnswerOut]
    latest_version: int | None


class SavedOut(Schema):
    """200 to a write sent with ``Prefer: return=minimal`` (RFC 7240; the answer says
    ``Preference-Applied: return=minimal``): the new ETag, the state, and the questions whose answers
    changed, in place of the whole draft."""

    state: str
    etag: str
    changed: list[str]
    latest_version: int | None


class StaleOut(Schema):
    """412: the return changed since the caller's ``If-Match``. ``current`` is the return as it is now and
    ``changed`` the answers the caller tried to write, as someone else left them."""

    detail: str
    current: ReturnOut
    changed: dict[str, AnswerOut]


class SignatureOut(Schema):
    role: str
    signer_name: str
    signed_at: datetime.datetime
    content_hash: str
    binding: bool


class VersionOut(Schema):
    number: int
    content_hash: str
    submitted_at: datetime.datetime
    submitted_by: str
    signatures: list[SignatureOut]
    signed_off: bool


class VersionDetailOut(VersionOut):
    content: dict[str, object]


class CompletenessOut(Schema):
    ons_code: str
    area: str
    region: str
    state: str
    late: bool
    submitted_at: datetime.datetime | None
    signed_roles: list[str]
