"""Typed answers through the API: the same type rules as the section page (``questionnaires.types``)."""

import copy
from typing import Any

import pytest

from concordat.api.tests.helpers import ApiClient, make_token
from concordat.returns.models import Answer, Return, Round
from concordat.returns.tests import builders

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
URL = f"/api/v1/rounds/every-type/returns/{HARROW}"
COMPLETED_BY = {"name": "Harriet Example", "organisation": "Harrow", "contact": "h@example.org"}


@pytest.fixture
def every_type_round(personas: dict[str, Any]) -> Round:
    return builders.every_type_round(personas["nadia"])


@pytest.fixture
def harriet(every_type_round: Round, personas: dict[str, Any]) -> ApiClient:
    return ApiClient(make_token(personas["harriet"]))


GOOD = {
    "1.1": {"status": "yes", "evidence": "Agreed in May."},
    "1.2": {"value": {"rating": "amber", "commentary": "Reviews done; the plan is late."}},
    "1.3": {"value": "yes"},
    "1.4": {"value": "2013-11-29"},
    "2.1": {"value": "120"},
    "2.3": {"value": "  A joint plan with the CCG.  "},
    "2.4": {"value": "pooled"},
    "2.5": {"value": ["hwb", "ccg"]},
}


def test_whole_return_put_stores_each_typed_answer_as_the_page_would(harriet: ApiClient) -> None:
    good = copy.deepcopy(GOOD)
    good["2.1"] = {"value": 12}
    response = harriet.call("put", URL, {"completed_by": COMPLETED_BY, "answers": good})
    assert response.status_code == 200, response.content
    stored = {a.question.number: a.value for a in Answer.objects.select_related("question")}
    assert stored == {
        "1.1": None,
        "1.2": {"rating": "amber", "commentary": "Reviews done; the plan is late."},
        "1.3": "yes",
        "1.4": "2013-11-29",
        "2.1": 12,
        "2.3": "A joint plan with the CCG.",
        "2.4": "pooled",
        "2.5": ["hwb", "ccg"],
    }
    assert response.json()["answers"]["2.5"]["value"] == ["hwb", "ccg"]


def test_whole_return_put_names_every_bad_typed_field_and_writes_nothing(harriet: ApiClient) -> None:
    bad = copy.deepcopy(GOOD)
    bad["1.2"] = {"value": "amber"}
    bad["1.3"] = {"value": "maybe"}
    bad["1.4"] = {"value": "2013-02-30"}
    bad["2.1"] = {"value": 501}
    bad["2.4"] = {"value": "merged"}
    bad["2.5"] = {"value": {"hwb": True}}
    response = harriet.call("put", URL, {"completed_by": COMPLETED_BY, "answers": bad})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "answers.1.2.value": 'Question 1.2: Give a rating and commentary, like {"rating": "amber", '
        '"commentary": "..."}.',
        "answers.1.3.value": "Question 1.3: Select yes or no.",
        "answers.1.4.value": "Question 1.4: Enter a real date, like 2013-11-29.",
        "answers.2.1.value": "Question 2.1: The number must be 500 or less.",
        "answers.2.4.value": "Question 2.4: Select one of the options shown.",
        "answers.2.5.value": "Question 2.5: Select from the options shown, as a list.",
    }
    assert not Return.objects.exists()


def test_a_typed_question_refuses_an_assessments_fields(harriet: ApiClient) -> None:
    bad = copy.deepcopy(GOOD)
    bad["1.3"] = {"status": "yes"}
    bad["1.1"] = {"status": "yes", "value": "yes"}
    response = harriet.call("put", URL, {"completed_by": COMPLETED_BY, "answers": bad})
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "answers.1.1.value": "Question 1.1 is an assessment: send status and evidence, not value.",
        "answers.1.3": "Question 1.3 asks for yes or no: send its answer as value, "
        "without status or evidence.",
    }
    assert not Return.objects.exists()


def test_text_where_words_belong_is_refused_when_it_is_a_list(harriet: ApiClient) -> None:
    bad = copy.deepcopy(GOOD)
    bad["2.3"] = {"value": ["A joint plan"]}
    response = harriet.call("put", URL, {"completed_by": COMPLETED_BY, "answers": bad})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "answers.2.3.value",
            "message": "Question 2.3: Enter the answer as words or a number, not a list or an object.",
        }
    ]
