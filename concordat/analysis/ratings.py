"""Red, amber and green ratings counted question by question: what the dashboard shows for a round of
RAG questions (the November 2013 status report), where the assessment's statuses say nothing.

Pure Python, no Django, like the rest of the analysis core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .records import AreaAnswers, Share

RATINGS = ("red", "amber", "green")
NOT_RATED = "not_rated"


@dataclass(frozen=True)
class RatingCounts:
    number: str
    text: str
    counts: Mapping[str, int]  # red, amber, green and not_rated -> areas with a return
    returned: int

    def shares(self) -> list[Share]:
        """Red, amber, green, not rated: each of the areas with a return."""
        return [Share.of(self.counts[r], self.returned) for r in (*RATINGS, NOT_RATED)]


def _rag_questions(questionnaire: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(q["number"]), str(q["text"]))
        for section in questionnaire.get("sections", [])
        for q in section.get("questions", [])
        if q.get("answer_type") == "rag"
    ]


def _rating(ret: AreaAnswers, number: str) -> str:
    answer = ret.answers.get(number)
    value = answer.value if answer is not None else None
    rating = value.get("rating") if isinstance(value, Mapping) else None
    return rating if rating in RATINGS else NOT_RATED


def rating_distributions(
    returns: Iterable[AreaAnswers], questionnaire: Mapping[str, Any]
) -> list[RatingCounts]:
    """Each RAG question of ``questionnaire`` (in order) with how many returned areas rated it each colour."""
    returned = [r for r in returns if r.returned]
    found = []
    for number, text in _rag_questions(questionnaire):
        counts = dict.fromkeys((*RATINGS, NOT_RATED), 0)
        for ret in returned:
            counts[_rating(ret, number)] += 1
        found.append(RatingCounts(number, text, counts, len(returned)))
    return found
