"""The rules of what counts, defined once in returns: a signature binds to its version's exact content hash;
a return counts as at a moment with its latest version submitted by then, accepted if its latest review by
then is an acceptance."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concordat.returns import actions
from concordat.returns.models import ReturnVersion, Signature, end_of_day
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
    assert counted[ret_id] == (version.pk, False)
    assert ReturnVersion.objects.counted_as_at(stocktake, as_at=before, provisional=False) == {}
    actions.accept_version(version, acting_user=personas["nadia"])
    counted = ReturnVersion.objects.counted_as_at(stocktake, as_at=None, provisional=False)
    assert counted[ret_id].accepted and counted[ret_id].version_id == version.pk
    assert ReturnVersion.objects.counted_as_at(stocktake, as_at=before, provisional=False) == {}


def test_as_at_a_date_includes_the_whole_day() -> None:
    moment = end_of_day(datetime.date(2013, 9, 1))
    assert timezone.localtime(moment).date() == datetime.date(2013, 9, 1)
    assert timezone.localtime(moment + datetime.timedelta(microseconds=1)).date() == datetime.date(2013, 9, 2)
