from typing import Any

import pytest

from concordat.returns import actions
from concordat.returns.models import Return, ReturnState, Signature
from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def test_the_return_is_signed_off_only_when_all_three_roles_sign_the_same_version(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    actions.sign_version(version, "hwb_chair", seen_hash=version.content_hash, acting_user=personas["hugh"])
    actions.sign_version(
        version, "chief_executive", seen_hash=version.content_hash, acting_user=personas["helen"]
    )
    assert Return.objects.get(pk=version.ret.pk).state == ReturnState.SUBMITTED
    actions.sign_version(version, "ccg", seen_hash=version.content_hash, acting_user=personas["hari"])
    assert Return.objects.get(pk=version.ret.pk).state == ReturnState.SIGNED_OFF


def test_signing_a_superseded_version_is_refused(stocktake: Any, personas: dict[str, Any]) -> None:
    first = submitted_return(stocktake, HARROW, personas["harriet"])
    ret = first.ret
    question = stocktake.questionnaire.questions.get(number="3.1")
    revision = ret.answers.get(question=question).revision
    actions.save_answers(
        ret,
        {question: {"status": "no", "evidence": "No; not yet."}},
        revisions={question.pk: revision},
        acting_user=personas["harriet"],
    )
    with pytest.raises(actions.ActionError, match="changed since this version was submitted"):
        actions.sign_version(first, "hwb_chair", seen_hash=first.content_hash, acting_user=personas["hugh"])
    actions.submit_return(ret, acting_user=personas["harriet"])
    with pytest.raises(actions.ActionError, match="replaced by a newer one"):
        actions.sign_version(first, "hwb_chair", seen_hash=first.content_hash, acting_user=personas["hugh"])
    assert not Signature.objects.exists()


def test_a_signature_must_name_the_hash_the_signatory_read(stocktake: Any, personas: dict[str, Any]) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    with pytest.raises(actions.ActionError, match="not the version on record"):
        actions.sign_version(version, "hwb_chair", seen_hash="0" * 64, acting_user=personas["hugh"])


def test_a_role_signs_a_version_once(stocktake: Any, personas: dict[str, Any]) -> None:
    version = signed_off_version(stocktake, personas)
    with pytest.raises(actions.ActionError, match="already been signed in that role"):
        actions.sign_version(version, "ccg", seen_hash=version.content_hash, acting_user=personas["hari"])


def test_signing_in_the_view_needs_the_confirmation_and_a_role_of_ones_own(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    client = login("hugh")
    url = f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/versions/1/sign/"
    client.post(url, {"content_hash": version.content_hash, "role": "hwb_chair"})
    assert not Signature.objects.exists()
    client.post(
        url, {"content_hash": version.content_hash, "role": "ccg", "confirm": "on"}
    )  # not Hugh's role
    assert not Signature.objects.exists()
    response = client.post(
        url, {"content_hash": version.content_hash, "role": "hwb_chair", "confirm": "on"}, follow=True
    )
    assert Signature.objects.get().signed_by == personas["hugh"]
    assert "You have signed version 1." in response.content.decode()
