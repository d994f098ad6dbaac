"""A table question through the whole-return API PUT: the same rules as the section page."""

from typing import Any

import pytest

from concordat.api.tests.helpers import ApiClient, make_token
from concordat.returns.models import Answer, Return
from concordat.returns.tests.builders import table_type_round

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
URL = f"/api/v1/rounds/table-type/returns/{HARROW}"
COMPLETED_BY = {"name": "Harriet Example", "organisation": "Harrow", "contact": "h@example.org"}
ROWS = [
    {"provider": "Calderstones", "people": 3, "since": "2013-06-01", "kind": "hospital", "reviewed": "no"},
    {"provider": "Oak House", "people": "12"},
]


@pytest.fixture
def harriet(personas: dict[str, Any]) -> ApiClient:
    table_type_round(personas["nadia"])
    return ApiClient(make_token(personas["harriet"]))


def _put(client: ApiClient, rows: Any) -> Any:
    answers = {"1.1": {"value": rows}, "1.2": {"value": "Nothing else."}}
    return client.call("put", URL, {"completed_by": COMPLETED_BY, "answers": answers})


def test_whole_return_put_stores_a_tables_rows_as_the_page_would(harriet: ApiClient) -> None:
    response = _put(harriet, ROWS)
    assert response.status_code == 200, response.content
    assert Answer.objects.get(question__number="1.1").value == [
        ROWS[0],
        {"provider": "Oak House", "people": 12},
    ]
    assert response.json()["answers"]["1.1"]["value"][1] == {"provider": "Oak House", "people": 12}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"provider": "A"}] * 201, "Question 1.1: The table can have at most 5 rows: you gave 201."),
        (
            [{"provider": "x" * 100_000}],
            "Question 1.1: Row 1, Provider: The answer must be 500 characters or fewer.",
        ),
        ([{"people": 2.5}], "Question 1.1: Row 1, People: Enter a whole number of people, like 12."),
        ("a table", 'Question 1.1: Give the rows as a list, like [{"column": "value"}].'),
    ],
)
def test_a_hostile_or_oversized_table_is_refused_in_plain_english(
    harriet: ApiClient, rows: Any, message: str
) -> None:
    response = _put(harriet, rows)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "answers.1.1.value", "message": message}]
    assert not Return.objects.exists()
