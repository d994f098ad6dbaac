import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from concordat.returns.models import Round

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Status report, November 2013",
    "slug": "status-report-2013-11",
    "opens_on-day": "1",
    "opens_on-month": "11",
    "opens_on-year": "2013",
    "deadline-day": "29",
    "deadline-month": "11",
    "deadline-year": "2013",
}


def _post(login: Any, stocktake: Any, **changes: str) -> Any:
    data = {**GOOD, "questionnaire": str(stocktake.questionnaire.pk), **changes}
    return login("nadia").post("/returns/rounds/new/", data)


def test_the_national_team_creates_a_draft_round(login: Any, stocktake: Any) -> None:
    response = _post(login, stocktake)
    assert response.status_code == 302
    rnd = Round.objects.get(slug="status-report-2013-11")
    assert (rnd.state, str(rnd.deadline), rnd.questionnaire_id) == (
        "draft",
        "2013-11-29",
        stocktake.questionnaire.pk,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline-day": "31", "deadline-month": "2"}, "Deadline must be a real date"),
        ({"deadline-day": "", "deadline-month": "", "deadline-year": ""}, "Enter the deadline"),
        ({"deadline-month": "10"}, "The deadline must be on or after the opening date"),
        ({"slug": "Bad Slug!"}, "can only contain lower case letters"),
        ({"slug": "stocktake-2013"}, "already exists"),
        ({"questionnaire": "999999"}, "Select a valid choice"),
    ],
)
def test_a_bad_round_is_refused_with_a_clear_error(
    login: Any, stocktake: Any, changes: dict[str, str], message: str
) -> None:
    response = _post(login, stocktake, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Round.objects.filter(slug="status-report-2013-11").exists()


def test_the_create_round_command_makes_an_open_round(stocktake: Any) -> None:
    out = io.StringIO()
    call_command(
        "create_round",
        "--round",
        "update-2014-03",
        "--questionnaire",
        "stocktake-2013",
        "--title",
        "March 2014",
        "--opens",
        "2014-03-01",
        "--deadline",
        "2014-05-05",
        "--open",
        stdout=out,
    )
    assert Round.objects.get(slug="update-2014-03").state == "open"
    with pytest.raises(CommandError, match="No questionnaire 'nope'"):
        call_command(
            "create_round",
            "--round",
            "x",
            "--questionnaire",
            "nope",
            "--title",
            "x",
            "--opens",
            "2014-03-01",
            "--deadline",
            "2014-05-05",
        )
