"""A synthetic June 2013 stocktake round that reproduces the published national figures exactly.

Every return is invented. The round is labelled synthetic (``SyntheticRound.label`` and each return's
``completed_by``) and is deterministic for a seed.

How exactness is kept: the generator first chooses exact counts (for 152 areas, the published 2013 figures;
for other numbers of areas, the same proportions rounded half up), then uses the seeded RNG only to decide
*which* areas get which answer. Consistency between answers (an area with a pooled budget more often has
agreed contributions, a more "mature" area more often answers yes) comes from the order in which areas are
filled, never from changing the counts.

Denominators: the headline shares published in 2013 were of all 152 areas. Areas that sent no return count in
that denominator and never count as a "yes", a support request or a good-practice example. So 46 pooled
budgets are 46 of 152 (30%), whichever areas returned.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from concordat.analysis import phrases
from concordat.analysis.records import (
    SIGNATORY_ROLES,
    Answer,
    AreaAnswers,
    AreaRef,
    QuestionRef,
    Status,
    questions_of,
    round_half_up,
)
from concordat.returns.models import SYNTHETIC_LABEL
from concordat.synthetic.stocktake_truth import HEADLINE_QUESTIONS, RoundTruth, round_truth

PUBLISHED_AREAS = 152

# Exact counts for 152 areas. The first five reproduce the published September 2013 figures.
PUBLISHED_COUNTS: Mapping[str, int] = {
    "pooled_budget": 46,  # 2.4 yes: 46/152 = 30.3% -> "30%"
    "contributions_agreed": 60,  # 2.5 yes: 60/152 = 39.5% -> "just under 40%"
    "shared_understanding_of_costs": 91,  # 2.1 yes: 91/152 = 59.9% -> "60%"
    "areas_requesting_support": 87,  # any support tick: 87/152 = 57.2% -> "57%"
    "good_practice_examples": 343,  # good-practice ticks: "more than 340"
}
# Not published; chosen to be plausible.
ROUND_COUNTS: Mapping[str, int] = {
    "confident_of_june_2014": 72,  # 6.9 yes: 72/152 = 47%
    "not_returned": 3,
    "late": 21,  # of the 149 returns
}
# Signatures on the 149 returns: all three, two, one, none.
SIGNATURE_PATTERN: Mapping[int, int] = {3: 121, 2: 14, 1: 8, 0: 6}


# Status profile among returned areas: (yes, partial, no, na); "blank" takes the remainder.
_SECTION_PROFILE: Mapping[str, tuple[float, float, float, float]] = {
    "1": (0.66, 0.22, 0.08, 0.0),
    "2": (0.42, 0.26, 0.27, 0.0),
    "3": (0.60, 0.22, 0.14, 0.0),
    "4": (0.55, 0.27, 0.14, 0.0),
    "5": (0.64, 0.22, 0.10, 0.0),
    "6": (0.52, 0.28, 0.15, 0.0),
    "7": (0.58, 0.22, 0.15, 0.0),
    "8": (0.45, 0.28, 0.22, 0.0),
    "9": (0.50, 0.28, 0.17, 0.0),
    "10": (0.48, 0.28, 0.19, 0.0),
    "11": (0.44, 0.30, 0.21, 0.0),
}
_QUESTION_PROFILE: Mapping[str, tuple[float, float, float, float]] = {
    "1.8": (0.28, 0.12, 0.55, 0.02),  # "yes" here means an ordinary-residence problem
    "2.2": (0.50, 0.30, 0.16, 0.0),
    "2.3": (0.44, 0.14, 0.38, 0.02),
    "2.6": (0.30, 0.24, 0.40, 0.02),
    "4.7": (0.40, 0.30, 0.06, 0.02),
    "4.9": (0.55, 0.28, 0.15, 0.0),
    "5.2": (0.52, 0.26, 0.06, 0.02),
    "6.9": (0.0, 0.60, 0.38, 0.0),  # yes count fixed; remainder split partial/no
    "11.3": (0.46, 0.14, 0.20, 0.04),
}
# Links that make answers hang together: (question, depends on, status there, bonus to the ordering key).
_LINKS: tuple[tuple[str, str, Status, float], ...] = (
    ("2.5", "2.4", Status.YES, 1.2),
    ("2.3", "2.4", Status.YES, 0.6),
    ("2.1", "2.4", Status.YES, 0.35),
    ("2.7", "2.4", Status.YES, 0.35),
    ("6.9", "4.9", Status.YES, 0.45),
)
_FIRST = ("2.4", "4.9")  # filled before the questions linked to them


@dataclass(frozen=True)
class SyntheticRound:
    label: str
    seed: int
    round_deadline: date
    areas: tuple[AreaRef, ...]
    returns: tuple[
        AreaAnswers, ...
    ]  # one per area, in the order of ``areas``; non-returners have returned=False
    truth: RoundTruth
    targets: dict[str, int] = field(default_factory=dict)


def scaled_counts(n_areas: int) -> dict[str, int]:
    """The exact counts for a round of ``n_areas`` (the published figures when n_areas is 152)."""
    counts = {**PUBLISHED_COUNTS, **ROUND_COUNTS}
    if n_areas == PUBLISHED_AREAS:
        return dict(counts)
    return {key: round_half_up(value * n_areas / PUBLISHED_AREAS) for key, value in counts.items()}


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole numbers in proportion to ``weights`` (largest remainder, ties to first)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    raw = [total * w / weight_sum for w in weights]
    whole = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - whole[i]), i))
    for i in order[: total - sum(whole)]:
        whole[i] += 1
    return whole


def weighted_sample(rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int) -> list[Any]:
    """``k`` distinct items, chosen with probability proportional to weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / max(w, 1e-9)), i) for i, w in enumerate(weights)]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


