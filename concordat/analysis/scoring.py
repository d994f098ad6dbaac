"""Deep-dive triage: an explainable score per area from its return, and a ranking.

The score is a sum of points for named reasons. Each rule's points live in ``DEFAULT_WEIGHTS`` (data, so the
programme team can change them and a test can show the effect); the code below only decides whether a rule
applies and how many times. Every point in a score is accounted for by a ``ScoreReason`` with the evidence
behind it. The method is documented in docs/deep-dive-scoring.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .records import SIGNATORY_ROLES, AreaAnswers, AreaRef, SectionRef, Status, sections_of, signatory_label


@dataclass(frozen=True)
class ScoreRule:
    code: str
    label: str
    points: int  # per occurrence
    cap: int | None = None  # most occurrences counted (None: one occurrence only)


DEFAULT_RULES: tuple[ScoreRule, ...] = (
    ScoreRule("not_returned", "No return received", 50),
    ScoreRule("not_confident_june_2014", "Not confident of the 1 June 2014 target (6.9 is No)", 25),
    ScoreRule(
        "partly_confident_june_2014", "Only partly confident of the 1 June 2014 target (6.9 is Partly)", 12
    ),
    ScoreRule("reviews_incomplete", "Reviews not all completed (4.9 is not Yes)", 15),
    ScoreRule("no_pooled_budget", "No pooled budget or risk-sharing arrangement (2.4 is not Yes)", 10),
    ScoreRule("no_contributions_agreed", "Funding contributions not agreed (2.5 is not Yes)", 5),
    ScoreRule("costs_not_understood", "No shared understanding of current costs (2.1 is not Yes)", 5),
    ScoreRule("ordinary_residence_issues", "Current ordinary residence issues (1.8 is Yes)", 3),
    ScoreRule("safeguarding_no", 'A "No" answer in safeguarding (section 5)', 4, cap=8),
    ScoreRule("many_no_answers", 'Each "No" answer beyond 10 across the return', 1, cap=15),
    ScoreRule("support_many_sections", "Each section beyond 3 in which support was requested", 2, cap=8),
    ScoreRule("late_return", "Return received after the deadline", 5),
    ScoreRule("missing_signature", "Each of the three signatures missing", 3, cap=3),
)
DEFAULT_WEIGHTS: Mapping[str, ScoreRule] = {rule.code: rule for rule in DEFAULT_RULES}


@dataclass(frozen=True)
class ScoreReason:
    code: str
    label: str
    points: int
    evidence: str


@dataclass(frozen=True)
class AreaScore:
    ons_code: str
    name: str
    region_code: str
    score: int
    reasons: tuple[ScoreReason, ...]
    rank: int = 0  # 1 = highest concern; equal scores share a rank ("1224" ranking)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "ons_code": self.ons_code,
            "name": self.name,
            "region_code": self.region_code,
            "score": self.score,
            "rank": self.rank,
            "reasons": [
                {"code": r.code, "label": r.label, "points": r.points, "evidence": r.evidence}
                for r in self.reasons
            ],
        }


_STATUS_WORDS = {
    Status.YES: "Yes",
    Status.PARTIAL: "Partly",
    Status.NO: "No",
    Status.NA: "N/A",
    Status.BLANK: "no answer",
}


Hit = tuple[str, int, str]  # (rule code, occurrences, evidence)


def score_area(
    area: AreaRef,
    answers: AreaAnswers | None,
    questionnaire: Mapping[str, Any],
    *,
    deadline: date,
    weights: Mapping[str, ScoreRule] = DEFAULT_WEIGHTS,
) -> AreaScore:
    """One area's triage score with every reason behind it. ``answers`` None means no return."""
    hits: list[Hit] = []

    if answers is None or not answers.returned:
        hits.append(("not_returned", 1, f"No return from {area.name} by the time of analysis."))
    else:
        hits.extend(_answer_hits(answers, questionnaire, deadline))

    reasons: list[ScoreReason] = []
    for code, occurrences, evidence in hits:
        rule = weights.get(code)
        if rule is None or rule.points == 0 or occurrences <= 0:
            continue
        counted = min(occurrences, rule.cap) if rule.cap is not None else 1
        reasons.append(ScoreReason(code, rule.label, rule.points * counted, evidence))
    return AreaScore(
        area.ons_code, area.name, area.region_code, sum(r.points for r in reasons), tuple(reasons)
    )


