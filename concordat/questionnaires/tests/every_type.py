"""A small questionnaire with a question of every type, the options, a range and both kinds of rule."""

from typing import Any

EVERY_TYPE: dict[str, Any] = {
    "id": "every-type",
    "version": 1,
    "title": "Every question type",
    "about": "A test questionnaire.",
    "deadline": "2013-11-29",
    "signatories": [
        {"role": "hwb_chair", "label": "Chair of the Health and Wellbeing Board"},
        {"role": "chief_executive", "label": "Local authority Chief Executive"},
        {"role": "ccg", "label": "CCG representative"},
    ],
    "completed_by": ["name", "organisation", "contact"],
    "sections": [
        {
            "number": "1",
            "title": "Ratings",
            "questions": [
                {
                    "number": "1.1",
                    "text": "Is there a joint plan?",
                    "answer_type": "assessment",
                    "required_unless": {"question": "1.1", "in": ["na"]},
                },
                {
                    "number": "1.2",
                    "text": "Rate your progress.",
                    "answer_type": "rag",
                    "hint": "Red, amber or green.",
                },
                {
                    "number": "1.3",
                    "text": "Has the HWB signed it off?",
                    "answer_type": "yes_no",
                    "easy_read": "Did the board say yes?",
                },
                {
                    "number": "1.4",
                    "text": "On what date?",
                    "answer_type": "date",
                    "show_if": {"question": "1.3", "in": ["yes"]},
                },
            ],
        },
        {
            "number": "2",
            "title": "Figures and words",
            "questions": [
                {
                    "number": "2.1",
                    "text": "How many people were discharged?",
                    "answer_type": "number",
                    "min": 0,
                    "max": 500,
                },
                {"number": "2.2", "text": "Minute reference", "answer_type": "short_text", "required": False},
                {"number": "2.3", "text": "Describe the plan.", "answer_type": "long_text"},
                {
                    "number": "2.4",
                    "text": "Pooled budget status",
                    "answer_type": "choose_one",
                    "options": [
                        {"value": "pooled", "label": "Pooled"},
                        {"value": "aligned", "label": "Aligned"},
                        {"value": "separate", "label": "Separate"},
                    ],
                },
                {
                    "number": "2.5",
                    "text": "Who signed the plan?",
                    "answer_type": "choose_several",
                    "options": [
                        {"value": "hwb", "label": "The HWB"},
                        {"value": "ccg", "label": "The CCG"},
                    ],
                    "required_unless": {"question": "2.4", "in": ["separate"]},
                },
                {
                    "number": "2.6",
                    "text": "Upload the local area plan.",
                    "answer_type": "file",
                    "required": False,
                },
            ],
        },
    ],
}
