"""Which question a row starts: by its number (however it was typed), else by its wording and its place.

A number is read from "1.1", "Q1.1", "Q 1.1", "1,1", "1.1.", "1.1)" and "Question 1.1". The number is trusted
when the words after it agree with that question; otherwise the words decide (a mistyped or duplicated number,
6.1 typed for 6.10). A row with no number is matched by wording: first as the start of the next question or
the one after (text wrapped in a narrow column), then by RapidFuzz against every question not yet seen, the
next question in the form's order getting a lower threshold. Each match says how it was made and how sure it
is; a row that two questions fit about equally is attached to the better one *and* flagged for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .questionnaire import Questionnaire

_REF = re.compile(
    r"^\s*(?:(?:q(?:uestion)?|ref)\.?\s*)?(\d{1,2})\s*[.,]\s*(\d{1,2})(?!\d)\s*[.):]?(?![\d])\s*(.*)$",
    re.S | re.I,
)
_PLAIN = re.compile(r"^\d{1,2}\.\d{1,2}(\s|$)")
_NORM = re.compile(r"[^a-z0-9]+")
WORDING_THRESHOLD = 0.75  # RapidFuzz score (0-1) for a question anywhere in the form
NEXT_THRESHOLD = 0.6  # ... for the next question in the form's order, when no other question comes close
AMBIGUOUS_MARGIN = 0.04  # two questions this close: attach to the better, flag for review
REVIEW_BELOW = 0.75  # a match less sure than this marks the answer for review


def norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def similarity(found: str, expected: str, threshold: float = 0.0) -> float:
    """How well `found` (possibly only the start of a wrapped question) matches `expected`, 0 to 1.

    Below `threshold` the answer is only an upper bound: cheap filters run first, as most rows are not
    questions.
    """
    a, b = norm(found), norm(expected)
    if not a or not b:
        return 0.0
    if a[:40] == b[: len(a[:40])]:
        return 1.0
    if len(a) < len(b):
        b = b[: len(a)]
    else:
        a = a[: len(b)]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    quick = matcher.quick_ratio()
    if quick < threshold:
        return quick
    return matcher.ratio()


def wording_score(found: str, expected: str) -> float:
    """RapidFuzz agreement of a question's whole wording, 0 to 1 (word order, small rewordings forgiven)."""
    a, b = norm(found), norm(expected)
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100


@dataclass(frozen=True)
class Match:
    number: str
    text: str
    how: str
    confidence: float
    ambiguous: bool = False


