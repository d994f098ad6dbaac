"""The national analysis of a stocktake round: the reference implementation of every published figure.

``compute_indicators`` makes one pass over the answers (O(areas x questions)) and tallies each answer into the
national, regional and area-type groups at once. Every share carries its denominator:

* ``of_all`` shares are of all areas in the group, counting areas that sent no return (the 2013 headline
  figures were of all 152 areas);
* ``of_returned`` shares are of the areas in the group that returned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from .records import (
    NOT_RETURNED,
    SIGNATORY_ROLES,
    STATUSES,
    AreaAnswers,
    AreaRef,
    QuestionRef,
    SectionRef,
    Share,
    Status,
    answer_facts,
    sections_of,
)


@dataclass(frozen=True)
class HeadlineDefinition:
    name: str
    label: str  # completes "46 of 152 areas (30%) ..."
    question: str | None = None  # a "yes" to this question counts
    unit: str = "areas"


HEADLINES: tuple[HeadlineDefinition, ...] = (
    HeadlineDefinition("pooled_budget", "reported a pooled budget", "2.4"),
    HeadlineDefinition(
        "contributions_agreed", "had agreed funding contributions between council and CCGs", "2.5"
    ),
    HeadlineDefinition(
        "shared_understanding_of_costs",
        "had a shared understanding of the total cost of current services",
        "2.1",
    ),
    HeadlineDefinition("confident_of_june_2014", "were confident of meeting the 1 June 2014 target", "6.9"),
    HeadlineDefinition("areas_requesting_support", "asked the programme for support"),
    HeadlineDefinition("good_practice_examples", "good practice examples were offered", unit="examples"),
)
HEADLINE_NAMES: tuple[str, ...] = tuple(h.name for h in HEADLINES)


@dataclass(frozen=True)
class Headline:
    name: str
    label: str
    count: int
    share: Share | None  # of all areas; None for a plain count (good-practice examples)
    question: str | None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "count": self.count,
            "share": self.share.to_json_dict() if self.share else None,
            "question": self.question,
        }


@dataclass(frozen=True)
class QuestionFigures:
    question: str
    counts: dict[str, int]  # each status among returned areas, plus "not_returned"
    of_all: dict[str, Share]  # each status and "not_returned", of all areas in the group
    of_returned: dict[str, Share]  # each status, of areas in the group that returned
    good_practice: int
    support: int

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "of_all": {k: v.to_json_dict() for k, v in self.of_all.items()},
            "of_returned": {k: v.to_json_dict() for k, v in self.of_returned.items()},
            "good_practice": self.good_practice,
            "support": self.support,
        }


@dataclass(frozen=True)
class Completeness:
    returned: Share  # of all areas
    on_time: Share  # returned by the deadline, of all areas
    late: Share  # returned after the deadline (or with no date), of all areas
    signed_all_three: Share  # of all areas
    on_time_of_returned: Share
    signed_all_three_of_returned: Share
    unsigned_of_returned: Share
    signed_by_role: dict[str, Share]  # of returned areas

    def to_json_dict(self) -> dict[str, Any]:
        shares = [f.name for f in fields(self) if f.name != "signed_by_role"]  # each a Share, in field order
        out: dict[str, Any] = {name: getattr(self, name).to_json_dict() for name in shares}
        out["signed_by_role"] = {k: v.to_json_dict() for k, v in self.signed_by_role.items()}
        return out


@dataclass(frozen=True)
class GroupFigures:
    """All figures for one group of areas: the nation, a region or an area type."""

    key: str
    name: str
    areas: int
    returned: int
    questions: dict[str, QuestionFigures]
    completeness: Completeness
    headlines: dict[str, Headline]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "areas": self.areas,
            "returned": self.returned,
            "headlines": {k: v.to_json_dict() for k, v in self.headlines.items()},
            "completeness": self.completeness.to_json_dict(),
            "questions": {k: v.to_json_dict() for k, v in self.questions.items()},
        }


@dataclass(frozen=True)
class SectionFigures:
    section: str
    title: str
    support_areas: Share  # areas with a support tick in this section, of all areas
    support_requests: int  # support ticks in this section
    good_practice_examples: int
    good_practice_areas: Share  # areas offering an example in this section, of all areas

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "support_areas": self.support_areas.to_json_dict(),
            "support_requests": self.support_requests,
            "good_practice_examples": self.good_practice_examples,
            "good_practice_areas": self.good_practice_areas.to_json_dict(),
        }


@dataclass(frozen=True)
class AreaFigures:
    ons_code: str
    name: str
    region_code: str
    type: str
    returned: bool
    on_time: bool
    signed_by: tuple[str, ...]
    support_sections: tuple[str, ...]
    support_requests: int
    good_practice_examples: int

    @property
    def signed_all_three(self) -> bool:
        return set(self.signed_by) >= set(SIGNATORY_ROLES)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "region_code": self.region_code,
            "type": self.type,
            "returned": self.returned,
            "on_time": self.on_time,
            "signed_by": list(self.signed_by),
            "support_sections": list(self.support_sections),
            "support_requests": self.support_requests,
            "good_practice_examples": self.good_practice_examples,
        }


@dataclass(frozen=True)
class Indicators:
    deadline: date
    sections_ref: tuple[SectionRef, ...]
    national: GroupFigures
    by_region: dict[str, GroupFigures]  # region code -> figures
    by_type: dict[str, GroupFigures]  # area type -> figures
    sections: dict[str, SectionFigures]
    per_area: dict[str, AreaFigures]

    @property
    def headlines(self) -> dict[str, Headline]:
        return self.national.headlines

    @property
    def questions(self) -> dict[str, QuestionFigures]:
        return self.national.questions

    @property
    def completeness(self) -> Completeness:
        return self.national.completeness

    def question_ref(self, number: str) -> QuestionRef:
        for section in self.sections_ref:
            for question in section.questions:
                if question.number == number:
                    return question
        raise KeyError(number)

    def to_json_dict(self) -> dict[str, Any]:
        """Keyed by indicator name and question number; plain JSON types only."""
        return {
            "deadline": self.deadline.isoformat(),
            "areas": self.national.areas,
            "returned": self.national.returned,
            "headlines": {k: v.to_json_dict() for k, v in self.headlines.items()},
            "completeness": self.completeness.to_json_dict(),
            "questions": {k: v.to_json_dict() for k, v in self.questions.items()},
            "sections": {k: v.to_json_dict() for k, v in self.sections.items()},
            "regions": {k: v.to_json_dict() for k, v in self.by_region.items()},
            "area_types": {k: v.to_json_dict() for k, v in self.by_type.items()},
            "areas_detail": {k: v.to_json_dict() for k, v in self.per_area.items()},
        }


_ALL_ROLES = frozenset(SIGNATORY_ROLES)


@dataclass(frozen=True)
class _ReturnFacts:
    """What one area's return adds to every group it belongs to."""

    on_time: bool
    signed: frozenset[str]
    pairs: list[tuple[str, str]]  # (question, status), one per question, "blank" where unanswered
    gp_numbers: list[str]  # questions with a good-practice example
    support_numbers: list[str]  # questions with a support tick
    gp_sections: set[str]
    support_sections: set[str]


