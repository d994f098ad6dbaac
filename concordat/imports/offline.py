"""The form to fill offline: a round's questionnaire as a Word, OpenDocument or Excel file (decision 0106).

Blank, or prefilled with an area's current draft: its answers, the names of its attached documents, who
completed it and, while the draft is the version submitted, that version's signatures. The layout and the
writers are in ``exporting`` (no Django); this module only turns a draft into the ``Reading`` they write.
"""

from __future__ import annotations

from dataclasses import dataclass

from concordat.imports.actions import questionnaire_for
from concordat.imports.exporting import FORMATS, UnknownFormat, write_form
from concordat.imports.reading.model import QuestionReading, Reading, Signature
from concordat.returns.models import Answer, Return, ReturnState
from concordat.returns.models import Signature as SignatureModel
from concordat.returns.vocabulary import status_of

# While a return is in one of these states its draft is its latest submitted version, so that version's
# signatures are the draft's; once someone edits it again they are not.
_DRAFT_IS_SUBMITTED = (ReturnState.SUBMITTED, ReturnState.SIGNED_OFF, ReturnState.ACCEPTED)


@dataclass(frozen=True)
class ExportedForm:
    filename: str
    content_type: str
    content: bytes


def draft_reading(ret: Return) -> Reading:
    """The draft of ``ret`` (fetched through ``returns.access``) as the reading a form is written from."""
    questionnaire = questionnaire_for(ret.round)
    questions = {n: QuestionReading(n) for n in questionnaire.numbers()}
    answers = (
        Answer.objects.filter(ret_id=ret.pk).select_related("question").prefetch_related("attachments")
        if ret.pk
        else []
    )
    for answer in answers:
        number = answer.question.number
        if number not in questions:
            continue
        questions[number] = QuestionReading(
            number,
            status=status_of(answer.status),
            evidence=answer.evidence,
            good_practice=answer.good_practice,
            good_practice_description=answer.good_practice_description,
            attachments=[a.original_name for a in answer.attachments.all() if a.removed_at is None],
            support_required=answer.support_required,
            support_description=answer.support_description,
            found=True,
        )
    reading = Reading(
        questions=questions,
        completed_by={
            "name": ret.completed_by_name,
            "organisation": ret.completed_by_organisation,
            "contact": ret.completed_by_contact,
        },
        signatures={role: Signature(role) for role in questionnaire.signatory_roles},
    )
    if ret.pk and ret.latest_version_id and ret.state in _DRAFT_IS_SUBMITTED:
        for signature in SignatureModel.objects.binding().filter(version_id=ret.latest_version_id):
            reading.signatures[signature.role] = Signature(signature.role, signature.signer_name, "", True)
    return reading


def export_form(ret: Return, fmt: str, *, prefilled: bool) -> ExportedForm:
    """The round's form for the area of ``ret``; ``UnknownFormat`` for a format there is no form in."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    questionnaire = questionnaire_for(ret.round)
    heading = f"{ret.area.name} ({ret.area.ons_code})"
    reading = draft_reading(ret) if prefilled else None
    content = write_form(questionnaire, fmt, reading, heading)
    kind = "draft" if prefilled else "blank"
    filename = f"{ret.round.slug}-{ret.area.ons_code}-{kind}.{fmt}"
    return ExportedForm(filename, FORMATS[fmt][1], content)
