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
from functools import lru_cache
from itertools import chain
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
    status_key,
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class _ReturnFacts:
    """What one area's return adds to every group it belongs to."""

    on_time: bool
    signed: frozenset[str]
    keys: tuple[str, ...]  # ``status_key`` of each question's answer, "blank" where unanswered
    gp_numbers: tuple[str, ...]  # questions with a good-practice example
    support_numbers: tuple[str, ...]  # questions with a support tick
    gp_sections: set[str]
    support_sections: set[str]


class _Group:
    """One group of areas (the nation, a region, an area type) and the facts of those that returned."""

    __slots__ = ("areas", "name", "returns")

    def __init__(self, name: str) -> None:
        self.name = name
        self.areas = 0
        self.returns: list[_ReturnFacts] = []


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
    by_code = _returns_by_code(returns, {a.ons_code for a in areas})
    rows, blank = _status_keys(tuple(section_of))

    national = _Group("England")
    regions: dict[str, _Group] = {}
    types: dict[str, _Group] = {}
    per_area: dict[str, AreaFigures] = {}
    for area in areas:  # in the areas' order: a region is named as its first area names it
        region = regions.get(area.region_code)
        if region is None:
            region = regions[area.region_code] = _Group(area.region_name)
        kind = types.get(area.type)
        if kind is None:
            kind = types[area.type] = _Group(area.type)
        national.areas += 1
        region.areas += 1
        kind.areas += 1
        found = by_code.get(area.ons_code)
        if found is None or not found.returned:
            per_area[area.ons_code] = AreaFigures(
                area.ons_code, area.name, area.region_code, area.type, False, False, (), (), 0, 0
            )
            continue
        facts = _return_facts(found, area, section_of, blank, deadline)
        national.returns.append(facts)
        region.returns.append(facts)
        kind.returns.append(facts)
        per_area[area.ons_code] = _area_figures(area, facts, sections)

    return Indicators(
        deadline=deadline,
        sections_ref=sections,
        national=_figures("england", national, rows),
        by_region={code: _figures(code, group, rows) for code, group in sorted(regions.items())},
        by_type={name: _figures(name, group, rows) for name, group in sorted(types.items())},
        sections=_section_figures(national, section_of, sections),
        per_area=per_area,
    )