class _Tally:
    """Running counts for one group."""

    __slots__ = (
        "areas",
        "gp",
        "name",
        "numbers",
        "on_time",
        "pairs",
        "returned",
        "signed_all",
        "signed_role",
        "support",
        "support_areas",
        "unsigned",
    )

    def __init__(self, name: str, question_numbers: Iterable[str]) -> None:
        self.name = name
        self.areas = 0
        self.returned = 0
        self.on_time = 0
        self.signed_all = 0
        self.unsigned = 0
        self.signed_role: Counter[str] = Counter()
        self.numbers = tuple(question_numbers)
        self.pairs: Counter[tuple[str, str]] = Counter()  # (question, status) -> areas
        self.gp: Counter[str] = Counter()
        self.support: Counter[str] = Counter()
        self.support_areas = 0

    def add(self, facts: _ReturnFacts) -> None:
        self.pairs.update(facts.pairs)  # Counter.update counts a list in C: the hot loop of the analysis
        if facts.gp_numbers:
            self.gp.update(facts.gp_numbers)
        if facts.support_numbers:
            self.support.update(facts.support_numbers)
        self.add_return(
            on_time=facts.on_time, signed=facts.signed, requests_support=bool(facts.support_sections)
        )

    def merge(self, part: _Tally) -> None:
        """Add the counts of ``part``, a group of areas within this one."""
        self.pairs.update(part.pairs)
        self.gp.update(part.gp)
        self.support.update(part.support)
        self.signed_role.update(part.signed_role)
        self.areas += part.areas
        self.returned += part.returned
        self.on_time += part.on_time
        self.signed_all += part.signed_all
        self.unsigned += part.unsigned
        self.support_areas += part.support_areas

    def add_return(self, *, on_time: bool, signed: frozenset[str], requests_support: bool) -> None:
        """One more returned area (its answers are counted apart); ``signed``: its signatories' roles."""
        self.returned += 1
        self.on_time += on_time
        self.signed_all += signed == _ALL_ROLES
        self.unsigned += not signed
        self.signed_role.update(signed)
        self.support_areas += requests_support


