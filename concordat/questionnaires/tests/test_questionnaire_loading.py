import copy
import json
from typing import Any

import pytest

from concordat.questionnaires.definitions import (
    DefinitionError,
    definition_path,
    load_questionnaire,
    read_definition,
)
from concordat.questionnaires.models import Question, Questionnaire
from concordat.seeds import REFERENCE_DIR
from tests.seeds import require

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def programme_form() -> Any:
    """The programme's own copy of the 2013 form, which the package's definition must match. (Not named
    ``reference``: that would hide the root conftest's reference data, which ``stocktake`` stands on.)"""
    path = require(REFERENCE_DIR / "stocktake-2013-questionnaire.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_stocktake_has_the_sections_and_questions_of_the_2013_form() -> None:
    questionnaire, _ = load_questionnaire(read_definition(definition_path("stocktake-2013")))
    assert questionnaire.sections.count() == 11
    assert Question.objects.filter(questionnaire=questionnaire).count() == 61
    assert len(questionnaire.signatory_roles) == 3
    assert questionnaire.definition["deadline"] == "2013-07-05"


def test_the_stocktake_the_package_carries_is_the_programmes_reference_form(programme_form: Any) -> None:
    questionnaire, _ = load_questionnaire(read_definition(definition_path("stocktake-2013")))
    expected = [(q["number"], q["text"]) for s in programme_form["sections"] for q in s["questions"]]
    assert (
        list(Question.objects.filter(questionnaire=questionnaire).values_list("number", "text")) == expected
    )
    assert [s["label"] for s in questionnaire.signatory_roles] == programme_form["signatories"]


def test_loading_the_same_definition_twice_changes_nothing() -> None:
    definition = read_definition(definition_path("stocktake-2013"))
    first, changed = load_questionnaire(definition)
    again, changed_again = load_questionnaire(copy.deepcopy(definition))
    assert changed and not changed_again and first.pk == again.pk
    assert Question.objects.count() == 61


def test_a_change_to_a_frozen_questionnaire_makes_a_new_version(stocktake: Any) -> None:
    definition = read_definition(definition_path("stocktake-2013"))
    definition["sections"][0]["questions"][0]["text"] = "A reworded question."
    new, changed = load_questionnaire(definition)
    assert changed and new.version == 2
    old = Questionnaire.objects.get(slug="stocktake-2013", version=1)
    assert old.questions.get(number="1.1").text.startswith("Are you establishing")
    assert stocktake.questionnaire_id == old.pk


def test_a_later_round_can_define_different_questions_and_answer_types() -> None:
    status_report = {
        "id": "status-report-2013-11",
        "title": "Status report, November 2013",
        "sections": [
            {
                "number": "1",
                "title": "Plans",
                "questions": [
                    {
                        "number": "1.1",
                        "text": "Has the HWB signed off the local area plan?",
                        "answer_type": "assessment",
                    },
                    {
                        "number": "1.2",
                        "text": "Describe your progress since the stocktake.",
                        "answer_type": "text",
                    },
                ],
            }
        ],
    }
    questionnaire, _ = load_questionnaire(status_report)
    assert list(questionnaire.questions.values_list("answer_type", flat=True)) == ["assessment", "text"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("sections"), "no 'sections'"),
        (
            lambda d: d["sections"][0]["questions"].append(dict(d["sections"][0]["questions"][0])),
            "appears twice",
        ),
        (lambda d: d["sections"][0]["questions"][0].update(answer_type="essay"), "unknown answer type"),
        (lambda d: d["sections"][0]["questions"][0].update(text=""), "no number or text"),
    ],
)
def test_a_malformed_definition_is_refused_with_a_reason(mutate: Any, message: str) -> None:
    definition = read_definition(definition_path("stocktake-2013"))
    mutate(definition)
    with pytest.raises(DefinitionError, match=message):
        load_questionnaire(definition)
    assert not Questionnaire.objects.exists()
