"""A round in the database, read back as the analysis core's records."""

import datetime
import json
from typing import Any

import pytest
from django.utils import timezone

from concordat.analysis.models import SyntheticTruth
from concordat.analysis.report import PROVISIONAL_LABEL, build_report, render_json
from concordat.analysis.sources import end_of_day, load_round
from concordat.returns.content import content_hash, draft_content
from concordat.returns.models import Return
from concordat.returns.tests.builders import submitted_return

pytestmark = pytest.mark.django_db
BUILT = datetime.datetime(2013, 9, 1, 9, 0, tzinfo=datetime.UTC)


def test_every_headline_and_question_share_in_the_json_report_equals_the_generator_truth(
    synthetic: Any,
) -> None:
    truth = SyntheticTruth.objects.get(round=synthetic.round).truth
    report = json.loads(render_json(build_report(synthetic.round, built_at=BUILT)))
    figures = report["indicators"]
    areas = truth["areas"]
    assert figures["areas"] == areas == 152
    assert figures["returned"] == truth["returned"] == 149
    for name, count in truth["headline_counts"].items():
        headline = figures["headlines"][name]
        assert headline["count"] == count, name
        if headline["share"] is not None:
            assert headline["share"] == {
                "count": count,
                "denominator": areas,
                "percent": (200 * count + areas) // (2 * areas),
            }
    assert {
        k: figures["headlines"][k]["share"]["percent"]
        for k in (
            "pooled_budget",
            "contributions_agreed",
            "shared_understanding_of_costs",
            "areas_requesting_support",
        )
    } == {
        "pooled_budget": 30,
        "contributions_agreed": 39,
        "shared_understanding_of_costs": 60,
        "areas_requesting_support": 57,
    }
    assert figures["headlines"]["good_practice_examples"]["count"] == 343
    for number, counts in truth["question_counts"].items():
        question = figures["questions"][number]
        for status, count in counts.items():
            assert question["counts"][status] == count, (number, status)
            assert question["of_all"][status]["count"] == count
            assert question["of_all"][status]["denominator"] == areas
            assert question["of_returned"][status]["denominator"] == truth["returned"]
    completeness = figures["completeness"]
    assert completeness["on_time"]["count"] == truth["on_time"]
    assert completeness["late"]["count"] == truth["late"]
    assert completeness["signed_all_three"]["count"] == truth["signed_all_three"]
    for section, count in truth["section_support_areas"].items():
        assert figures["sections"][section]["support_areas"]["count"] == count
    for section, count in truth["section_good_practice"].items():
        assert figures["sections"][section]["good_practice_examples"] == count
    for code, region in truth["region_counts"].items():
        assert figures["regions"][code]["headlines"]["pooled_budget"]["count"] == region.get(
            "pooled_budget", 0
        )
    assert report["report"]["labels"][0].startswith("SYNTHETIC DATA")
    assert len(report["sources"]) == 149


def test_synthetic_versions_have_the_shape_real_submissions_leave(synthetic: Any) -> None:
    ret = (
        Return.objects.select_related("latest_version", "round__questionnaire", "area")
        .filter(round=synthetic.round)
        .first()
    )
    assert ret is not None and ret.latest_version is not None
    version = ret.latest_version
    assert draft_content(ret) == version.content
    assert content_hash(version.content) == version.content_hash
    assert all(s.content_hash == version.content_hash for s in version.signatures.all())
    assert ret.state == "accepted" and version.reviews.get().decision == "accepted"
    assert synthetic.round.synthetic and "synthetic" in synthetic.round.title.lower()


def test_loading_a_round_takes_a_fixed_handful_of_queries(
    synthetic: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(4):  # areas, versions with their reviews, signatures, content
        data = load_round(synthetic.round)
    assert len(data.returns) == 149


def test_provisional_figures_include_submitted_returns_that_accepted_figures_leave_out(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    accepted = build_report(stocktake, built_at=BUILT)
    provisional = build_report(stocktake, provisional=True, built_at=BUILT)
    assert accepted.indicators.national.returned == 0
    assert provisional.indicators.national.returned == 1
    assert PROVISIONAL_LABEL in provisional.labels and PROVISIONAL_LABEL not in accepted.labels
    assert [s.ons_code for s in provisional.data.sources] == ["E09000015"]
    assert not provisional.data.sources[0].accepted
    assert b"PROVISIONAL" in render_json(provisional)


def test_as_at_a_date_uses_only_the_versions_submitted_and_accepted_by_then(synthetic: Any) -> None:
    truth = synthetic.synthetic.truth
    deadline = synthetic.round.deadline
    on_the_deadline = load_round(synthetic.round, provisional=True, as_at=end_of_day(deadline))
    assert len(on_the_deadline.returns) == truth.on_time
    assert load_round(synthetic.round, as_at=end_of_day(deadline)).returns == []  # none accepted yet
    later = load_round(synthetic.round, as_at=timezone.now())
    assert len(later.returns) == truth.returned


def test_the_benchmarks_sql_floor_counts_the_same_answers_as_the_analysis(synthetic: Any) -> None:
    from concordat.bench.report import _floor_json

    truth = synthetic.synthetic.truth.question_counts
    counted: dict[tuple[str, str], int] = {(q, s or "blank"): n for q, s, n in _floor_json(synthetic.round)}
    for number, counts in truth.items():
        for status, count in counts.items():
            if status != "blank":  # a blank answer with no ticks is not in the content at all
                assert counted.get((number, status), 0) == count, (number, status)