class _SectionTally:
    """Running counts of support and good practice by questionnaire section, over all areas."""

    def __init__(self) -> None:
        self.support_areas: Counter[str] = Counter()
        self.support_requests: Counter[str] = Counter()
        self.gp: Counter[str] = Counter()
        self.gp_areas: Counter[str] = Counter()

    def add(self, facts: _ReturnFacts, section_of: Mapping[str, str]) -> None:
        self.gp.update(section_of[number] for number in facts.gp_numbers)
        self.support_requests.update(section_of[number] for number in facts.support_numbers)
        self.support_areas.update(facts.support_sections)
        self.gp_areas.update(facts.gp_sections)

    def figures(self, sections: Iterable[SectionRef], n: int) -> dict[str, SectionFigures]:
        return {
            s.number: SectionFigures(
                section=s.number,
                title=s.title,
                support_areas=Share.of(self.support_areas[s.number], n),
                support_requests=self.support_requests[s.number],
                good_practice_examples=self.gp[s.number],
                good_practice_areas=Share.of(self.gp_areas[s.number], n),
            )
            for s in sections
        }


def compute_indicators(
    returns: Iterable[AreaAnswers],
    areas: list[AreaRef],
    questionnaire: Mapping[str, Any],
    *,
    deadline: date,
) -> Indicators:
    """Every figure of the national analysis from the areas' returns. Areas absent from ``returns`` (or with
    ``returned=False``) count as not returned; a returned area with no answer to a question counts as "blank"
    for it. Raises ValueError for an unknown area, a duplicate return or an answer to an unknown question."""
    sections = sections_of(questionnaire)
    section_of = {q.number: s.number for s in sections for q in s.questions}
    numbers = tuple(section_of)
    by_code = _returns_by_code(returns, {a.ons_code for a in areas})

    # Each return tallied once, in its (region, area type) cell; the cells add up to every group below.
    cells: dict[tuple[str, str], _Tally] = {}
    by_section = _SectionTally()
    per_area: dict[str, AreaFigures] = {}
    for area in areas:
        cell = cells.get((area.region_code, area.type))
        if cell is None:
            cell = cells[(area.region_code, area.type)] = _Tally(area.region_name, numbers)
        cell.areas += 1
        found = by_code.get(area.ons_code)
        if found is None or not found.returned:
            per_area[area.ons_code] = AreaFigures(
                area.ons_code, area.name, area.region_code, area.type, False, False, (), (), 0, 0
            )
            continue
        facts = _return_facts(found, area, section_of, deadline)
        cell.add(facts)
        by_section.add(facts, section_of)
        per_area[area.ons_code] = _area_figures(area, facts, sections)
    national = _Tally("England", numbers)
    regions: dict[str, _Tally] = {}
    types: dict[str, _Tally] = {}
    for (region, kind), cell in cells.items():  # in the areas' order: a region is named as its first area
        national.merge(cell)
        regions.setdefault(region, _Tally(cell.name, numbers)).merge(cell)
        types.setdefault(kind, _Tally(kind, numbers)).merge(cell)

    shares = _Shares()
    return Indicators(
        deadline=deadline,
        sections_ref=sections,
        national=_figures("england", national, shares),
        by_region={code: _figures(code, tally, shares) for code, tally in sorted(regions.items())},
        by_type={name: _figures(name, tally, shares) for name, tally in sorted(types.items())},
        sections=by_section.figures(sections, national.areas),
        per_area=per_area,
    )


def _returns_by_code(returns: Iterable[AreaAnswers], known: set[str]) -> dict[str, AreaAnswers]:
    by_code: dict[str, AreaAnswers] = {}
    for ret in returns:
        if ret.ons_code not in known:
            raise ValueError(f"Return for unknown area {ret.ons_code!r}")
        if ret.ons_code in by_code:
            raise ValueError(f"More than one return for area {ret.ons_code!r}")
        by_code[ret.ons_code] = ret
    return by_code