def _status_counts(
    rng: random.Random, question: QuestionRef, returned: int, fixed_yes: int | None
) -> dict[Status, int]:
    yes, partial, no, na = _QUESTION_PROFILE.get(question.number, _SECTION_PROFILE[question.section])
    # Each question varies a little around its section's profile (the exact counts are then recorded).
    yes = min(0.9, max(0.05, yes + rng.uniform(-0.12, 0.12)))
    partial = max(0.0, partial + rng.uniform(-0.05, 0.05))
    blank = max(0.0, 1.0 - yes - partial - no - na)
    if fixed_yes is None:
        parts = apportion(returned, [yes, partial, no, na, blank])
    else:
        parts = [fixed_yes, *apportion(returned - fixed_yes, [partial, no, na, blank])]
    return dict(zip((Status.YES, Status.PARTIAL, Status.NO, Status.NA, Status.BLANK), parts, strict=True))


class _Writer:
    """Builds evidence text from the phrase banks."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def evidence(self, area: AreaRef, question: QuestionRef, status: Status) -> str:
        rng = self.rng
        if status is Status.BLANK:
            return ""
        if status is Status.NA:
            return rng.choice(phrases.NA_TEXT)
        opener = rng.choice(phrases.OPENERS[status])
        bank = phrases.QUESTION_CLAUSES.get(question.number) or phrases.CLAUSES[question.section]
        clause = rng.choice(bank[status])
        if opener.endswith(". "):
            clause = clause[0].upper() + clause[1:]
        text = f"{opener}{clause}."
        if rng.random() < 0.4:
            text += " " + rng.choice(phrases.FOLLOW_ONS)
        return text.replace("{area}", area.name)


def generate_returns(
    *, seed: int, areas: list[AreaRef], questionnaire: dict[str, Any], round_deadline: date
) -> SyntheticRound:
    """Plausible, clearly synthetic returns for every area, reproducing the published figures exactly."""
    plan = _Plan(random.Random(seed), areas, questions_of(questionnaire), scaled_counts(len(areas)))
    # Each step draws from the one seeded RNG in turn: their order is part of what a seed means.
    not_returned = plan.not_returned()
    returned_areas = [a for a in areas if a.ons_code not in not_returned]
    statuses, question_counts = plan.statuses(returned_areas)
    support_ticks = plan.support_ticks(returned_areas, statuses)
    good_practice = plan.good_practice(returned_areas, statuses)
    late = plan.late(returned_areas)
    pattern_counts = dict(
        zip(SIGNATURE_PATTERN, apportion(len(returned_areas), list(SIGNATURE_PATTERN.values())), strict=True)
    )
    signature_slots = [k for k, count in pattern_counts.items() for _ in range(count)]
    plan.rng.shuffle(signature_slots)
    ticks = _Ticks(statuses, good_practice, support_ticks)
    returns: list[AreaAnswers] = []
    for area in areas:
        if area.ons_code in not_returned:
            returns.append(AreaAnswers(ons_code=area.ons_code, returned=False, completed_by=SYNTHETIC_LABEL))
        else:
            late_return = area.ons_code in late
            returns.append(
                plan.area_return(area, ticks, round_deadline, late_return, signature_slots.pop(), seed)
            )
    truth = round_truth(
        areas,
        returns,
        question_counts,
        plan.targets,
        pattern_counts,
        support_ticks,
        good_practice,
        plan.by_number,
        round_deadline,
    )
    return SyntheticRound(
        label=SYNTHETIC_LABEL,
        seed=seed,
        round_deadline=round_deadline,
        areas=tuple(areas),
        returns=tuple(returns),
        truth=truth,
        targets=plan.targets,
    )


@dataclass(frozen=True)
class _Ticks:
    """What was decided for every returned area: each question's status, good-practice and support ticks."""

    statuses: dict[str, dict[str, Status]]
    good_practice: set[tuple[str, str]]
    support: set[tuple[str, str]]


