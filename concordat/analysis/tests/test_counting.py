"""The answers counted by the database (``counting``) give exactly the figures of the reference
``compute_indicators``, on the same round. On SQLite the reference itself counts (decision 0804); the tests
run there too, and the ones that prove the database did the counting are PostgreSQL's."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from concordat.analysis.counting import ReturnFacts, count_indicators, round_indicators
from concordat.analysis.indicators import Indicators, compute_indicators
from concordat.analysis.records import NOT_RETURNED, Share
from concordat.analysis.sources import end_of_day, load_round, load_round_versions
from concordat.areas.models import Area
from concordat.returns.content import content_hash
from concordat.returns.models import Return, ReturnVersion, Round
from concordat.synthetic.rounds import generate_round

from .fixtures import indicators as pure_indicators

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the answers are counted by the database on PostgreSQL only"
)


def _reference(rnd: Round, **basis: Any) -> Indicators:
    data = load_round(rnd, **basis)
    return compute_indicators(data.returns, data.areas, data.questionnaire, deadline=data.deadline)


def _counted_by_the_database(rnd: Round, **basis: Any) -> Indicators | None:
    versions = load_round_versions(rnd, **basis)
    facts = [ReturnFacts(r.ons_code, r.version_id, r.submitted_on, r.signed_by) for r in versions.returns]
    return count_indicators(facts, versions.areas, versions.questionnaire, deadline=versions.deadline)


def _assert_same(counted: Indicators | None, reference: Indicators) -> None:
    """Field by field first, so a failure names the part that differs; then the whole object."""
    assert counted is not None
    assert counted.national == reference.national
    assert counted.by_region == reference.by_region
    assert counted.by_type == reference.by_type
    assert counted.sections == reference.sections
    assert counted.per_area == reference.per_area
    assert counted == reference


@pytest.mark.parametrize("seed", [1, 7, 2013])
def test_a_generated_round_counts_the_same_whichever_path_counts_it(personas: Any, seed: int) -> None:
    rnd = generate_round(f"counting-{seed}", seed=seed, with_files=False).round
    reference = _reference(rnd)
    assert reference.national.returned < reference.national.areas  # some areas sent nothing
    assert any(q.counts["blank"] for q in reference.questions.values())  # some answers are blank
    _assert_same(round_indicators(rnd), reference)


@on_postgresql
@pytest.mark.parametrize("seed", [3, 2013])
def test_postgresql_counts_a_generated_round_itself_with_the_same_figures(personas: Any, seed: int) -> None:
    rnd = generate_round(f"counting-{seed}", seed=seed, with_files=False).round
    _assert_same(_counted_by_the_database(rnd), _reference(rnd))


def test_the_2013_published_figures_come_out_of_the_database_round(synthetic: Any) -> None:
    counted = round_indicators(synthetic.round)
    h = counted.headlines
    assert h["pooled_budget"].share == Share(46, 152, 30)
    assert h["contributions_agreed"].share == Share(60, 152, 39)
    assert h["shared_understanding_of_costs"].share == Share(91, 152, 60)
    assert h["areas_requesting_support"].share == Share(87, 152, 57)
    assert h["good_practice_examples"].count == 343
    assert counted.questions["2.4"].counts[NOT_RETURNED] == 3
    _assert_same(counted, pure_indicators())  # the generator's returns counted in Python, no database


def test_provisional_and_as_at_figures_count_the_same(synthetic: Any) -> None:
    on_the_deadline = end_of_day(synthetic.round.deadline)
    bases: list[tuple[bool, datetime.datetime]] = [
        (True, on_the_deadline),  # submitted by the deadline, none accepted yet
        (False, on_the_deadline),  # nothing counted: every area "not returned"
        (False, timezone.now()),
    ]
    for provisional, as_at in bases:
        reference = _reference(synthetic.round, provisional=provisional, as_at=as_at)
        _assert_same(round_indicators(synthetic.round, provisional=provisional, as_at=as_at), reference)
        if connection.vendor == "postgresql":
            counted = _counted_by_the_database(synthetic.round, provisional=provisional, as_at=as_at)
            _assert_same(counted, reference)


def _version(rnd: Round, ons_code: str, answers: dict[str, Any], user: Any) -> ReturnVersion:
    """A submitted version holding exactly ``answers`` (what other clients or older code may have left)."""
    submitted = datetime.datetime(2013, 7, 1, 12, tzinfo=datetime.UTC)
    ret = Return.objects.create(
        round=rnd, area=Area.objects.get(ons_code=ons_code), first_submitted_at=submitted
    )
    content = {"answers": answers, "completed_by": {"name": "Amanda Dade"}}
    return ReturnVersion.objects.create(
        ret=ret,
        number=1,
        content=content,
        content_hash=content_hash(content),
        submitted_by=user,
        submitted_at=submitted,
    )


def test_odd_answers_count_the_same_blank_typed_unknown_status_and_ticks(
    stocktake: Round, personas: Any
) -> None:
    user = personas["harriet"]
    _version(
        stocktake,
        "E09000015",
        {
            "1.1": {"status": "", "evidence": "A draft's blank"},
            "1.2": {"status": "blank", "good_practice": True},
            "2.1": {"status": "perhaps", "support_required": True},  # not a status: blank
            "2.4": {"value": {"rating": "green"}},  # a typed answer with no status
            "2.5": {"status": "na", "good_practice": True, "support_required": True},
            "6.9": {"status": "yes", "good_practice": False, "support_required": False},
        },
        user,
    )
    _version(stocktake, "E08000035", {}, user)  # returned with no answer at all: every question blank
    _version(stocktake, "E06000001", {"2.4": {"status": "partial", "support_required": True}}, user)
    reference = _reference(stocktake, provisional=True)  # submitted, never reviewed
    assert reference.national.returned == 3
    assert reference.questions["2.4"].counts["blank"] == 2
    _assert_same(round_indicators(stocktake, provisional=True), reference)
    if connection.vendor == "postgresql":
        _assert_same(_counted_by_the_database(stocktake, provisional=True), reference)


def test_an_answer_to_a_question_not_asked_is_refused_as_the_reference_refuses_it(
    stocktake: Round, personas: Any
) -> None:
    _version(stocktake, "E09000015", {"99.1": {"status": "yes"}}, personas["harriet"])
    with pytest.raises(ValueError, match=r"unknown question '99\.1' from area 'E09000015'"):
        _reference(stocktake, provisional=True)
    with pytest.raises(ValueError, match=r"unknown question '99\.1' from area 'E09000015'"):
        round_indicators(stocktake, provisional=True)
    if connection.vendor == "postgresql":
        assert _counted_by_the_database(stocktake, provisional=True) is None  # left to the reference


def test_a_return_from_an_area_outside_the_areas_counted_is_left_to_the_reference_which_refuses_it(
    synthetic: Any,
) -> None:
    data = load_round(synthetic.round)
    areas = [a for a in data.areas if a.ons_code != data.returns[0].ons_code]
    with pytest.raises(ValueError, match="unknown area"):
        compute_indicators(data.returns, areas, data.questionnaire, deadline=data.deadline)
    version_of = {s.ons_code: s.version_id for s in data.sources}
    facts = [
        ReturnFacts(r.ons_code, version_of[r.ons_code], r.submitted_on, r.signed_by) for r in data.returns
    ]
    assert count_indicators(facts, areas, data.questionnaire, deadline=data.deadline) is None
    assert (
        count_indicators([*facts, facts[0]], data.areas, data.questionnaire, deadline=data.deadline) is None
    )