@lru_cache(maxsize=64)
def _status_keys(
    numbers: tuple[str, ...],
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], dict[str, str]]:
    """For a questionnaire's questions: each question's number with its ``status_key`` of each status, and
    each question's key for "blank"."""
    rows = tuple((number, tuple(status_key(number, s) for s in _STATUS_VALUES)) for number in numbers)
    return rows, {number: status_key(number, Status.BLANK.value) for number in numbers}


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
    ret: AreaAnswers, area: AreaRef, section_of: Mapping[str, str], blank: Mapping[str, str], deadline: date
) -> _ReturnFacts:
    # No Python step per answer: this runs for every return of a round at every build, and a decoded
    # version's facts are taken once (``records.DecodedAnswers``).
    answered = answer_facts(ret.answers)
    numbers = answered.numbers
    if not all(map(section_of.__contains__, numbers)):
        unknown = next(number for number in numbers if number not in section_of)
        raise ValueError(f"Answer to unknown question {unknown!r} from area {area.ons_code!r}")
    keys = answered.keys
    if len(numbers) < len(section_of):
        seen = set(numbers)
        keys += tuple([blank[number] for number in section_of if number not in seen])
    return _ReturnFacts(
        on_time=ret.submitted_on is not None and ret.submitted_on <= deadline,
        signed=ret.signed_by & _ALL_ROLES,
        keys=keys,
        gp_numbers=answered.good_practice,
        support_numbers=answered.support,
        gp_sections={section_of[number] for number in answered.good_practice},
        support_sections={section_of[number] for number in answered.support},
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
# In the vocabulary's order, the order of every figure's keys.
_YES, _PARTIAL, _NO, _NA, _BLANK = _STATUS_VALUES


@lru_cache(maxsize=64)
def _shares_over(denominator: int) -> tuple[Share, ...]:
    """Every ``Share.of(count, denominator)``, indexed by count. Shares are immutable, and a round's figures
    ask for about 11,000 of them over a few dozen denominators, build after build."""
    return tuple([Share.of(count, denominator) for count in range(denominator + 1)])


def _section_figures(
    national: _Group, section_of: Mapping[str, str], sections: Iterable[SectionRef]
) -> dict[str, SectionFigures]:
    """Support and good practice by questionnaire section, over all areas."""
    returns = national.returns
    gp = Counter([section_of[number] for r in returns for number in r.gp_numbers])
    requests = Counter([section_of[number] for r in returns for number in r.support_numbers])
    support_areas = Counter(chain.from_iterable([r.support_sections for r in returns]))
    gp_areas = Counter(chain.from_iterable([r.gp_sections for r in returns]))
    over_all = _shares_over(national.areas)
    return {
        s.number: SectionFigures(
            section=s.number,
            title=s.title,
            support_areas=over_all[support_areas[s.number]],
            support_requests=requests[s.number],
            good_practice_examples=gp[s.number],
            good_practice_areas=over_all[gp_areas[s.number]],
        )
        for s in sections
    }


def _figures(key: str, group: _Group, rows: Iterable[tuple[str, tuple[str, ...]]]) -> GroupFigures:
    """The figures of one group. ``rows``: each question's number and its ``status_key`` of each status."""
    returns = group.returns
    n, returned = group.areas, len(returns)
    not_returned = n - returned
    # Each count made by ``Counter`` over all the group's answers at once, in C: the hot loop of the analysis.
    pairs = Counter(chain.from_iterable([r.keys for r in returns]))
    gp = Counter(chain.from_iterable([r.gp_numbers for r in returns]))
    support = Counter(chain.from_iterable([r.support_numbers for r in returns]))
    signed_role = Counter(chain.from_iterable([r.signed for r in returns]))
    over_all, over_returned = _shares_over(n), _shares_over(returned)
    questions: dict[str, QuestionFigures] = {}
    pairs_get, gp_get, support_get = pairs.get, gp.get, support.get
    a, r = over_all, over_returned  # short names for the dict displays below
    for number, (k_yes, k_partial, k_no, k_na, k_blank) in rows:
        # Spelt out status by status: a dict display is three times as fast as dict(zip(...)), and this runs
        # for every question of every group (a status added to the vocabulary fails the unpacking above).
        yes, partial, no = pairs_get(k_yes, 0), pairs_get(k_partial, 0), pairs_get(k_no, 0)
        na, blank = pairs_get(k_na, 0), pairs_get(k_blank, 0)
        questions[number] = QuestionFigures(
            number,
            {_YES: yes, _PARTIAL: partial, _NO: no, _NA: na, _BLANK: blank, NOT_RETURNED: not_returned},
            {
                _YES: a[yes],
                _PARTIAL: a[partial],
                _NO: a[no],
                _NA: a[na],
                _BLANK: a[blank],
                NOT_RETURNED: a[not_returned],
            },
            {_YES: r[yes], _PARTIAL: r[partial], _NO: r[no], _NA: r[na], _BLANK: r[blank]},
            gp_get(number, 0),
            support_get(number, 0),
        )
    on_time = sum([r.on_time for r in returns])
    signed_all = sum([r.signed == _ALL_ROLES for r in returns])
    completeness = Completeness(
        returned=over_all[returned],
        on_time=over_all[on_time],
        late=over_all[returned - on_time],
        signed_all_three=over_all[signed_all],
        on_time_of_returned=over_returned[on_time],
        signed_all_three_of_returned=over_returned[signed_all],
        unsigned_of_returned=over_returned[sum([not r.signed for r in returns])],
        signed_by_role={role: over_returned[signed_role[role]] for role in SIGNATORY_ROLES},
    )
    support_areas = sum([bool(r.support_sections) for r in returns])
    return GroupFigures(
        key,
        group.name,
        n,
        returned,
        questions,
        completeness,
        _headlines(questions, gp, support_areas, n, over_all),
    )


def _headlines(
    questions: Mapping[str, QuestionFigures],
    gp: Counter[str],
    support_areas: int,
    n: int,
    over_all: tuple[Share, ...],
) -> dict[str, Headline]:
    headlines: dict[str, Headline] = {}
    for d in HEADLINES:
        if d.question is not None and d.question not in questions:
            continue  # the stocktake's headline questions: another questionnaire (a status report) has none
        if d.question is not None:
            count = questions[d.question].counts[Status.YES.value]
            share: Share | None = over_all[count]
        elif d.name == "areas_requesting_support":
            count = support_areas
            share = over_all[count]
        else:
            count = sum(gp.values())
            share = None
        headlines[d.name] = Headline(d.name, d.label, count, share, d.question)
    return headlines