class _Plan:
    """The round being generated: the areas, questions and exact counts, and the seeded RNG."""

    def __init__(
        self,
        rng: random.Random,
        areas: list[AreaRef],
        questions: tuple[QuestionRef, ...],
        targets: dict[str, int],
    ) -> None:
        self.rng = rng
        self.writer = _Writer(rng)
        self.areas = areas
        self.questions = questions
        self.by_number = {q.number: q for q in questions}
        self.targets = targets
        # Each area gets a latent "maturity"; it orders who answers yes first and who asks for support.
        self.maturity = {a.ons_code: rng.random() for a in areas}

    def _weighted_codes(self, areas: Sequence[AreaRef], base: float, k: int) -> set[str]:
        """``k`` of ``areas``, less mature areas more likely (weight ``base`` - maturity)."""
        codes = [a.ons_code for a in areas]
        return set(weighted_sample(self.rng, codes, [base - self.maturity[c] for c in codes], k))

    def not_returned(self) -> set[str]:
        return self._weighted_codes(self.areas, 1.2, self.targets["not_returned"])

    def statuses(
        self, returned_areas: list[AreaRef]
    ) -> tuple[dict[str, dict[str, Status]], dict[str, dict[str, int]]]:
        """Status of every question, filled question by question with exact counts; and those counts."""
        statuses: dict[str, dict[str, Status]] = {a.ons_code: {} for a in returned_areas}
        question_counts: dict[str, dict[str, int]] = {}
        order = [*_FIRST, *(q.number for q in self.questions if q.number not in _FIRST)]
        for number in order:
            question = self.by_number[number]
            headline = HEADLINE_QUESTIONS.get(number)
            if number == "6.10":
                _fill_obstacles(statuses, returned_areas)
            else:
                fixed = self.targets[headline] if headline else None
                counts = _status_counts(self.rng, question, len(returned_areas), fixed)
                _fill_question(self.rng, question, counts, returned_areas, statuses, self.maturity)
            question_counts[number] = {s.value: 0 for s in Status}
            for area in returned_areas:
                question_counts[number][statuses[area.ons_code][number].value] += 1
        return statuses, question_counts

    def support_ticks(
        self, returned_areas: list[AreaRef], statuses: dict[str, dict[str, Status]]
    ) -> set[tuple[str, str]]:
        """Exactly the chosen number of areas ask for support, each in one or more places."""
        support_areas = self._weighted_codes(returned_areas, 1.4, self.targets["areas_requesting_support"])
        section_weight = {"2": 2.5, "6": 2.0, "4": 1.6, "8": 1.5, "10": 1.2}
        status_weight = {
            Status.NO: 3.0,
            Status.PARTIAL: 2.0,
            Status.BLANK: 1.0,
            Status.YES: 0.4,
            Status.NA: 0.2,
        }
        ticks: set[tuple[str, str]] = set()
        questions = self.questions
        for area in returned_areas:
            if area.ons_code not in support_areas:
                continue
            k = min(len(questions), 1 + int(self.rng.expovariate(1 / 3.0)))
            weights = [
                section_weight.get(q.section, 1.0) * status_weight[statuses[area.ons_code][q.number]]
                for q in questions
            ]
            ticks.update(
                (area.ons_code, n)
                for n in weighted_sample(self.rng, [q.number for q in questions], weights, k)
            )
        return ticks

    def good_practice(
        self, returned_areas: list[AreaRef], statuses: dict[str, dict[str, Status]]
    ) -> set[tuple[str, str]]:
        """Exactly the chosen number of ticks, on yes/partial answers, more often from mature areas."""
        eligible = [
            (a.ons_code, q.number)
            for a in returned_areas
            for q in self.questions
            if statuses[a.ons_code][q.number] in (Status.YES, Status.PARTIAL)
        ]
        weights = [
            (0.3 + self.maturity[code]) * (3.0 if number == "11.3" else 1.0) for code, number in eligible
        ]
        return set(
            weighted_sample(
                self.rng, eligible, weights, min(self.targets["good_practice_examples"], len(eligible))
            )
        )

    def late(self, returned_areas: list[AreaRef]) -> set[str]:
        return self._weighted_codes(returned_areas, 1.3, self.targets["late"])

    def area_return(
        self, area: AreaRef, ticks: _Ticks, deadline: date, late: bool, n_signed: int, seed: int
    ) -> AreaAnswers:
        """One returned area's answers, then its submission date, then who signed (in that order of draws)."""
        code = area.ons_code
        answers = {
            q.number: _answer(
                self.writer,
                area,
                q,
                ticks.statuses[code][q.number],
                gp=(code, q.number) in ticks.good_practice,
                support=(code, q.number) in ticks.support,
            )
            for q in self.questions
        }
        if late:
            submitted = deadline + timedelta(days=self.rng.randint(1, 21))
        else:
            submitted = deadline - timedelta(days=self.rng.randint(0, 18))
        return AreaAnswers(
            ons_code=code,
            returned=True,
            submitted_on=submitted,
            signed_by=frozenset(self.rng.sample(SIGNATORY_ROLES, n_signed)),
            answers=answers,
            completed_by=f"{SYNTHETIC_LABEL} (seed {seed})",
        )


