from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concordat.analysis.indicators import HEADLINE_NAMES, Indicators, compute_indicators
from concordat.analysis.records import NOT_RETURNED, Answer, AreaAnswers, Share, Status, percent_half_up

from .fixtures import DEADLINE, areas, questionnaire, synthetic_round
from .fixtures import indicators as round_indicators


@pytest.fixture(name="indicators")
def _indicators() -> Indicators:
    return round_indicators()


def test_every_question_matches_the_generators_truth(indicators: Indicators) -> None:
    truth = synthetic_round().truth
    assert set(indicators.questions) == set(truth.question_counts)
    for number, counts in truth.question_counts.items():
        figures = indicators.questions[number]
        assert {k: v for k, v in figures.counts.items() if k != NOT_RETURNED} == counts, number
        assert figures.counts[NOT_RETURNED] == truth.not_returned


def test_headlines_match_truth_and_published_figures(indicators: Indicators) -> None:
    truth = synthetic_round().truth
    assert tuple(indicators.headlines) == HEADLINE_NAMES
    for name, count in truth.headline_counts.items():
        assert indicators.headlines[name].count == count, name
    h = indicators.headlines
    assert h["pooled_budget"].share == Share(46, 152, 30)
    assert h["contributions_agreed"].share == Share(60, 152, 39)
    assert h["shared_understanding_of_costs"].share == Share(91, 152, 60)
    assert h["areas_requesting_support"].share == Share(87, 152, 57)
    assert h["good_practice_examples"].count > 340
    assert h["good_practice_examples"].share is None


def test_sections_regions_and_completeness_match_truth(indicators: Indicators) -> None:
    truth = synthetic_round().truth
    for number, section in indicators.sections.items():
        assert section.support_areas.count == truth.section_support_areas[number]
        assert section.support_requests == truth.section_support_requests[number]
        assert section.good_practice_examples == truth.section_good_practice[number]
    for code, figures in truth.region_counts.items():
        region = indicators.by_region[code]
        assert region.areas == figures["areas"]
        assert region.returned == figures.get("returned", 0)
        assert region.completeness.on_time.count == figures.get("on_time", 0)
        assert region.completeness.signed_all_three.count == figures.get("signed_all_three", 0)
        assert region.headlines["pooled_budget"].count == figures.get("pooled_budget", 0)
        assert region.headlines["areas_requesting_support"].count == figures.get("requesting_support", 0)
        assert region.headlines["good_practice_examples"].count == figures.get("good_practice_examples", 0)
    c = indicators.completeness
    assert (c.returned.count, c.on_time.count, c.late.count) == (truth.returned, truth.on_time, truth.late)
    assert c.signed_all_three.count == truth.signed_all_three
    assert c.unsigned_of_returned.count == truth.unsigned


def test_shares_state_their_denominators(indicators: Indicators) -> None:
    figures = indicators.questions["2.4"]
    assert figures.of_all["yes"].denominator == 152
    assert figures.of_returned["yes"].denominator == indicators.national.returned
    assert sum(s.count for s in figures.of_all.values()) == 152
    assert sum(s.count for s in figures.of_returned.values()) == indicators.national.returned


def test_regions_and_types_add_up_to_the_nation(indicators: Indicators) -> None:
    for groups in (indicators.by_region, indicators.by_type):
        assert sum(g.areas for g in groups.values()) == 152
        for number, national in indicators.questions.items():
            for status, count in national.counts.items():
                assert sum(g.questions[number].counts[status] for g in groups.values()) == count


def test_json_is_keyed_by_indicator_and_question(indicators: Indicators) -> None:
    data = json.loads(json.dumps(indicators.to_json_dict()))
    assert data["headlines"]["pooled_budget"]["share"] == {"count": 46, "denominator": 152, "percent": 30}
    assert data["questions"]["2.4"]["counts"]["yes"] == 46
    assert "E12000007" in data["regions"]


def test_percent_rounds_half_up() -> None:
    assert percent_half_up(1, 8) == 13  # 12.5
    assert percent_half_up(5, 200) == 3  # 2.5, where round() would give 2
    assert percent_half_up(0, 0) == 0
    assert Share.of(46, 152).text() == "46 of 152 areas (30%)"


def test_missing_areas_and_answers_are_not_returned_and_blank() -> None:
    some = list(areas())[:3]
    ret = AreaAnswers(
        some[0].ons_code,
        True,
        date(2013, 7, 1),
        frozenset({"hwb_chair"}),
        {"2.4": Answer("2.4", Status.YES, support_required=True)},
    )
    ind = compute_indicators([ret], some, questionnaire(), deadline=DEADLINE)
    assert ind.questions["2.4"].counts == {
        "yes": 1,
        "partial": 0,
        "no": 0,
        "na": 0,
        "blank": 0,
        NOT_RETURNED: 2,
    }
    assert ind.questions["1.1"].counts["blank"] == 1
    assert ind.headlines["pooled_budget"].share == Share(1, 3, 33)
    assert ind.headlines["areas_requesting_support"].count == 1
    assert ind.completeness.on_time.count == 1
    assert ind.completeness.signed_all_three.count == 0


def test_rejects_unknown_area_duplicates_and_unknown_questions() -> None:
    some = list(areas())[:2]
    with pytest.raises(ValueError, match="unknown area"):
        compute_indicators([AreaAnswers("E99999999", True)], some, questionnaire(), deadline=DEADLINE)
    twice = [AreaAnswers(some[0].ons_code, True), AreaAnswers(some[0].ons_code, True)]
    with pytest.raises(ValueError, match="More than one"):
        compute_indicators(twice, some, questionnaire(), deadline=DEADLINE)
    odd = AreaAnswers(some[0].ons_code, True, answers={"99.1": Answer("99.1", Status.YES)})
    with pytest.raises(ValueError, match="unknown question"):
        compute_indicators([odd], some, questionnaire(), deadline=DEADLINE)


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percent_half_up_matches_decimal_rounding(count: int, denominator: int) -> None:
    exact = Decimal(100 * count) / Decimal(denominator)
    assert percent_half_up(count, denominator) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
