"""A table question on the area's section page: a fieldset per row, "Add another row" without JavaScript,
an error at each bad cell naming its row and column, and the rows stored as the type rules clean them."""

from typing import Any

import pytest

from concordat.returns import actions
from concordat.returns.models import Answer, Return, ReturnState, Round
from concordat.returns.tests.builders import table_type_round

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
SECTION = f"/returns/rounds/table-type/areas/{HARROW}/sections/1/"
ROW_1 = {
    "q1-1-rows": "1",
    "q1-1-r0-provider": "Calderstones",
    "q1-1-r0-people": "3",
    "q1-1-r0-since-day": "1",
    "q1-1-r0-since-month": "6",
    "q1-1-r0-since-year": "2013",
    "q1-1-r0-kind": "hospital",
    "q1-1-r0-reviewed": "no",
    "q1-2-value": "Nothing else.",
}


@pytest.fixture
def table_round(personas: dict[str, Any]) -> Round:
    return table_type_round(personas["nadia"])


def _rows() -> Any:
    return Answer.objects.get(question__number="1.1", ret__round__slug="table-type").value


def test_the_table_starts_with_one_row_and_a_button_to_add_another(login: Any, table_round: Round) -> None:
    page = login("harriet").get(SECTION).content.decode()
    assert "1.1, row 1</legend>" in page and "1.1, row 2</legend>" not in page
    assert 'name="q1-1-add_row"' in page and "Add another row to question 1.1" in page
    assert 'name="q1-1-r0-since-day"' in page  # a date cell is GOV.UK's date input


def test_add_another_row_saves_the_draft_and_draws_one_more_empty_row(login: Any, table_round: Round) -> None:
    client = login("harriet")
    response = client.post(SECTION, {**ROW_1, "q1-1-add_row": "1"})
    assert response.status_code == 302 and response["Location"] == SECTION + "?add=1.1"
    assert _rows() == [
        {"provider": "Calderstones", "people": 3, "since": "2013-06-01", "kind": "hospital", "reviewed": "no"}
    ]
    page = client.get(response["Location"]).content.decode()
    assert "1.1, row 2</legend>" in page and "1.1, row 3</legend>" not in page
    assert 'value="Calderstones"' in page
    second = {**ROW_1, "q1-1-rows": "2", "q1-1-r1-provider": "Oak House", "q1-1-r1-people": "12"}
    second |= {"q1-1-revision": "1", "q1-2-revision": "1"}
    assert client.post(SECTION, second).status_code == 302
    assert [r["provider"] for r in _rows()] == ["Calderstones", "Oak House"]


def test_add_another_row_on_an_empty_table_draws_two_rows(login: Any, table_round: Round) -> None:
    client = login("harriet")
    response = client.post(SECTION, {"q1-1-rows": "1", "q1-1-add_row": "1"})
    assert response["Location"] == SECTION + "?add=1.1"
    page = client.get(response["Location"]).content.decode()
    assert "1.1, row 2</legend>" in page and "1.1, row 3</legend>" not in page


def test_a_bad_cell_is_shown_at_its_row_and_column_and_nothing_is_saved(
    login: Any, table_round: Round
) -> None:
    bad = {**ROW_1, "q1-1-rows": "2", "q1-1-r1-provider": "Oak House", "q1-1-r1-people": "lots"}
    response = login("harriet").post(SECTION, bad)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert page.count("Question 1.1, row 2, People: Enter a number, like 12 or 3.5") == 2  # summary, inline
    assert 'href="#q1-1-r1-people"' in page
    assert "1.1, row 2</legend>" in page  # the rows as posted are drawn again
    assert not Answer.objects.exists()


def test_a_posted_row_count_beyond_the_tables_limit_is_cut_to_it(login: Any, table_round: Round) -> None:
    client = login("harriet")
    hostile = {**ROW_1, "q1-1-rows": "100000", "q1-1-add_row": "1", "q1-1-r0-people": "lots"}
    page = client.post(SECTION, hostile).content.decode()
    assert "1.1, row 5</legend>" in page and "1.1, row 6</legend>" not in page  # at most 5 rows
    page = client.post(SECTION, {**ROW_1, "q1-1-rows": "junk", "q1-1-r0-people": "lots"}).content.decode()
    assert "1.1, row 1</legend>" in page and "1.1, row 2</legend>" not in page
    assert not Answer.objects.exists()


def test_a_huge_cell_is_refused_in_words(login: Any, table_round: Round) -> None:
    page = login("harriet").post(SECTION, {**ROW_1, "q1-1-r0-provider": "x" * 5000}).content.decode()
    assert "Ensure this value has at most 500 characters" in page or "500 characters or fewer" in page
    assert not Answer.objects.exists()


def test_a_table_with_no_rows_blocks_submission(
    login: Any, personas: dict[str, Any], table_round: Round
) -> None:
    client = login("harriet")
    client.post(SECTION, {"q1-1-rows": "1", "q1-2-value": "Nothing else."})
    ret = Return.objects.get(round=table_round)
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=personas["harriet"])
    page = client.post(f"/returns/rounds/table-type/areas/{HARROW}/check/").content.decode()
    assert "Question 1.1: add at least one row." in page
    assert Return.objects.get(round=table_round).state == ReturnState.IN_PROGRESS


def test_check_answers_shows_the_tables_rows_in_words(login: Any, table_round: Round) -> None:
    client = login("harriet")
    client.post(SECTION, ROW_1)
    page = client.get(f"/returns/rounds/table-type/areas/{HARROW}/check/").content.decode()
    assert "1 row" in page
    assert '<th scope="col" class="govuk-table__header">Kind of placement</th>' in page
    assert '<td class="govuk-table__cell">1 June 2013</td>' in page
    assert '<td class="govuk-table__cell">Hospital</td>' in page
