"""The database, not only the Python check, keeps a local reference (in any case) and an NHS number to one
person per area; when the check is overtaken (someone saved a moment earlier) the person sees the check's
words."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from concordat.areas.models import Area
from concordat.register import actions
from concordat.register.models import Person
from concordat.register.tests.builders import checked_row, person

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def test_the_database_refuses_a_reference_differing_only_in_case(personas: dict[str, Any]) -> None:
    first = person(HARROW, personas["rachel"], local_reference="abc1", nhs_number="")
    twin = Person.objects.get(pk=first.pk)
    twin.pk, twin.public_id, twin.local_reference = None, "P-TWIN0001", "ABC1"
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    # Another area may use the same reference.
    leeds = person("E08000035", personas["luke"], local_reference="ABC1", nhs_number="")
    assert leeds.area.ons_code == "E08000035"


@pytest.mark.parametrize(
    ("second", "field", "message"),
    [
        ({"local_reference": "HAR-0001"}, "local_reference", "already has this local reference"),
        ({"local_reference": "har-0001"}, "local_reference", "already has this local reference"),
        ({"local_reference": "HAR-0002"}, "nhs_number", "NHS number is already on your register"),
    ],
)
def test_an_overtaken_check_gives_the_checks_message_and_saves_nothing(
    personas: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    second: dict[str, str],
    field: str,
    message: str,
) -> None:
    person(HARROW, personas["rachel"], local_reference="HAR-0001")
    check = actions._check_unique
    calls: list[int] = []

    def overtaken(*args: Any) -> None:  # the first check runs before the other save commits: it sees nothing
        calls.append(1)
        if len(calls) > 1:
            check(*args)

    monkeypatch.setattr(actions, "_check_unique", overtaken)
    area = Area.objects.get(ons_code=HARROW)
    with transaction.atomic():  # as a view's request would be: still usable after the refusal
        with pytest.raises(actions.ActionError, match=message) as refused:
            actions.create_person(area, checked_row(HARROW, **second), acting_user=personas["rachel"])
        assert Person.objects.filter(area=area).count() == 1
    assert refused.value.field == field and len(calls) == 2


def test_an_edit_overtaken_into_a_case_clash_is_refused_with_the_checks_message(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    person(HARROW, personas["rachel"], local_reference="HAR-0001", nhs_number="")
    other = person(HARROW, personas["rachel"], local_reference="HAR-0002", nhs_number="")
    check = actions._check_unique
    calls: list[int] = []

    def overtaken(*args: Any) -> None:
        calls.append(1)
        if len(calls) > 1:
            check(*args)

    monkeypatch.setattr(actions, "_check_unique", overtaken)
    with pytest.raises(actions.ActionError, match="already has this local reference"):
        actions.update_person(
            other,
            checked_row(HARROW, local_reference="har-0001", nhs_number=""),
            revision=other.revision,
            acting_user=personas["rachel"],
        )
    assert Person.objects.get(pk=other.pk).local_reference == "HAR-0002"
