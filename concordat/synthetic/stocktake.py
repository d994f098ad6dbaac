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
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
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
    percent_half_up,
    questions_of,
    round_half_up,
)
from concordat.returns.models import SYNTHETIC_LABEL

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

HEADLINE_QUESTIONS: Mapping[str, str] = {
    "2.1": "shared_understanding_of_costs",
    "2.4": "pooled_budget",
    "2.5": "contributions_agreed",
    "6.9": "confident_of_june_2014",
}

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
class RoundTruth:
    """The exact figures the generator produced, counted as it went (not by the analysis code)."""

    areas: int
    returned: int
    not_returned: int
    on_time: int
    late: int
    signed_all_three: int
    unsigned: int
    signature_pattern: dict[int, int]
    question_counts: dict[str, dict[str, int]]  # question -> status -> count among returned areas
    headline_counts: dict[str, int]
    section_support_areas: dict[str, int]  # areas with at least one support tick in the section
    section_support_requests: dict[str, int]  # support ticks in the section
    section_good_practice: dict[str, int]  # good-practice ticks in the section
    region_counts: dict[str, dict[str, int]]  # region code -> figure -> count
    denominator_rule: str = (
        "Headline shares are of all areas, including areas that sent no return; a non-returning area never "
        "counts as a yes, a support request or a good-practice example."
    )


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
    rng = random.Random(seed)
    writer = _Writer(rng)
    questions = questions_of(questionnaire)
    by_number = {q.number: q for q in questions}
    targets = scaled_counts(len(areas))

    # Each area gets a latent "maturity"; it orders who answers yes first and who asks for support.
    maturity = {a.ons_code: rng.random() for a in areas}

    # Who returned at all.
    not_returned = set(
        weighted_sample(
            rng,
            [a.ons_code for a in areas],
            [1.2 - maturity[a.ons_code] for a in areas],
            targets["not_returned"],
        )
    )
    returned_areas = [a for a in areas if a.ons_code not in not_returned]
    n_returned = len(returned_areas)

    # Status of every question, filled question by question with exact counts.
    statuses: dict[str, dict[str, Status]] = {a.ons_code: {} for a in returned_areas}
    question_counts: dict[str, dict[str, int]] = {}
    order = [*_FIRST, *(q.number for q in questions if q.number not in _FIRST)]
    for number in order:
        question = by_number[number]
        headline = HEADLINE_QUESTIONS.get(number)
        if number == "6.10":
            _fill_obstacles(statuses, returned_areas)
        else:
            fixed = targets[headline] if headline else None
            counts = _status_counts(rng, question, n_returned, fixed)
            _fill_question(rng, question, counts, returned_areas, statuses, maturity)
        question_counts[number] = {s.value: 0 for s in Status}
        for area in returned_areas:
            question_counts[number][statuses[area.ons_code][number].value] += 1

    # Support ticks: exactly the chosen number of areas, each asking in one or more places.
    support_areas = set(
        weighted_sample(
            rng,
            [a.ons_code for a in returned_areas],
            [1.4 - maturity[a.ons_code] for a in returned_areas],
            targets["areas_requesting_support"],
        )
    )
    section_weight = {"2": 2.5, "6": 2.0, "4": 1.6, "8": 1.5, "10": 1.2}
    status_weight = {Status.NO: 3.0, Status.PARTIAL: 2.0, Status.BLANK: 1.0, Status.YES: 0.4, Status.NA: 0.2}
    support_ticks: set[tuple[str, str]] = set()
    for area in returned_areas:
        if area.ons_code not in support_areas:
            continue
        k = min(len(questions), 1 + int(rng.expovariate(1 / 3.0)))
        chosen = weighted_sample(
            rng,
            [q.number for q in questions],
            [
                section_weight.get(q.section, 1.0) * status_weight[statuses[area.ons_code][q.number]]
                for q in questions
            ],
            k,
        )
        support_ticks.update((area.ons_code, number) for number in chosen)

    # Good-practice ticks: exactly the chosen number, on yes/partial answers, more often from mature areas.
    eligible = [
        (a.ons_code, q.number)
        for a in returned_areas
        for q in questions
        if statuses[a.ons_code][q.number] in (Status.YES, Status.PARTIAL)
    ]
    gp_weights = [(0.3 + maturity[code]) * (3.0 if number == "11.3" else 1.0) for code, number in eligible]
    good_practice = set(
        weighted_sample(rng, eligible, gp_weights, min(targets["good_practice_examples"], len(eligible)))
    )

    # Dates and signatures.
    late = set(
        weighted_sample(
            rng,
            [a.ons_code for a in returned_areas],
            [1.3 - maturity[a.ons_code] for a in returned_areas],
            targets["late"],
        )
    )
    pattern_counts = dict(
        zip(SIGNATURE_PATTERN, apportion(n_returned, list(SIGNATURE_PATTERN.values())), strict=True)
    )
    signature_slots = [k for k, count in pattern_counts.items() for _ in range(count)]
    rng.shuffle(signature_slots)

    returns: list[AreaAnswers] = []
    for area in areas:
        code = area.ons_code
        if code in not_returned:
            returns.append(AreaAnswers(ons_code=code, returned=False, completed_by=SYNTHETIC_LABEL))
            continue
        answers: dict[str, Answer] = {}
        for question in questions:
            status = statuses[code][question.number]
            answers[question.number] = _answer(
                writer,
                area,
                question,
                status,
                gp=(code, question.number) in good_practice,
                support=(code, question.number) in support_ticks,
            )
        if code in late:
            submitted = round_deadline + timedelta(days=rng.randint(1, 21))
        else:
            submitted = round_deadline - timedelta(days=rng.randint(0, 18))
        n_signed = signature_slots.pop()
        signed = frozenset(rng.sample(SIGNATORY_ROLES, n_signed))
        returns.append(
            AreaAnswers(
                ons_code=code,
                returned=True,
                submitted_on=submitted,
                signed_by=signed,
                answers=answers,
                completed_by=f"{SYNTHETIC_LABEL} (seed {seed})",
            )
        )

    truth = _truth(
        areas,
        returns,
        question_counts,
        targets,
        pattern_counts,
        support_ticks,
        good_practice,
        by_number,
        round_deadline,
    )
    return SyntheticRound(
        label=SYNTHETIC_LABEL,
        seed=seed,
        round_deadline=round_deadline,
        areas=tuple(areas),
        returns=tuple(returns),
        truth=truth,
        targets=targets,
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


def _truth(
    areas: Sequence[AreaRef],
    returns: Sequence[AreaAnswers],
    question_counts: dict[str, dict[str, int]],
    targets: Mapping[str, int],
    pattern_counts: Mapping[int, int],
    support_ticks: set[tuple[str, str]],
    good_practice: set[tuple[str, str]],
    by_number: Mapping[str, QuestionRef],
    deadline: date,
) -> RoundTruth:
    section_of: Callable[[str], str] = lambda number: by_number[number].section  # noqa: E731
    support_sections = {(code, section_of(number)) for code, number in support_ticks}
    section_support_areas = Counter(section for _, section in support_sections)
    section_support_requests = Counter(section_of(number) for _, number in support_ticks)
    section_good_practice = Counter(section_of(number) for _, number in good_practice)
    sections = sorted({q.section for q in by_number.values()}, key=int)

    support_codes = {code for code, _ in support_ticks}
    gp_by_area = Counter(code for code, _ in good_practice)
    region_counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for area, ret in zip(areas, returns, strict=True):
        figures = region_counts[area.region_code]
        figures["areas"] += 1
        if not ret.returned:
            continue
        figures["returned"] += 1
        figures["on_time"] += int(ret.submitted_on is not None and ret.submitted_on <= deadline)
        figures["signed_all_three"] += int(ret.signed_by >= set(SIGNATORY_ROLES))
        figures["pooled_budget"] += int(ret.status("2.4") is Status.YES)
        figures["requesting_support"] += int(ret.ons_code in support_codes)
        figures["good_practice_examples"] += gp_by_area[ret.ons_code]

    returned = len(areas) - targets["not_returned"]
    headline_counts = {name: question_counts[number]["yes"] for number, name in HEADLINE_QUESTIONS.items()}
    headline_counts["areas_requesting_support"] = len(support_codes)
    headline_counts["good_practice_examples"] = len(good_practice)
    return RoundTruth(
        areas=len(areas),
        returned=returned,
        not_returned=targets["not_returned"],
        on_time=returned - targets["late"],
        late=targets["late"],
        signed_all_three=pattern_counts.get(3, 0),
        unsigned=pattern_counts.get(0, 0),
        signature_pattern=dict(pattern_counts),
        question_counts=question_counts,
        headline_counts=headline_counts,
        section_support_areas={s: section_support_areas.get(s, 0) for s in sections},
        section_support_requests={s: section_support_requests.get(s, 0) for s in sections},
        section_good_practice={s: section_good_practice.get(s, 0) for s in sections},
        region_counts={code: dict(figures) for code, figures in sorted(region_counts.items())},
    )


def published_shares() -> dict[str, int]:
    """The published 2013 percentages the round reproduces (for documentation and tests)."""
    return {
        name: percent_half_up(count, PUBLISHED_AREAS)
        for name, count in PUBLISHED_COUNTS.items()
        if name != "good_practice_examples"
    }