def _fill_question(
    rng: random.Random,
    question: QuestionRef,
    counts: Mapping[Status, int],
    returned_areas: Sequence[AreaRef],
    statuses: dict[str, dict[str, Status]],
    maturity: Mapping[str, float],
) -> None:
    codes = [a.ons_code for a in returned_areas]
    rng.shuffle(codes)
    # Blank and N/A answers fall at random; the rest are ordered by maturity plus noise and links.
    n_blank, n_na = counts[Status.BLANK], counts[Status.NA]
    for code in codes[:n_blank]:
        statuses[code][question.number] = Status.BLANK
    for code in codes[n_blank : n_blank + n_na]:
        statuses[code][question.number] = Status.NA
    rest = codes[n_blank + n_na :]
    sign = -1.0 if question.polarity == "negative" else 1.0
    keyed: list[tuple[float, str]] = []
    for code in rest:
        key = sign * maturity[code] + rng.gauss(0.0, 0.25)
        for target, depends, status, bonus in _LINKS:
            if target == question.number and statuses[code].get(depends) is status:
                key += bonus
        keyed.append((key, code))
    keyed.sort(reverse=True)
    ranked = [code for _, code in keyed]
    n_yes, n_partial = counts[Status.YES], counts[Status.PARTIAL]
    for i, code in enumerate(ranked):
        if i < n_yes:
            statuses[code][question.number] = Status.YES
        elif i < n_yes + n_partial:
            statuses[code][question.number] = Status.PARTIAL
        else:
            statuses[code][question.number] = Status.NO


def _fill_obstacles(statuses: dict[str, dict[str, Status]], returned_areas: Sequence[AreaRef]) -> None:
    """6.10 asks for obstacles "if no" to 6.9: not applicable for confident areas, otherwise answered."""
    for area in returned_areas:
        confident = statuses[area.ons_code]["6.9"] is Status.YES
        statuses[area.ons_code]["6.10"] = Status.NA if confident else Status.YES


def _answer(
    writer: _Writer, area: AreaRef, question: QuestionRef, status: Status, *, gp: bool, support: bool
) -> Answer:
    rng = writer.rng
    if question.number == "6.10" and status is Status.YES:
        evidence = " ".join(rng.sample(phrases.OBSTACLES, rng.randint(1, 2)))
    else:
        evidence = writer.evidence(area, question, status)
    description = ""
    attachments: tuple[str, ...] = ()
    if gp:
        description = rng.choice(phrases.GOOD_PRACTICE[question.section])
        n_files = rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
        attachments = tuple(sorted(rng.sample(phrases.ATTACHMENTS[question.section], n_files)))
    support_text = rng.choice(phrases.SUPPORT[question.section]) if support else ""
    return Answer(
        question=question.number,
        status=status,
        evidence=evidence,
        good_practice=gp,
        good_practice_description=description,
        attachments=attachments,
        support_required=support,
        support_description=support_text,
    )
