"""The national figures with the answers counted by PostgreSQL (decision 0804).

``compute_indicators`` (``indicators.py``) is the reference: it tallies every answer of every area in Python.
Here PostgreSQL does that tally in one query over the counted versions' ``jsonb`` content, with grouping sets
for the nation, each region, each area type and each version, so Python assembles the same ``Indicators``
from about a thousand aggregated rows (61 questions x 15 groups, and one row per return) through the same
tallies and the same ``group_figures``. The per-area facts that are not answers (signatures, the date of the
first submission) come from the loader, as they do for the reference.

For a caller that needs only the figures (``round_indicators``): no content is read into Python. A caller
that holds the decoded answers anyway (the analysis pages) tallies them with the reference, which costs less
than the query. SQLite keeps the reference. So does any input the query cannot stand for exactly: an answer
to a question not in the questionnaire (the reference raises the error), a return from an area outside the
areas counted, a duplicate return, a group of 65,536 areas or more (the status counts are packed 16 bits
each), more than 63 sections (one bit each).
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from concordat.returns.models import Round

from .indicators import (
    AreaFigures,
    GroupTally,
    Indicators,
    SectionTally,
    Shares,
    compute_indicators,
    group_figures,
)
from .records import SIGNATORY_ROLES, AreaRef, SectionRef, Status, sections_of
from .sources import load_round, load_round_versions

__all__ = ["ReturnFacts", "count_indicators", "round_indicators", "uses_database_counting"]

_STATUS_BITS = 16  # each answered status's count of areas in a group, packed into one sum
_MAX_AREAS = 1 << _STATUS_BITS
# The answered statuses in the order of their fields in the packed sum (``_COUNT_SQL``); any other stored
# value, the empty string included, is "blank", as ``records.status_of`` says.
PACKED_STATUSES = (Status.YES, Status.PARTIAL, Status.NO, Status.NA)
_PACKED_VALUES = tuple(s.value for s in PACKED_STATUSES)
_ALL_ROLES = frozenset(SIGNATORY_ROLES)

# Each answer once, in a subquery (OFFSET 0 keeps PostgreSQL from computing its expressions again for each
# grouping set). A tick counts when it is JSON true: versions' content is written from boolean columns.
_COUNT_SQL = """
    SELECT GROUPING(region, kind, version_id), region, kind, version_id, key, SUM(status_code)::bigint,
           COUNT(*) FILTER (WHERE good_practice), COUNT(*) FILTER (WHERE support),
           BIT_OR((%(section_bits)s::jsonb ->> key)::bigint) FILTER (WHERE good_practice),
           BIT_OR((%(section_bits)s::jsonb ->> key)::bigint) FILTER (WHERE support)
    FROM (
        SELECT g.region, g.kind, g.version_id, je.key,
               CASE je.value ->> 'status'
                   WHEN 'yes' THEN 1 WHEN 'partial' THEN 65536
                   WHEN 'no' THEN 4294967296 WHEN 'na' THEN 281474976710656 ELSE 0
               END AS status_code,
               je.value @> '{"good_practice": true}' AS good_practice,
               je.value @> '{"support_required": true}' AS support
        FROM unnest(%(versions)s::bigint[], %(regions)s::int[], %(kinds)s::int[])
             AS g(version_id, region, kind)
        JOIN returns_returnversion v ON v.id = g.version_id
        CROSS JOIN LATERAL jsonb_each(v.content -> 'answers') je
        OFFSET 0
    ) answer
    GROUP BY GROUPING SETS ((key), (region, key), (kind, key), (version_id))
"""
# GROUPING(region, kind, version_id): a bit set for each column the row is not grouped by.
_NATIONAL, _BY_REGION, _BY_KIND, _BY_VERSION = 0b111, 0b011, 0b101, 0b110


@dataclass(frozen=True, slots=True)
class ReturnFacts:
    """What the figures need of one area's counted return besides its answers."""

    ons_code: str
    version_id: int
    submitted_on: datetime.date | None
    signed_by: frozenset[str]


def uses_database_counting() -> bool:
    return connection.vendor == "postgresql"


