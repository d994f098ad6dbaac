from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from concordat.analysis.records import Answer, AreaAnswers, Status, questions_of
from concordat.analysis.scoring import DEFAULT_WEIGHTS, rank_areas, score_area

from .fixtures import DEADLINE, areas, questionnaire, synthetic_round


def _all_yes(code: str, **changes: Status) -> AreaAnswers:
    answers = {}
    for q in questions_of(questionnaire()):
        status = changes.get(
            q.number.replace(".", "_"), Status.NO if q.polarity == "negative" else Status.YES
        )
        answers[q.number] = Answer(q.number, status)
    return AreaAnswers(
        code, True, date(2013, 7, 1), frozenset({"hwb_chair", "chief_executive", "ccg"}), answers
    )


def test_reasons_add_up_to_the_score_for_every_area() -> None:
    rnd = synthetic_round()
    ranking = rank_areas(rnd.returns, list(areas()), questionnaire(), deadline=DEADLINE)
    assert len(ranking) == 152
    for item in ranking:
        assert item.score == sum(r.points for r in item.reasons)
        assert all(r.points > 0 and r.evidence for r in item.reasons)


def test_ranking_is_highest_concern_first_with_shared_ranks() -> None:
    rnd = synthetic_round()
    ranking = rank_areas(rnd.returns, list(areas()), questionnaire(), deadline=DEADLINE)
    assert [s.score for s in ranking] == sorted((s.score for s in ranking), reverse=True)
    assert ranking[0].rank == 1
    for before, after in itertools.pairwise(ranking):
        assert after.rank == before.rank if after.score == before.score else after.rank > before.rank


def test_a_model_return_scores_zero() -> None:
    area = areas()[0]
    score = score_area(area, _all_yes(area.ons_code), questionnaire(), deadline=DEADLINE)
    assert score.score == 0
    assert score.reasons == ()


def test_named_concerns_each_give_their_weighted_points() -> None:
    area = areas()[0]
    ret = _all_yes(
        area.ons_code, **{"2_4": Status.NO, "6_9": Status.NO, "4_9": Status.PARTIAL, "5_3": Status.NO}
    )
    ret = replace(ret, submitted_on=date(2013, 7, 20), signed_by=frozenset({"hwb_chair"}))
    score = score_area(area, ret, questionnaire(), deadline=DEADLINE)
    points = {r.code: r.points for r in score.reasons}
    w = DEFAULT_WEIGHTS
    assert points == {
        "not_confident_june_2014": w["not_confident_june_2014"].points,
        "reviews_incomplete": w["reviews_incomplete"].points,
        "no_pooled_budget": w["no_pooled_budget"].points,
        "safeguarding_no": w["safeguarding_no"].points,
        "late_return": w["late_return"].points,
        "missing_signature": 2 * w["missing_signature"].points,
    }
    assert "5.3" in next(r.evidence for r in score.reasons if r.code == "safeguarding_no")
    evidence = {r.code: r.evidence for r in score.reasons}
    # Plain words, not codes or ISO dates: what the triage page and the report show.
    assert evidence["missing_signature"] == (
        "Not signed by: Local authority chief executive; CCG representative."
    )
    assert evidence["late_return"].startswith("Received 20 July 2013; deadline ")


def test_weights_are_data() -> None:
    area = areas()[0]
    ret = _all_yes(area.ons_code, **{"2_4": Status.NO})
    weights = dict(DEFAULT_WEIGHTS)
    weights["no_pooled_budget"] = replace(weights["no_pooled_budget"], points=99)
    assert score_area(area, ret, questionnaire(), deadline=DEADLINE, weights=weights).score == 99


def test_no_return_is_a_reason() -> None:
    area = areas()[0]
    score = score_area(area, None, questionnaire(), deadline=DEADLINE)
    assert [r.code for r in score.reasons] == ["not_returned"]