# Rules that apply when a question is answered anything but Yes.
_NOT_YES_RULES: tuple[tuple[str, str], ...] = (
    ("reviews_incomplete", "4.9"),
    ("no_pooled_budget", "2.4"),
    ("no_contributions_agreed", "2.5"),
    ("costs_not_understood", "2.1"),
)


def _answer_hits(answers: AreaAnswers, questionnaire: Mapping[str, Any], deadline: date) -> list[Hit]:
    sections = sections_of(questionnaire)
    return [
        *_single_answer_hits(answers),
        *_many_answer_hits(answers, sections),
        *_return_hits(answers, deadline),
    ]


def _single_answer_hits(answers: AreaAnswers) -> list[Hit]:
    """Rules about one named question."""
    hits: list[Hit] = []
    confident = answers.status("6.9")
    if confident is Status.NO:
        hits.append(("not_confident_june_2014", 1, "6.9 answered No."))
    elif confident is Status.PARTIAL:
        hits.append(("partly_confident_june_2014", 1, "6.9 answered Partly."))
    for code, number in _NOT_YES_RULES:
        status = answers.status(number)
        if status is not Status.YES:
            hits.append((code, 1, f"{number} answered {_STATUS_WORDS[status]}."))
    if answers.status("1.8") is Status.YES:
        hits.append(("ordinary_residence_issues", 1, "1.8 answered Yes."))
    return hits


def _many_answer_hits(answers: AreaAnswers, sections: Sequence[SectionRef]) -> list[Hit]:
    """Rules that count answers across a section or the whole return."""
    hits: list[Hit] = []
    safeguarding_no = [
        q.number
        for s in sections
        if s.number == "5"
        for q in s.questions
        if answers.status(q.number) is Status.NO
    ]
    if safeguarding_no:
        hits.append(
            (
                "safeguarding_no",
                len(safeguarding_no),
                f"{len(safeguarding_no)} No answers in safeguarding: {', '.join(safeguarding_no)}.",
            )
        )
    all_no = [
        q.number
        for s in sections
        for q in s.questions
        if q.polarity != "negative" and answers.status(q.number) is Status.NO
    ]
    if len(all_no) > 10:
        hits.append(
            ("many_no_answers", len(all_no) - 10, f"{len(all_no)} No answers in the return (10 allowed).")
        )
    support_sections = [
        s.number for s in sections if any(_asks_support(answers, q.number) for q in s.questions)
    ]
    if len(support_sections) > 3:
        hits.append(
            (
                "support_many_sections",
                len(support_sections) - 3,
                f"Support requested in {len(support_sections)} sections: {', '.join(support_sections)}.",
            )
        )
    return hits


def _asks_support(answers: AreaAnswers, number: str) -> bool:
    answer = answers.answers.get(number)
    return answer is not None and answer.support_required


def _long_date(day: date) -> str:
    """5 July 2013, as every page writes dates (this module runs without Django's date filters)."""
    return f"{day.day} {day:%B} {day.year}"


def _return_hits(answers: AreaAnswers, deadline: date) -> list[Hit]:
    """Rules about the return as a whole: when it came and who signed it."""
    hits: list[Hit] = []
    if answers.submitted_on is None or answers.submitted_on > deadline:
        when = _long_date(answers.submitted_on) if answers.submitted_on else "no date"
        hits.append(("late_return", 1, f"Received {when}; deadline {_long_date(deadline)}."))
    missing = [signatory_label(role) for role in SIGNATORY_ROLES if role not in answers.signed_by]
    if missing:
        hits.append(("missing_signature", len(missing), f"Not signed by: {'; '.join(missing)}."))
    return hits


def rank_areas(
    returns: Iterable[AreaAnswers],
    areas: list[AreaRef],
    questionnaire: Mapping[str, Any],
    *,
    deadline: date,
    weights: Mapping[str, ScoreRule] = DEFAULT_WEIGHTS,
) -> list[AreaScore]:
    """Every area scored, highest concern first (ties by ONS code), with shared ranks for equal scores."""
    by_code = {r.ons_code: r for r in returns}
    scores = [
        score_area(a, by_code.get(a.ons_code), questionnaire, deadline=deadline, weights=weights)
        for a in areas
    ]
    scores.sort(key=lambda s: (-s.score, s.ons_code))
    ranked: list[AreaScore] = []
    for position, item in enumerate(scores, start=1):
        rank = ranked[-1].rank if ranked and ranked[-1].score == item.score else position
        ranked.append(AreaScore(item.ons_code, item.name, item.region_code, item.score, item.reasons, rank))
    return ranked
