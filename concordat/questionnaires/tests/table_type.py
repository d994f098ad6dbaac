"""A small questionnaire with a table question: a row for each placement, a column of each simple type."""

from typing import Any

PLACEMENTS: dict[str, Any] = {
    "number": "1.1",
    "text": "List each placement out of area.",
    "answer_type": "table",
    "hint": "One row for each person's placement.",
    "min_rows": 1,
    "max_rows": 5,
    "columns": [
        {"name": "provider", "text": "Provider", "answer_type": "short_text"},
        {"name": "people", "text": "People", "answer_type": "number", "min": 0, "counts_people": True},
        {"name": "since", "text": "Since", "answer_type": "date"},
        {
            "name": "kind",
            "text": "Kind of placement",
            "answer_type": "choose_one",
            "options": [{"value": "hospital", "label": "Hospital"}, {"value": "home", "label": "Care home"}],
        },
        {"name": "reviewed", "text": "Reviewed?", "answer_type": "yes_no"},
    ],
}
TABLE_TYPE: dict[str, Any] = {
    "id": "table-type",
    "version": 1,
    "title": "Placements",
    "about": "A test questionnaire.",
    "deadline": "2014-03-31",
    "signatories": [{"role": "chief_executive", "label": "Local authority Chief Executive"}],
    "completed_by": ["name", "organisation", "contact"],
    "sections": [
        {
            "number": "1",
            "title": "Placements",
            "questions": [
                PLACEMENTS,
                {"number": "1.2", "text": "Anything else?", "answer_type": "long_text"},
            ],
        }
    ],
}
