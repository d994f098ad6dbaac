"""A small questionnaire of typed questions only (no assessment, no rating) and its round, for summaries."""

from typing import Any

from concordat.areas.models import Area
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.models import Return, ReturnVersion, Round
from concordat.returns.tests.builders import open_round_of

OPTIONS = [{"value": "pooled", "label": "Pooled"}, {"value": "aligned", "label": "Aligned"}]
SIGNERS = [{"role": "chief_executive", "label": "Local authority Chief Executive"}]
FIGURES: dict[str, Any] = {
    "id": "figures",
    "version": 1,
    "title": "Figures of every kind",
    "about": "A test questionnaire.",
    "deadline": "2014-03-31",
    "signatories": SIGNERS,
    "completed_by": ["name", "organisation", "contact"],
    "sections": [
        {
            "number": "1",
            "title": "Figures",
            "questions": [
                {"number": "1.1", "text": "Is the plan signed off?", "answer_type": "yes_no"},
                {
                    "number": "1.2",
                    "text": "How many people left hospital?",
                    "answer_type": "number",
                    "counts_people": True,
                    "easy_read": "How many people left hospital?",
                },
                {"number": "1.3", "text": "How much was pooled, in pounds?", "answer_type": "number"},
                {"number": "1.4", "text": "Budget", "answer_type": "choose_one", "options": OPTIONS},
                {"number": "1.5", "text": "Budgets", "answer_type": "choose_several", "options": OPTIONS},
                {"number": "1.6", "text": "When was it agreed?", "answer_type": "date"},
                {"number": "1.7", "text": "Who leads?", "answer_type": "short_text", "required": False},
            ],
        }
    ],
}


def figures_round(nadia: Any) -> Round:
    return open_round_of(
        FIGURES, "figures", "Figures round", nadia, opens_on="2014-03-01", deadline="2014-03-31"
    )


def figures_draft(rnd: Round, ons_code: str, editor: Any, values: dict[str, Any]) -> Return:
    """``values`` (question number -> value as the form or the API gives it) saved as the area's draft."""
    questions = {q.number: q for q in Question.objects.filter(questionnaire=rnd.questionnaire)}
    area = Area.objects.get(ons_code=ons_code)
    answers = {questions[n]: {"value": v} for n, v in values.items()}
    ret = actions.save_answers(Return(round=rnd, area=area), answers, revisions={}, acting_user=editor)
    return actions.save_completed_by(
        ret,
        {"name": "Amanda Dade", "organisation": area.name, "contact": "a@example.org"},
        revision=ret.details_revision,
        acting_user=editor,
    )


def figures_version(rnd: Round, ons_code: str, editor: Any, values: dict[str, Any]) -> ReturnVersion:
    return actions.submit_return(figures_draft(rnd, ons_code, editor, values), acting_user=editor)