def _return_facts(
    ret: AreaAnswers, area: AreaRef, section_of: Mapping[str, str], deadline: date
) -> _ReturnFacts:
    # Whole-list steps rather than one Python step per answer: this runs once for every answer of a round.
    answered = answer_facts(ret.answers)
    seen = {fact[0] for fact in answered}
    if not section_of.keys() >= seen:
        unknown = next(fact[0] for fact in answered if fact[0] not in section_of)
        raise ValueError(f"Answer to unknown question {unknown!r} from area {area.ons_code!r}")
    pairs = [fact[:2] for fact in answered]
    if len(seen) < len(section_of):
        pairs.extend((number, Status.BLANK.value) for number in section_of if number not in seen)
    ticked = [fact for fact in answered if fact[2] or fact[3]]
    gp_numbers = [fact[0] for fact in ticked if fact[2]]
    support_numbers = [fact[0] for fact in ticked if fact[3]]
    return _ReturnFacts(
        on_time=ret.submitted_on is not None and ret.submitted_on <= deadline,
        signed=ret.signed_by & _ALL_ROLES,
        pairs=pairs,
        gp_numbers=gp_numbers,
        support_numbers=support_numbers,
        gp_sections={section_of[number] for number in gp_numbers},
        support_sections={section_of[number] for number in support_numbers},
    )


def _area_figures(area: AreaRef, facts: _ReturnFacts, sections: Iterable[SectionRef]) -> AreaFigures:
    return AreaFigures(
        area.ons_code,
        area.name,
        area.region_code,
        area.type,
        True,
        facts.on_time,
        tuple(r for r in SIGNATORY_ROLES if r in facts.signed),
        tuple(s.number for s in sections if s.number in facts.support_sections),
        len(facts.support_numbers),
        len(facts.gp_numbers),
    )


_STATUS_VALUES: tuple[str, ...] = tuple(s.value for s in STATUSES)


class _Shares(dict[tuple[int, int], Share]):
    """``Share.of`` for one build, each (count, denominator) made once: shares are immutable, and the same
    few recur across groups and questions (about 11,000 asked for, a few hundred distinct)."""

    def __missing__(self, key: tuple[int, int]) -> Share:
        share = self[key] = Share.of(*key)
        return share


def _figures(key: str, tally: _Tally, shares: _Shares | None = None) -> GroupFigures:
    n, returned = tally.areas, tally.returned
    not_returned = n - returned
    questions: dict[str, QuestionFigures] = {}
    pairs_get, gp_get, support_get = tally.pairs.get, tally.gp.get, tally.support.get
    share_of = _Shares() if shares is None else shares
    for number in tally.numbers:
        counts = {s: pairs_get((number, s), 0) for s in _STATUS_VALUES}
        of_returned = {status: share_of[count, returned] for status, count in counts.items()}
        counts[NOT_RETURNED] = not_returned
        of_all = {status: share_of[count, n] for status, count in counts.items()}
        questions[number] = QuestionFigures(
            number, counts, of_all, of_returned, gp_get(number, 0), support_get(number, 0)
        )
    completeness = Completeness(
        returned=Share.of(returned, n),
        on_time=Share.of(tally.on_time, n),
        late=Share.of(returned - tally.on_time, n),
        signed_all_three=Share.of(tally.signed_all, n),
        on_time_of_returned=Share.of(tally.on_time, returned),
        signed_all_three_of_returned=Share.of(tally.signed_all, returned),
        unsigned_of_returned=Share.of(tally.unsigned, returned),
        signed_by_role={role: Share.of(tally.signed_role[role], returned) for role in SIGNATORY_ROLES},
    )
    headlines: dict[str, Headline] = {}
    for d in HEADLINES:
        if d.question is not None and d.question not in questions:
            continue  # the stocktake's headline questions: another questionnaire (a status report) has none
        if d.question is not None:
            count = questions[d.question].counts[Status.YES.value]
            share: Share | None = Share.of(count, n)
        elif d.name == "areas_requesting_support":
            count = tally.support_areas
            share = Share.of(count, n)
        else:
            count = sum(tally.gp.values())
            share = None
        headlines[d.name] = Headline(d.name, d.label, count, share, d.question)
    return GroupFigures(key, tally.name, n, returned, questions, completeness, headlines)
