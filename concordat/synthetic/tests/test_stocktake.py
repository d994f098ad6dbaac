from __future__ import annotations

from collections import Counter

from concordat.analysis.records import SIGNATORY_ROLES, Status, percent_half_up, questions_of
from concordat.analysis.tests.fixtures import DEADLINE, areas, questionnaire, synthetic_round
from concordat.returns.models import SYNTHETIC_LABEL
from concordat.synthetic.stocktake import generate_returns

# The September 2013 Stocktake of progress report, as published.
PUBLISHED_PERCENT = {"2.4": 30, "2.1": 60}
ALL_AREAS = 152


def _yes(question: str) -> int:
    return sum(1 for r in synthetic_round().returns if r.returned and r.status(question) is Status.YES)


def test_round_covers_all_152_areas_once() -> None:
    rnd = synthetic_round()
    assert len(rnd.returns) == ALL_AREAS
    assert len({r.ons_code for r in rnd.returns}) == ALL_AREAS


def test_thirty_percent_reported_a_pooled_budget() -> None:
    assert percent_half_up(_yes("2.4"), ALL_AREAS) == 30
    assert _yes("2.4") == 46


def test_just_under_forty_percent_agreed_contributions() -> None:
    count = _yes("2.5")
    assert 0.38 <= count / ALL_AREAS < 0.40
    assert count == 60


def test_sixty_percent_shared_understanding_of_costs() -> None:
    assert percent_half_up(_yes("2.1"), ALL_AREAS) == 60


def test_fifty_seven_percent_requested_support() -> None:
    asking = sum(
        1
        for r in synthetic_round().returns
        if r.returned and any(a.support_required for a in r.answers.values())
    )
    assert percent_half_up(asking, ALL_AREAS) == 57


def test_more_than_340_good_practice_examples() -> None:
    examples = sum(
        1 for r in synthetic_round().returns if r.returned for a in r.answers.values() if a.good_practice
    )
    assert examples > 340


def test_generator_is_deterministic_for_a_seed() -> None:
    again = generate_returns(
        seed=2013, areas=list(areas()), questionnaire=questionnaire(), round_deadline=DEADLINE
    )
    assert again.returns == synthetic_round().returns
    assert again.truth == synthetic_round().truth


def test_different_seeds_pick_different_areas_but_same_figures() -> None:
    other = generate_returns(
        seed=7, areas=list(areas()), questionnaire=questionnaire(), round_deadline=DEADLINE
    )
    assert other.returns != synthetic_round().returns
    assert other.truth.headline_counts == synthetic_round().truth.headline_counts


def test_round_is_labelled_synthetic() -> None:
    rnd = synthetic_round()
    assert "SYNTHETIC" in rnd.label
    assert all(r.completed_by.startswith(SYNTHETIC_LABEL) for r in rnd.returns)


def test_every_returned_area_answers_every_question() -> None:
    numbers = [q.number for q in questions_of(questionnaire())]
    for ret in synthetic_round().returns:
        if ret.returned:
            assert list(ret.answers) == numbers


def test_some_areas_late_some_unsigned_a_few_not_returned() -> None:
    returns = synthetic_round().returns
    returned = [r for r in returns if r.returned]
    assert 0 < ALL_AREAS - len(returned) <= 5
    late = [r for r in returned if r.submitted_on is not None and r.submitted_on > DEADLINE]
    assert 0 < len(late) < len(returned) // 2
    assert any(not r.signed_by for r in returned)
    assert all(r.signed_by <= set(SIGNATORY_ROLES) for r in returned)


def test_answers_hang_together() -> None:
    returns = [r for r in synthetic_round().returns if r.returned]
    pooled = [r for r in returns if r.status("2.4") is Status.YES]
    not_pooled = [r for r in returns if r.status("2.4") is not Status.YES]
    agreed_if_pooled = sum(r.status("2.5") is Status.YES for r in pooled) / len(pooled)
    agreed_otherwise = sum(r.status("2.5") is Status.YES for r in not_pooled) / len(not_pooled)
    assert agreed_if_pooled > agreed_otherwise
    for ret in returns:  # obstacles only where not confident of June 2014
        assert (ret.status("6.10") is Status.NA) == (ret.status("6.9") is Status.YES)


def test_evidence_reads_like_a_return() -> None:
    answers = [a for r in synthetic_round().returns if r.returned for a in r.answers.values()]
    yes = [a.evidence for a in answers if a.status is Status.YES and a.question != "6.10"]
    assert all(e.startswith("Yes") for e in yes)
    assert all(a.evidence == "" for a in answers if a.status is Status.BLANK)
    gp = [a for a in answers if a.good_practice]
    assert all(a.good_practice_description for a in gp)
    assert all(0 <= len(a.attachments) <= 2 for a in gp)
    assert any(a.attachments for a in gp)
    assert all(a.support_description for a in answers if a.support_required)
    assert not any(a.attachments for a in answers if not a.good_practice)


def test_truth_records_what_was_generated() -> None:
    rnd = synthetic_round()
    counted: dict[str, Counter[str]] = {}
    for ret in rnd.returns:
        if ret.returned:
            for number, answer in ret.answers.items():
                counted.setdefault(number, Counter())[answer.status.value] += 1
    for number, counts in rnd.truth.question_counts.items():
        assert {k: v for k, v in counts.items() if v} == dict(counted[number])
    assert rnd.truth.returned + rnd.truth.not_returned == ALL_AREAS
    assert sum(rnd.truth.signature_pattern.values()) == rnd.truth.returned
    assert sum(f["areas"] for f in rnd.truth.region_counts.values()) == ALL_AREAS


def test_scales_to_ten_times_the_areas() -> None:
    from dataclasses import replace

    many = [replace(a, ons_code=f"{a.ons_code}-{i}") for i in range(10) for a in areas()]
    rnd = generate_returns(seed=1, areas=many, questionnaire=questionnaire(), round_deadline=DEADLINE)
    assert rnd.truth.headline_counts["pooled_budget"] == 460
    assert rnd.truth.headline_counts["good_practice_examples"] == 3430
