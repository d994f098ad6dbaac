"""The rules of what counts, defined once in returns: a signature binds to its version's exact content hash;
a return counts as at a moment with its latest version submitted by then, accepted if its latest review by
then is an acceptance."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concordat.returns import actions
from concordat.returns.models import ReturnVersion, Review, ReviewDecision, Signature, end_of_day
from concordat.returns.tests.builders import signed_off_version

pytestmark = pytest.mark.django_db


def test_a_signature_given_for_other_content_does_not_bind(stocktake: Any, personas: dict[str, Any]) -> None:
    version = signed_off_version(stocktake, personas)
    Signature.objects.filter(version=version, role="ccg").update(content_hash="0" * 64)
    version = ReturnVersion.objects.get(pk=version.pk)
    binding = Signature.objects.filter(version=version).binding()
    assert sorted(binding.values_list("role", flat=True)) == ["chief_executive", "hwb_chair"]
    assert version.binding_roles() == ("hwb_chair", "chief_executive")
    assert not actions.is_signed_off(version)


def test_a_return_counts_as_accepted_only_from_its_acceptance(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    ret_id = version.ret_id
    before = timezone.now()
    counted = ReturnVersion.objects.counted_as_at(stocktake, as_at=before, provisional=True)
    assert counted[ret_id][:2] == (version.pk, False)
    assert ReturnVersion.objects.counted_as_at(stocktake, as_at=before, provisional=False) == {}
    actions.accept_version(version, acting_user=personas["nadia"])
    counted = ReturnVersion.objects.counted_as_at(stocktake, as_at=None, provisional=False)
    assert counted[ret_id].accepted and counted[ret_id].version_id == version.pk
    assert ReturnVersion.objects.counted_as_at(stocktake, as_at=before, provisional=False) == {}


def test_as_at_a_date_includes_the_whole_day() -> None:
    moment = end_of_day(datetime.date(2013, 9, 1))
    assert timezone.localtime(moment).date() == datetime.date(2013, 9, 1)
    assert timezone.localtime(moment + datetime.timedelta(microseconds=1)).date() == datetime.date(2013, 9, 2)


def test_a_counted_version_carries_what_the_analysis_reads_of_it(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    ret = version.ret
    ret.first_submitted_at = datetime.datetime(2013, 7, 5, 23, 30, tzinfo=datetime.UTC)  # 6 July in London
    ret.save(update_fields=["first_submitted_at"])
    counted = ReturnVersion.objects.counted_as_at(stocktake, as_at=None, provisional=True)[ret.pk]
    assert counted.number == version.number
    assert counted.content_hash == version.content_hash
    assert counted.area_id == ret.area_id
    assert counted.first_submitted_on == datetime.date(2013, 7, 6)


def test_a_versions_latest_review_decides_whether_it_counts_as_accepted(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    reviewed = version.submitted_at + datetime.timedelta(days=2)  # a day after the review before it

    def review(decision: str, at: datetime.datetime) -> None:
        Review.objects.create(version=version, decision=decision, decided_by=personas["nadia"], decided_at=at)

    review(ReviewDecision.ACCEPTED, reviewed)
    review(ReviewDecision.REOPENED, reviewed + datetime.timedelta(days=1))
    review(ReviewDecision.QUERIED, reviewed - datetime.timedelta(days=1))  # added last, decided first

    def accepted_as_at(moment: datetime.datetime) -> bool:
        return ReturnVersion.objects.counted_as_at(stocktake, as_at=moment, provisional=True)[
            version.ret_id
        ].accepted

    assert accepted_as_at(reviewed + datetime.timedelta(hours=1))
    assert not accepted_as_at(reviewed + datetime.timedelta(days=2))
    assert not accepted_as_at(reviewed - datetime.timedelta(hours=1))
