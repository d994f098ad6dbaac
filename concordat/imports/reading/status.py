"""Status rules: read yes / partial / no / na / blank from the answer's own words.

Each rule is a regular expression with a status and a base confidence. The first rule that matches decides;
the matched phrase is kept as `decided_by` so a person can see why. See docs/decisions/0101.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Status

REVIEW_THRESHOLD = 0.6  # below this an answer is marked needs_review


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    status: Status
    confidence: float
    polarities: tuple[str, ...] = ("positive", "negative", "open")


def _r(pattern: str, status: Status, confidence: float, *polarities: str) -> Rule:
    return Rule(
        re.compile(pattern, re.IGNORECASE), status, confidence, polarities or ("positive", "negative", "open")
    )


# Rules on how the answer opens (its first words).
OPENING_RULES: tuple[Rule, ...] = (
    _r(r"^(n\s*/\s*a|not applicable|n\.a\.)(?![\w/])", Status.NA, 0.97),
    _r(r"^(partially|partly|in part|largely|mostly|to some (extent|degree))\b", Status.PARTIAL, 0.93),
    _r(
        r"^(in progress|in development|under development|work in progress|ongoing|on-going)\b",
        Status.PARTIAL,
        0.9,
    ),
    _r(
        r"^not yet\b[^.]{0,80}\b(but|in development|being developed|in progress|underway|planned)\b",
        Status.PARTIAL,
        0.88,
    ),
    _r(
        r"^(yes)\b[\s,;:\u2013-]*(although|though|however|but|partially|partly|in part)\b",
        Status.PARTIAL,
        0.75,
    ),
    _r(r"^(yes)\b", Status.YES, 0.95),
    _r(r"^(none|nil|no (current )?(issues|concerns|problems))\b", Status.NO, 0.92, "negative"),
    _r(
        r"^(not at present|not currently|not at this time|not that we are aware)\b",
        Status.NO,
        0.92,
        "negative",
    ),
    _r(r"^(not at present|not currently|not to date|not at this time|not yet)\b", Status.NO, 0.85),
    _r(r"^(no)\b(?![\w'\u2019-])", Status.NO, 0.95),
)

# Rules on what the first sentences say, for answers that open without a yes or no.
CONTENT_RULES: tuple[Rule, ...] = (
    _r(r"\bnot (yet )?(been )?(fully|completely)\b", Status.PARTIAL, 0.72),
    _r(r"\bnot yet in place\b[^.]{0,60}\b(but|development|progress)\b", Status.PARTIAL, 0.75),
    _r(r"\b(partially|partly|to some (degree|extent)|in part)\b", Status.PARTIAL, 0.72),
    _r(r"\b(work (has|is) (commenced|started|begun|under ?way|on-?going|ongoing))\b", Status.PARTIAL, 0.72),
    _r(
        r"\b(currently (being|working)|being (developed|worked on|working on|addressed|designed|explored)|"
        r"in development|under development|in progress|on-?going|will consider|"
        r"will be (developed|considered)|"
        r"part of the plans?|too early)\b",
        Status.PARTIAL,
        0.68,
    ),
    _r(
        r"(^|\.\s+)however\b[^.]{0,120}\b(concerns?|not|gaps?|lack|difficult\w*|challeng\w*)\b",
        Status.PARTIAL,
        0.65,
    ),
    _r(
        r"\b(we do not have|we don't have|there is no|there are no|we have not|has not been|have not been)\b",
        Status.NO,
        0.7,
    ),
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“(])")


def first_sentences(text: str, count: int = 3) -> str:
    return " ".join(_SENTENCE_END.split(text)[:count])


def read_status(evidence: str, polarity: str = "positive") -> tuple[Status, float, str]:
    """Return (status, confidence, deciding phrase) for one answer's text."""
    text = evidence.strip()
    if not text:
        return Status.BLANK, 1.0, ""
    opening = text.lstrip("\"'“(\u2013 -")
    for rule in OPENING_RULES:
        if polarity in rule.polarities and (m := rule.pattern.search(opening)):
            return rule.status, _adjust(rule.confidence, text, rule.status), m.group(0).strip()
    head = first_sentences(text)
    for rule in CONTENT_RULES:
        if polarity in rule.polarities and (m := rule.pattern.search(head)):
            return rule.status, rule.confidence, m.group(0).strip(" .")
    # A descriptive answer with no hedge reads as yes, with modest confidence; less on open questions.
    confidence = 0.6 if polarity == "open" else 0.62
    if len(text) < 15:
        confidence -= 0.1
    return Status.YES, confidence, "(descriptive answer, no hedge found)"


def _adjust(confidence: float, text: str, status: Status) -> float:
    """An opening 'Yes' followed by a hedge in the next sentences is less certain."""
    if status is Status.YES:
        head = first_sentences(text, 2)
        if any(r.status is not Status.YES and r.pattern.search(head) for r in CONTENT_RULES[:4]):
            return round(confidence - 0.15, 2)
    return confidence
