"""What a generated stocktake round holds, counted as the generator went: the truth the analysis must find."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from concordat.analysis.records import SIGNATORY_ROLES, AreaAnswers, AreaRef, QuestionRef, Status

# The questions whose "yes" count is a headline figure, and the figure's name.
HEADLINE_QUESTIONS: Mapping[str, str] = {
    "2.1": "shared_understanding_of_costs",
    "2.4": "pooled_budget",
    "2.5": "contributions_agreed",
    "6.9": "confident_of_june_2014",
}


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


def round_truth(
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
    """The figures of a generated round, counted from what the generator decided (not by the analysis)."""
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
