"""Plain data types the national analysis works on.

Nothing here imports Django: the lead's code (or a test) builds these from the database, a CSV file or the
synthetic generator, and every module in this package takes them as input.
"""

from __future__ import annotations

import csv
import decimal
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# The statuses, their report labels and the signatory roles are the returns' vocabulary (pure Python).
from concordat.returns.vocabulary import REPORT_LABELS, SIGNATORY_ROLES, Status, signatory_label, status_of

__all__ = [
    "NOT_RETURNED",
    "NOT_RETURNED_LABEL",
    "SIGNATORY_ROLES",
    "STATUSES",
    "STATUS_LABELS",
    "Answer",
    "AnswerFacts",
    "AreaAnswers",
    "AreaRef",
    "DecodedAnswers",
    "QuestionRef",
    "SectionRef",
    "Share",
    "Status",
    "answer_facts",
    "answer_from_json",
    "percent_half_up",
    "questions_of",
    "read_areas_csv",
    "round_half_up",
    "sections_of",
    "signatory_label",
    "status_key",
]


STATUSES: tuple[Status, ...] = tuple(Status)
STATUS_LABELS: Mapping[Status, str] = REPORT_LABELS
# An area that sent no return has no status for any question; in tables of all areas it is its own column.
NOT_RETURNED = "not_returned"
NOT_RETURNED_LABEL = "Not returned"


@dataclass(frozen=True, slots=True)
class AreaRef:
    """One Health and Wellbeing Board area (row of reference/hwb-areas-2013.csv)."""

    ons_code: str
    name: str
    type: str
    region_code: str
    region_name: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One area's answer to one question."""

    question: str
    status: Status
    evidence: str = ""
    good_practice: bool = False
    good_practice_description: str = ""
    attachments: tuple[str, ...] = ()
    support_required: bool = False
    support_description: str = ""
    value: Any = None  # a typed question's answer (decision 0011): a rating, yes/no, a number ...


# The status value each stored value stands for (anything else is "blank"), as plain strings: counting a
# round's figures looks up every answer's status, and a dict of str is faster than the enum members.
_STATUS_VALUE_OF: Mapping[str, str] = {s.value: status_of(s.value).value for s in Status}

_STATUS_KEYS: dict[tuple[str, str], str] = {}


def status_key(question: str, status: str) -> str:
    """The key the national figures count an answer under: one string per (question, status value), made
    once per process. A string keeps its hash, where a tuple is hashed again at every count."""
    key = _STATUS_KEYS.get((question, status))
    if key is None:
        key = _STATUS_KEYS[(question, status)] = f"{question}\x1f{status}"
    return key


@dataclass(frozen=True, slots=True)
class AnswerFacts:
    """What the national figures need of a return's answers, taken once per decoded version."""

    numbers: tuple[str, ...]  # the questions answered, in the answers' order
    keys: tuple[str, ...]  # ``status_key`` of each answer
    good_practice: tuple[str, ...]  # the questions with a good-practice example, in the answers' order
    support: tuple[str, ...]  # the questions with a support tick, in the answers' order

    @classmethod
    def of(cls, facts: Iterable[tuple[str, str, bool, bool]]) -> AnswerFacts:
        """From (question, status value, good practice?, support required?) of each answer."""
        facts = list(facts)
        return cls(
            tuple([f[0] for f in facts]),
            tuple([status_key(f[0], f[1]) for f in facts]),
            tuple([f[0] for f in facts if f[2]]),
            tuple([f[0] for f in facts if f[3]]),
        )


def answer_from_json(number: str, data: Mapping[str, Any]) -> Answer:
    """One answer as held in a submitted version's JSON content (an unknown or empty status is "blank")."""
    files = data.get("attachments")
    return Answer(
        number,
        status_of(data.get("status")),
        data.get("evidence", ""),
        bool(data.get("good_practice")),
        data.get("good_practice_description", ""),
        tuple([a["name"] for a in files]) if files else (),
        bool(data.get("support_required")),
        data.get("support_description", ""),
        data.get("value"),
    )