def round_indicators(
    rnd: Round | str, *, provisional: bool = False, as_at: datetime.datetime | None = None
) -> Indicators:
    """Every figure of the round as at ``as_at``, for a caller that needs nothing else of its returns: on
    PostgreSQL the versions' content is never fetched into Python; elsewhere the round is loaded and counted
    by the reference."""
    if uses_database_counting():
        versions = load_round_versions(rnd, provisional=provisional, as_at=as_at)
        facts = [ReturnFacts(r.ons_code, r.version_id, r.submitted_on, r.signed_by) for r in versions.returns]
        counted = count_indicators(facts, versions.areas, versions.questionnaire, deadline=versions.deadline)
        if counted is not None:
            return counted
        rnd = versions.round
    data = load_round(rnd, provisional=provisional, as_at=as_at)
    return compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)


class _Groups:
    """The tallies of one build: the nation, each region and each area type (first seen, first listed)."""

    def __init__(self, areas: Iterable[AreaRef], numbers: tuple[str, ...]) -> None:
        self.national = GroupTally("England", numbers)
        self.regions: dict[str, GroupTally] = {}
        self.kinds: dict[str, GroupTally] = {}
        for a in areas:
            if a.region_code not in self.regions:
                self.regions[a.region_code] = GroupTally(a.region_name, numbers)
            if a.type not in self.kinds:
                self.kinds[a.type] = GroupTally(a.type, numbers)
        self.by_section = SectionTally()


def count_indicators(
    returns: Sequence[ReturnFacts],
    areas: list[AreaRef],
    questionnaire: Mapping[str, Any],
    *,
    deadline: datetime.date,
) -> Indicators | None:
    """``compute_indicators`` with the answers of ``returns``' versions counted by PostgreSQL; None where
    the reference must count them instead (an unknown area or question, a duplicate return, a huge group)."""
    sections = sections_of(questionnaire)
    section_of = {q.number: s.number for s in sections for q in s.questions}
    area_of = {a.ons_code: a for a in areas}
    by_code = {r.ons_code: r for r in returns}
    if (
        len(areas) >= _MAX_AREAS
        or len(sections) > 63  # one bit of a bigint each
        or len(by_code) != len(returns)
        or any(code not in area_of for code in by_code)
    ):
        return None
    groups = _Groups(areas, tuple(section_of))
    section_bit = {s.number: 1 << i for i, s in enumerate(sections)}
    rows = (
        _count(returns, area_of, groups, {q: section_bit[s] for q, s in section_of.items()})
        if returns
        else []
    )
    if any(row[4] is not None and row[4] not in section_of for row in rows):
        return None  # an answer to a question the questionnaire does not ask: the reference says which
    per_version = {row[3]: row for row in rows if row[0] == _BY_VERSION}
    per_area = _add_areas(areas, by_code, per_version, groups, sections, deadline)
    _add_answers(rows, groups, section_of)
    shares = Shares()
    return Indicators(
        deadline=deadline,
        sections_ref=sections,
        national=group_figures("england", groups.national, shares),
        by_region={code: group_figures(code, t, shares) for code, t in sorted(groups.regions.items())},
        by_type={name: group_figures(name, t, shares) for name, t in sorted(groups.kinds.items())},
        sections=groups.by_section.figures(sections, groups.national.areas),
        per_area=per_area,
    )


def _count(
    returns: Sequence[ReturnFacts],
    area_of: Mapping[str, AreaRef],
    groups: _Groups,
    section_bit: Mapping[str, int],
) -> list[tuple[Any, ...]]:
    """The query's rows: (grouping, region index, kind index, version id, question, packed statuses,
    good-practice ticks, support ticks, sections with a good-practice tick, sections with a support tick)."""
    region_index = {code: i for i, code in enumerate(groups.regions)}
    kind_index = {kind: i for i, kind in enumerate(groups.kinds)}
    with connection.cursor() as cursor:
        cursor.execute(
            _COUNT_SQL,
            {
                "versions": [r.version_id for r in returns],
                "regions": [region_index[area_of[r.ons_code].region_code] for r in returns],
                "kinds": [kind_index[area_of[r.ons_code].type] for r in returns],
                "section_bits": json.dumps(section_bit),
            },
        )
        return list(cursor.fetchall())


