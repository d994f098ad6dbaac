"""The May 2014 update's "examples to share": the national team brings them into the good-practice library
and promotes them, through the library's own refresh and review."""

from typing import Any

import pytest
from django.urls import reverse

from concordat.analysis import actions
from concordat.analysis.models import GoodPracticeExample
from concordat.returns.demo import MAY_UPDATE_SLUG, ensure_round
from concordat.returns.tests.may_update import PLAN, submitted

pytestmark = pytest.mark.django_db


def test_the_national_team_promotes_an_example_to_share_to_the_library(
    personas: dict[str, Any], login: Any
) -> None:
    rnd = ensure_round(MAY_UPDATE_SLUG, personas["nadia"])
    submitted(login("harriet"), personas["harriet"])
    nadia = login("nadia")
    assert nadia.post(reverse("analysis:library_refresh", args=[rnd.slug])).status_code == 302
    example = GoodPracticeExample.objects.get(round=rnd)
    assert (example.area.ons_code, example.question.number) == ("E09000015", "2.6")
    assert example.description == PLAN["q2-6-value"]
    assert not example.publishable
    response = nadia.post(
        reverse("analysis:example_detail", args=[example.pk]),
        {"theme": "", "reviewed": "on", "publishable": "on", "note": ""},
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.publishable and example.reviewed_by == personas["nadia"]


def test_a_submitted_update_without_an_example_to_share_offers_nothing(
    personas: dict[str, Any], login: Any
) -> None:
    rnd = ensure_round(MAY_UPDATE_SLUG, personas["nadia"])
    submitted(login("harriet"), personas["harriet"], **{"q2-6-value": "   "})
    assert actions.sync_good_practice(rnd, acting_user=personas["nadia"]).created == 0