class Matcher:
    """Matches rows to questions in document order; `seen` and `last` are kept by the aligner."""

    def __init__(self, questionnaire: Questionnaire, warn: object) -> None:
        self.by_number = questionnaire.by_number()
        self.order = questionnaire.numbers()
        self.seen: set[str] = set()
        self.last: str | None = None
        self.warn = warn  # Reading.warn

    def _warn(self, code: str, message: str, question: str) -> None:
        self.warn(code, message, question)  # type: ignore[operator]

    def expected_next(self) -> str | None:
        if self.last is None:
            return self.order[0] if self.order else None
        i = self.order.index(self.last)
        return self.order[i + 1] if i + 1 < len(self.order) else None

    def _best_unseen(self, text: str, minimum: float) -> str | None:
        best, best_score = None, minimum
        for number in self.order:
            if number in self.seen:
                continue
            score = similarity(text, self.by_number[number].text, minimum)
            if score > best_score or (score == best_score and best is None and score >= minimum):
                best, best_score = number, score
        return best

    def match(self, cell: str, *, whole_cell: bool) -> Match | None:
        """The question a row's first cell starts, else None. `whole_cell`: the cell holds all its text (a
        table cell), so its wording can be compared whole."""
        m = _REF.match(cell)
        if m:
            number = f"{int(m.group(1))}.{int(m.group(2))}"
            how = "number" if _PLAIN.match(cell.lstrip()) else f"number, typed {cell[: m.start(3)].strip()!r}"
            return self._numbered(number, m.group(3).strip(), how)
        return self._unnumbered(cell, whole_cell)

    def _numbered(self, number: str, rest: str, how: str) -> Match | None:
        if rest and not re.match(r"[A-Za-z(\"'“]", rest):
            return None  # '2.5 million' and the like: not a question
        known = self.by_number.get(number)
        if known and not rest:
            return (
                self._repeated(number, rest, how, 0.9)
                if number in self.seen
                else Match(number, rest, how, 0.9)
            )
        if known and (score := similarity(rest, known.text, 0.6)) >= 0.6:
            confidence = 1.0 if score >= 0.85 else 0.85
            return (
                self._repeated(number, rest, how, confidence)
                if number in self.seen
                else Match(number, rest, how, confidence)
            )
        other = self._best_unseen(rest, 0.75) if rest else None
        if other:
            self._warn(
                "mistyped_number",
                f"Question numbered {number} reads like question {other}, so it was taken as {other}.",
                other,
            )
            return Match(other, rest, f"wording (numbered {number})", 0.85)
        if known and number == self.expected_next() and similarity(rest, known.text, 0.35) >= 0.35:
            return Match(number, rest, how, 0.7)
        return None

    def _repeated(self, number: str, rest: str, how: str, confidence: float) -> Match:
        """A number already seen: its words may name a question not yet seen, else it continues the first."""
        other = self._best_unseen(rest, 0.8) if rest else None
        if other is None and not rest:
            other = self._next_if_sibling(number)
        if other:
            self._warn(
                "duplicated_number",
                f"Question {number} appears twice; the second one reads like {other}, "
                f"so it was taken as {other}.",
                other,
            )
            return Match(other, rest, f"wording (numbered {number} twice)", 0.8)
        self._warn(
            "duplicated_number",
            f"Question number {number} appears more than once; the later answer text was added to the first.",
            number,
        )
        return Match(number, rest, how, confidence)

    def _next_if_sibling(self, number: str) -> str | None:
        """6.1 typed as a number reads 6.1 for 6.10: the next question, if its number differs by a zero."""
        expected = self.expected_next()
        if expected and expected not in self.seen and expected.rstrip("0") == number:
            return expected
        return None

    def _unnumbered(self, cell: str, whole_cell: bool) -> Match | None:
        expected = self.expected_next()
        text = norm(cell)
        if not expected or len(text) < 20:
            return None
        start = self.order.index(expected)
        for candidate in self.order[start : start + 2]:
            if (
                candidate not in self.seen
                and (s := similarity(cell, self.by_number[candidate].text, 0.85)) >= 0.85
            ):
                return self._found_by_wording(candidate, cell, s)
        if not whole_cell or len(text) < 25:
            return None
        return self._by_meaning(cell, expected)

    def _by_meaning(self, cell: str, expected: str) -> Match | None:
        scored = sorted(  # best first; on a tie, the question that comes first in the form
            ((wording_score(cell, self.by_number[n].text), n) for n in self.order if n not in self.seen),
            key=lambda pair: (-pair[0], self.order.index(pair[1])),
        )
        if not scored:
            return None
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best != expected and best_score < WORDING_THRESHOLD:
            exp_score = next((s for s, n in scored if n == expected), 0.0)
            if exp_score >= NEXT_THRESHOLD and best_score - exp_score < AMBIGUOUS_MARGIN:
                best_score, best = exp_score, expected
            else:
                return None
        if (best == expected and best_score < NEXT_THRESHOLD) or (
            best != expected and best_score < WORDING_THRESHOLD
        ):
            return None
        ambiguous = best != expected and best_score - runner_up < AMBIGUOUS_MARGIN
        return self._found_by_wording(best, cell, best_score, ambiguous)

    def _found_by_wording(self, number: str, cell: str, score: float, ambiguous: bool = False) -> Match:
        if ambiguous:
            self._warn(
                "ambiguous_match",
                f"A question without its number reads about equally like {number} and another question; it "
                f"was taken as {number} (score {score:.2f}): please check it.",
                number,
            )
        else:
            self._warn(
                "missing_number",
                f"A question without its number reads like question {number} (score {score:.2f}), so it was "
                f"taken as {number}.",
                number,
            )
        return Match(number, cell, "wording", round(min(score, 0.99), 2), ambiguous)
