from typing import Any

import pytest

from concordat.returns import actions
from concordat.returns.models import Return, ReturnState
from concordat.returns.tests.builders import signed_off_version, submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def test_only_a_signed_off_latest_version_can_be_accepted(stocktake: Any, personas: dict[str, Any]) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    with pytest.raises(actions.ActionError, match="once all three signatories have signed"):
        actions.accept_version(version, acting_user=personas["nadia"])


def test_a_query_reopens_the_return_for_the_area_which_answers_and_resubmits(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    version = signed_off_version(stocktake, personas)
    client = login("nadia")
    base = f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/"
    client.post(base + "versions/1/review/", {"decision": "query", "comment": "Please explain 2.4."})
    assert Return.objects.get(pk=version.ret.pk).state == ReturnState.QUERIED

    client = login("harriet")
    assert "Please explain 2.4." in client.get(base).content.decode()
    client.post(base + "versions/1/respond/", {"response": "We have no pooled budget yet."})
    page = client.get(base + "versions/1/").content.decode()
    assert "We have no pooled budget yet." in page
    with pytest.raises(actions.ActionError, match="already been answered"):
        actions.respond_to_query(version.reviews.get(), acting_user=personas["harriet"], response="again")


def test_a_query_needs_a_comment(stocktake: Any, personas: dict[str, Any]) -> None:
    version = signed_off_version(stocktake, personas)
    with pytest.raises(actions.ActionError, match="Enter the query"):
        actions.query_version(version, acting_user=personas["nadia"], comment="  ")
    assert Return.objects.get(pk=version.ret.pk).state == ReturnState.SIGNED_OFF


def test_the_national_team_accepts_from_the_version_page(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    version = signed_off_version(stocktake, personas)
    response = login("nadia").post(
        f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/versions/1/review/",
        {"decision": "accept"},
        follow=True,
    )
    assert "return is accepted and locked" in response.content.decode()
    assert Return.objects.get(pk=version.ret.pk).state == ReturnState.ACCEPTED


def test_opening_a_round_freezes_its_questionnaire(stocktake: Any) -> None:
    assert stocktake.questionnaire.is_frozen


def test_the_national_team_closes_and_reopens_a_round(stocktake: Any, login: Any) -> None:
    client = login("nadia")
    client.post(f"/returns/rounds/{stocktake.slug}/state/", {"action": "close"})
    stocktake.refresh_from_db()
    assert stocktake.state == "closed"
    client.post(f"/returns/rounds/{stocktake.slug}/state/", {"action": "open"})
    stocktake.refresh_from_db()
    assert stocktake.state == "open"
