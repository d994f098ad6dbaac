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


# A council's own status column: a RAG colour, Y/N, a progress word. Checked whole; the first match wins.
STATUS_CELL_RULES: tuple[Rule, ...] = (
    _r(r"^(no answer|unanswered|not answered)$", Status.BLANK, 0.97),  # the exported form's own word
    _r(r"^(n\s*/\s*a|na|not applicable|n\.a\.?)$", Status.NA, 0.97),
    _r(r"^(amber\s*/\s*green|red\s*/\s*amber|amber|a|a/g|r/a)$", Status.PARTIAL, 0.92),
    _r(r"^(green|g|blue)$", Status.YES, 0.92),
    _r(r"^(red|r)$", Status.NO, 0.92),
    _r(r"^(y|yes|complete|completed|done|in place|achieved|met|✓|✔|x)$", Status.YES, 0.93),
    _r(
        r"^(partly|partial|partially|in part|in progress|ongoing|on-going|started|underway|under way|"
        r"developing|in development|largely|mostly|some|p)$",
        Status.PARTIAL,
        0.92,
    ),
    _r(r"^(n|no|not started|not yet|not in place|none|not met|planned)$", Status.NO, 0.92),
)

# Openings that use a status word in another sense ("No. of people", "Not only ... but also"): no opening
# rule applies, the content rules decide.
OTHER_SENSE = re.compile(
    r"^(no\.?\s+of\b|number of\b|not only\b|none of (the|these) \w+ (is|are) (out|over))", re.I
)

# Rules on how the answer opens (its first words).
OPENING_RULES: tuple[Rule, ...] = (
    _r(r"^(n\s*/\s*a|not applicable|n\.a\.)(?![\w/])", Status.NA, 0.97),
    _r(r"^(green)\b(?!\s*/\s*amber)", Status.YES, 0.9),
    _r(
        r"^(amber\s*/\s*green|green\s*/\s*amber|red\s*/\s*amber|amber\s*/\s*red|amber)\b", Status.PARTIAL, 0.9
    ),
    _r(r"^(red)\b", Status.NO, 0.9),
    _r(
        r"^((agreed|yes|in place)\b[^.;]{0,40}\bbut\b[^.;]{0,30}\bnot (yet )?"
        r"(in place|implemented|agreed|started))",
        Status.PARTIAL,
        0.85,
    ),
    _r(r"^(not (\w+ )?(entirely|fully|completely|for all|all|in all)\b)", Status.PARTIAL, 0.85),
    _r(
        r"^(under (discussion|review|development|way|negotiation)|"
        r"being (discussed|developed|considered|drafted|prepared|reviewed|agreed|set up)|"
        r"emerging|developing|in draft|drafted|only (through|partly|in|for|some))\b",
        Status.PARTIAL,
        0.82,
    ),
    _r(
        r"^(to (start|begin|be (started|considered|discussed))|due to (start|begin)|planned( for)?|"
        r"not (yet )?(started|begun|considered|included|assessed|done|in place))\b(?![^.]{0,80}\bbut\b)",
        Status.NO,
        0.85,
    ),
    _r(r"^(partially|partly|in part|largely|mostly|to some (extent|degree))\b", Status.PARTIAL, 0.93),
    _r(
        r"^(in progress|in development|under development|work in progress|ongoing|on-going|under ?way|"
        r"some progress|limited|stretched|constrained|informally|in hand|work in hand|wip|draft|"
        r"awaiting|pending|being \w+(ed|en|t))\b",
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
    _r(r"^(not at present|not currently|not to date|not at this time|not yet|not as yet)\b", Status.NO, 0.85),
    _r(r"^(no)\b(?![\w'\u2019-])", Status.NO, 0.95),
    _r(r"^(nothing|none)\b", Status.NO, 0.85, "positive", "negative"),
    _r(r"^(unknown|not known)\b", Status.NO, 0.7),
)

# Rules on what the first sentences say, for answers that open without a yes or no.
CONTENT_RULES: tuple[Rule, ...] = (
    _r(r"\b(is|are|has been) planned\b[^.]{0,80}\bnot (yet )?(begun|started)\b", Status.NO, 0.72),
    _r(r"\b(has|have) not (yet )?(begun|started|been started)\b", Status.NO, 0.72),
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
        r"\b(being (drafted|prepared|discussed|clarified|set up|agreed)|we are working (on|to|towards)|"
        r"(has|have) (started|commenced|begun)|(is|are) in draft|(is|has been) drafted|the remaining \w+|"
        r"(initial|interim|provisional) (estimates?|assessment|findings|work)|will be agreed)\b",
        Status.PARTIAL,
        0.68,
    ),
    _r(
        r"\b(but|however|although|whereas)\b[^.;]{0,80}\b(not|no|nothing|limited)\b",
        Status.PARTIAL,
        0.66,
    ),
    _r(r";[^.;]{0,80}\b(not yet|nothing is|has not|have not|is not|are not)\b", Status.PARTIAL, 0.64),
    _r(
        r"\b(uncertain(ty)?|unclear|(we have|has|have) yet to|on the agenda|tbc|to be confirmed|all but \w+|"
        r"(?<!not )(started|commenced|begun|in hand)|(is|are) being \w+(ed|en|t)|"
        r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) of (the )?"
        r"(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)\b)",
        Status.PARTIAL,
        0.64,
    ),
    _r(
        r"\b(is|are) not (currently |yet |at present )?(included|in place|agreed|covered|available)\b",
        Status.NO,
        0.7,
    ),
    _r(r"^((it|this|we) )?will\b", Status.NO, 0.6),
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


def read_status_cell(cell: str) -> tuple[Status, float, str] | None:
    """A council's own status column: "Amber", "Y", "In progress" ... ; None when it says nothing we know."""
    text = " ".join(cell.split()).strip(" .:;-\u2013").lower()
    if not text:
        return None
    for rule in STATUS_CELL_RULES:
        if rule.pattern.search(text):
            return rule.status, rule.confidence, cell.strip()
    return None


def read_status(
    evidence: str, polarity: str = "positive", status_cell: str = ""
) -> tuple[Status, float, str]:
    """Return (status, confidence, deciding phrase) for one answer's text (and the row's status column)."""
    text = evidence.strip()
    if status_cell.strip() and (from_cell := read_status_cell(status_cell)):
        return from_cell
    if not text:
        return Status.BLANK, 1.0, ""
    opening = text.lstrip("\"'“(\u2013 -")
    for rule in () if OTHER_SENSE.match(opening) else OPENING_RULES:
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
