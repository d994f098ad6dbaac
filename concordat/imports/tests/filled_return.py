"""A fully filled synthetic return, written by hand: every status, ticks, descriptions, attachments, sign-off.

SYNTHETIC. The answers cycle through eight hand-written ones whose status a person reading them would give
(the label beside each); every third question has a good-practice example, every fourth asks for support.
Used by the OCR test (a scan of it) and the export round trips (as the draft a form is exported from).
"""

from __future__ import annotations

from concordat.imports.reading import Questionnaire, QuestionReading, Reading, Signature
from concordat.returns.vocabulary import Status

# (answer, the status a person gives it), written by hand.
ANSWERS: tuple[tuple[str, Status], ...] = (
    ("Yes. A joint plan was agreed by the board in May.", Status.YES),
    ("Partially. The pooled budget is agreed but not yet in place.", Status.PARTIAL),
    ("No. We have not started this work.", Status.NO),
    ("Not applicable. There is no one in this group locally.", Status.NA),
    ("", Status.BLANK),
    ("Yes. The register is reviewed every month by both partners.", Status.YES),
    ("Partially. Reviews are complete for six of the eight people.", Status.PARTIAL),
    ("No. There is no agreed protocol at present.", Status.NO),
)
GOOD_PRACTICE = ("Joint review panel with families", "Shared care records")
ATTACHMENTS: tuple[list[str], ...] = (["panel_terms.docx"], [], ["care_records_guide.pdf", "audit_2013.xlsx"])
SUPPORT = ("Help with market shaping", "Advice on pooled budgets")
COMPLETED_BY = {"name": "Priya Lawson", "organisation": "Exmoor Borough Council", "contact": "01632 960 118"}
SIGNATURES = {
    "hwb_chair": ("Cllr Ruth Baines", True),
    "chief_executive": ("Tom Ashdown", True),
    "ccg": ("Nadia Okafor", False),
}


def filled_reading(questionnaire: Questionnaire) -> Reading:
    questions: dict[str, QuestionReading] = {}
    for i, question in enumerate(questionnaire.questions):
        evidence, status = ANSWERS[i % len(ANSWERS)]
        good = i % 3 == 0
        support = i % 4 == 1
        questions[question.number] = QuestionReading(
            question.number,
            status=status,
            evidence=evidence,
            good_practice=good,
            good_practice_description=GOOD_PRACTICE[(i // 3) % 2] if good else "",
            attachments=list(ATTACHMENTS[(i // 3) % 3]) if good else [],
            support_required=support,
            support_description=SUPPORT[(i // 4) % 2] if support else "",
            found=True,
        )
    return Reading(
        questions=questions,
        completed_by=dict(COMPLETED_BY),
        signatures={
            role: Signature(role, name, signed=signed) for role, (name, signed) in SIGNATURES.items()
        },
    )