def _add_areas(
    areas: Sequence[AreaRef],
    by_code: Mapping[str, ReturnFacts],
    per_version: Mapping[int, tuple[Any, ...]],
    groups: _Groups,
    sections: Sequence[SectionRef],
    deadline: datetime.date,
) -> dict[str, AreaFigures]:
    """Count each area in its groups, and make its own figures (its ticks are the query's row for its
    version). Areas alike (same groups, timeliness, signatures and support) are added to a tally at once."""
    numbers = [s.number for s in sections]
    sections_in: dict[
        int, tuple[str, ...]
    ] = {}  # section bits -> section numbers, each pattern worked out once

    def in_sections(bits: int | None) -> tuple[str, ...]:
        if not bits:
            return ()
        if bits not in sections_in:
            sections_in[bits] = tuple(n for i, n in enumerate(numbers) if bits >> i & 1)
        return sections_in[bits]

    alike: Counter[tuple[str, str, bool, frozenset[str], bool]] = Counter()
    in_group: Counter[tuple[str, str]] = Counter()
    support_bits: Counter[int] = Counter()
    gp_bits: Counter[int] = Counter()
    per_area: dict[str, AreaFigures] = {}
    for area in areas:
        in_group[(area.region_code, area.type)] += 1
        found = by_code.get(area.ons_code)
        if found is None:
            per_area[area.ons_code] = AreaFigures(
                area.ons_code, area.name, area.region_code, area.type, False, False, (), (), 0, 0
            )
            continue
        row = per_version.get(found.version_id)  # none for a return with no answers at all
        gp, support, gp_in, support_in = row[6:10] if row else (0, 0, None, None)
        on_time = found.submitted_on is not None and found.submitted_on <= deadline
        signed = found.signed_by & _ALL_ROLES
        alike[(area.region_code, area.type, on_time, signed, bool(support_in))] += 1
        support_bits[support_in or 0] += 1
        gp_bits[gp_in or 0] += 1
        per_area[area.ons_code] = AreaFigures(
            area.ons_code,
            area.name,
            area.region_code,
            area.type,
            True,
            on_time,
            _in_signing_order(signed),
            in_sections(support_in),
            support,
            gp,
        )
    _add_alike(groups, in_group, alike, support_bits, gp_bits, in_sections)
    return per_area


def _add_alike(
    groups: _Groups,
    in_group: Mapping[tuple[str, str], int],
    alike: Mapping[tuple[str, str, bool, frozenset[str], bool], int],
    support_bits: Mapping[int, int],
    gp_bits: Mapping[int, int],
    in_sections: Callable[[int | None], tuple[str, ...]],
) -> None:
    for (region, kind), n in in_group.items():
        for tally in (groups.national, groups.regions[region], groups.kinds[kind]):
            tally.areas += n
    for (region, kind, on_time, signed, requests_support), n in alike.items():
        for tally in (groups.national, groups.regions[region], groups.kinds[kind]):
            tally.add_return(on_time=on_time, signed=signed, requests_support=requests_support, times=n)
    for bits, n in support_bits.items():
        for number in in_sections(bits):
            groups.by_section.support_areas[number] += n
    for bits, n in gp_bits.items():
        for number in in_sections(bits):
            groups.by_section.gp_areas[number] += n


@functools.cache
def _in_signing_order(signed: frozenset[str]) -> tuple[str, ...]:
    return tuple(r for r in SIGNATORY_ROLES if r in signed)


def _add_answers(rows: Iterable[tuple[Any, ...]], groups: _Groups, section_of: Mapping[str, str]) -> None:
    """Pour the counted answers into the tallies: statuses and ticks by question; a returned area's
    unanswered question is "blank", as the reference counts it."""
    regions, kinds = list(groups.regions.values()), list(groups.kinds.values())
    mask = _MAX_AREAS - 1
    for level, region, kind, _, key, packed, gp, support, _, _ in rows:
        if level == _NATIONAL:
            tally = groups.national
            groups.by_section.gp[section_of[key]] += gp
            groups.by_section.support_requests[section_of[key]] += support
        elif level == _BY_REGION:
            tally = regions[region]
        elif level == _BY_KIND:
            tally = kinds[kind]
        else:
            continue
        for i, status in enumerate(_PACKED_VALUES):
            tally.pairs[(key, status)] = packed >> (_STATUS_BITS * i) & mask
        tally.gp[key] = gp
        tally.support[key] = support
    blank = Status.BLANK.value
    for tally in (groups.national, *regions, *kinds):
        for number in tally.numbers:
            pairs = tally.pairs
            answered = sum([pairs.get((number, status), 0) for status in _PACKED_VALUES])
            pairs[(number, blank)] = tally.returned - answered
