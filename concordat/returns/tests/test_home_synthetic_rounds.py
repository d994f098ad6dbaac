"""A real user's returns page leaves synthetic rounds out until they ask for them."""

import datetime
from typing import Any

import pytest

from concordat.returns import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic_round(stocktake: Any, personas: dict[str, Any]) -> Any:
    rnd = actions.create_round(
        slug="synthetic-test",
        title="Generated practice round",
        questionnaire=stocktake.questionnaire,
        opens_on=datetime.date(2013, 6, 1),
        deadline=datetime.date(2013, 7, 5),
        acting_user=personas["nadia"],
        synthetic=True,
    )
    return actions.open_round(rnd, acting_user=personas["nadia"])


def test_synthetic_rounds_are_hidden_from_an_area_editor_until_asked(
    synthetic_round: Any, stocktake: Any, login: Any
) -> None:
    harriet = login("harriet")
    page = harriet.get("/returns/").content.decode()
    assert "Generated practice round" not in page
    assert "1 synthetic round of generated test data is hidden" in page
    assert stocktake.title in page  # the real round is still there
    shown = harriet.get("/returns/", {"synthetic": "1"}).content.decode()
    assert "Generated practice round" in shown and "Hide synthetic rounds" in shown


def test_no_synthetic_note_without_synthetic_rounds(stocktake: Any, login: Any) -> None:
    assert "synthetic" not in login("harriet").get("/returns/").content.decode().lower()