class DecodedAnswers(Mapping[str, Answer]):
    """A return's answers decoded from a version's JSON content (question number -> its JSON object).

    Read-only. ``facts`` (what the national figures count) is taken at once; the ``Answer`` objects are made
    only when first read, all together: building a report's figures needs none of them, so a first (cold)
    build does not pay for ~10 objects per answer. With ``reload`` (a function giving the same JSON object
    again, e.g. by decoding the version's text once more) the decoded JSON is not kept meanwhile either: a
    round's worth of small dicts and lists would otherwise sit in the garbage collector's young generations
    and be walked again by the next collections. Safe to share between threads (a race decodes twice).
    """

    __slots__ = ("_answers", "_raw", "_reload", "facts")

    def __init__(
        self,
        raw: Mapping[str, Mapping[str, Any]],
        reload: Callable[[], Mapping[str, Mapping[str, Any]]] | None = None,
    ) -> None:
        values = _STATUS_VALUE_OF
        self._answers: dict[str, Answer] | None = None
        self._reload = reload
        self._raw: Mapping[str, Mapping[str, Any]] | None = None if reload is not None else raw
        self.facts = AnswerFacts.of(
            [
                (
                    number,
                    values.get(data.get("status") or "", Status.BLANK.value),
                    bool(data.get("good_practice")),
                    bool(data.get("support_required")),
                )
                for number, data in raw.items()
            ]
        )

    def _all(self) -> dict[str, Answer]:
        answers = self._answers
        if answers is None:
            raw = self._raw
            if raw is None:
                assert self._reload is not None
                raw = self._reload()
            answers = {number: answer_from_json(number, data) for number, data in raw.items()}
            self._answers = answers
            self._raw = self._reload = None
        return answers

    def __iter__(self) -> Iterator[str]:
        return iter(self.facts.numbers)

    def __len__(self) -> int:
        return len(self.facts.keys)

    def __contains__(self, number: object) -> bool:
        return number in self._all()

    def __getitem__(self, number: str) -> Answer:
        return self._all()[number]

    def keys(self) -> KeysView[str]:
        return self._all().keys()

    def items(self) -> ItemsView[str, Answer]:
        return self._all().items()

    def values(self) -> ValuesView[Answer]:
        return self._all().values()

    def get(self, number: str, default: Any = None) -> Any:
        return self._all().get(number, default)

    def __repr__(self) -> str:
        return f"DecodedAnswers({self._all()!r})"


def answer_facts(answers: Mapping[str, Answer]) -> AnswerFacts:
    """What the national figures count of a return's answers."""
    if type(answers) is DecodedAnswers:  # not isinstance: an ABC's isinstance is slow, and this is per return
        return answers.facts
    return AnswerFacts.of(
        (n, a.status.value, a.good_practice, a.support_required) for n, a in answers.items()
    )


@dataclass(frozen=True, slots=True)
class AreaAnswers:
    """An area's return as the analysis sees it.

    ``returned`` is False for an area that sent nothing (its ``answers`` are then ignored). Areas missing from
    the iterable given to the analysis are treated the same way. ``signed_by`` holds the roles in
    ``SIGNATORY_ROLES`` that signed the version being analysed.
    """

    ons_code: str
    returned: bool
    submitted_on: date | None = None
    signed_by: frozenset[str] = frozenset()
    answers: Mapping[str, Answer] = field(default_factory=dict)
    completed_by: str = ""

    def status(self, question: str) -> Status:
        answer = self.answers.get(question)
        return answer.status if answer is not None else Status.BLANK


@dataclass(frozen=True, slots=True)
class QuestionRef:
    number: str
    section: str
    text: str
    polarity: str  # "positive", "negative" (a "No" is the good news) or "open" (no natural yes/no)


@dataclass(frozen=True, slots=True)
class SectionRef:
    number: str
    title: str
    questions: tuple[QuestionRef, ...]


def sections_of(questionnaire: Mapping[str, Any]) -> tuple[SectionRef, ...]:
    """The sections and questions of a questionnaire definition (the JSON in questionnaires/definitions)."""
    return tuple(
        SectionRef(
            number=str(section["number"]),
            title=str(section["title"]),
            questions=tuple(
                QuestionRef(
                    number=str(q["number"]),
                    section=str(section["number"]),
                    text=str(q["text"]),
                    polarity=str(q.get("polarity", "positive")),
                )
                for q in section["questions"]
            ),
        )
        for section in questionnaire["sections"]
    )


def questions_of(questionnaire: Mapping[str, Any]) -> tuple[QuestionRef, ...]:
    return tuple(q for s in sections_of(questionnaire) for q in s.questions)


def read_areas_csv(path: str | Path) -> list[AreaRef]:
    """Read reference/hwb-areas-2013.csv (ons_code, name, type, region_code, region_name)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            AreaRef(
                ons_code=row["ons_code"],
                name=row["name"],
                type=row["type"],
                region_code=row["region_code"],
                region_name=row["region_name"],
            )
            for row in csv.DictReader(handle)
        ]


def round_half_up(value: float | decimal.Decimal) -> int:
    """Round to a whole number, halves away from zero (Python's round() rounds halves to even)."""
    return int(decimal.Decimal(str(value)).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def percent_half_up(count: int, denominator: int) -> int:
    """Whole-number percentage, rounded half up (30.5 -> 31), as published figures are."""
    if denominator <= 0:
        return 0
    if count < 0:
        return -percent_half_up(-count, denominator)
    return (200 * count + denominator) // (2 * denominator)  # exact integer arithmetic: floor(x + 1/2)


@dataclass(frozen=True, slots=True)
class Share:
    """A count out of a stated denominator; ``percent`` is whole-number, rounded half up."""

    count: int
    denominator: int
    percent: int

    @classmethod
    def of(cls, count: int, denominator: int) -> Share:
        return cls(count, denominator, percent_half_up(count, denominator))

    def text(self, noun: str = "areas") -> str:
        """``46 of 152 areas (30%)``."""
        return f"{self.count} of {self.denominator} {noun} ({self.percent}%)"

    def to_json_dict(self) -> dict[str, int]:
        return {"count": self.count, "denominator": self.denominator, "percent": self.percent}
