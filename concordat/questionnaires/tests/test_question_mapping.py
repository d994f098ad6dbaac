"""Question mapping between questionnaire versions: declared in the later definition, checked at load time."""

import copy
from typing import Any

import pytest

from concordat.questionnaires.definitions import DefinitionError, load_questionnaire
from concordat.questionnaires.mapping import (
    MERGED,
    NEW,
    RENAMED,
    SAME,
    SPLIT,
    MappingError,
    QuestionLink,
    build_mapping,
    mapping_between,
)
from concordat.questionnaires.models import Question, Questionnaire

EARLIER = ("2.1", "2.2", "2.3", "3.1", "3.2", "4.1")


def later(questions: dict[str, Any], numbers: tuple[str, ...] = ("2.1", "2.2", "3.1", "3.2", "5.1")) -> Any:
    return {
        "id": "update-2014",
        "title": "Update, May 2014",
        "sections": [
            {"number": "1", "title": "All", "questions": [{"number": n, "text": n} for n in numbers]}
        ],
        "carries_from": {"questionnaire": "stocktake-2013", "version": 1, "questions": questions},
    }


def test_unlisted_questions_are_the_same_or_new_and_unused_earlier_ones_are_dropped() -> None:
    definition = later(
        {
            "2.2": {"from": ["2.3"], "how": "renamed"},
            "3.1": {"from": ["3.1"], "how": "split"},
            "3.2": {"from": ["3.1"], "how": "split"},
        }
    )
    mapping = build_mapping(definition, EARLIER, earlier=("stocktake-2013", 1), later=("update-2014", 1))
    assert mapping.links == (
        QuestionLink("2.1", ("2.1",), SAME),
        QuestionLink("2.2", ("2.3",), RENAMED),
        QuestionLink("3.1", ("3.1",), SPLIT),
        QuestionLink("3.2", ("3.1",), SPLIT),
        QuestionLink("5.1", (), NEW),
    )
    assert mapping.dropped == ("2.2", "3.2", "4.1")
    assert mapping.new == ("5.1",)
    assert mapping.link("2.2") is not None and mapping.link("2.2").described == "renamed from 2.3"  # type: ignore[union-attr]


def test_a_merged_question_names_all_its_sources() -> None:
    definition = later({"3.1": {"from": ["3.1", "3.2"], "how": "merged"}}, numbers=("3.1",))
    mapping = build_mapping(definition, EARLIER, earlier=("stocktake-2013", 1), later=("update-2014", 1))
    assert mapping.links == (QuestionLink("3.1", ("3.1", "3.2"), MERGED),)
    assert mapping.links[0].described == "merged from 3.1 and 3.2"
    assert mapping.dropped == ("2.1", "2.2", "2.3", "4.1")


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        (
            {"9.9": {"from": ["2.1"], "how": "renamed"}},
            "maps question 9.9, which this questionnaire does not have",
        ),
        (
            {"2.2": {"from": ["7.7"], "how": "renamed"}},
            "comes from question 7.7, which stocktake-2013 version 1",
        ),
        (
            {"2.2": {"from": ["2.3"], "how": "moved"}},
            "'how' must be one of same, renamed, split, merged, new",
        ),
        ({"2.2": {"from": ["2.1", "2.3"], "how": "renamed"}}, "must come from exactly one question"),
        ({"3.1": {"from": ["3.1"], "how": "merged"}}, "must come from two or more questions"),
        ({"2.2": {"from": ["2.3"], "how": "same"}}, "use 'renamed' for a question that was renumbered"),
        ({"3.1": {"from": ["3.1"], "how": "split"}}, "a split question goes to two or more questions"),
        (
            {"2.2": {"from": ["2.1"], "how": "renamed"}},
            "Question 2.1 of stocktake-2013 version 1 is carried to 2.1 and 2.2",
        ),
        ({"5.1": {"from": ["2.3"], "how": "new"}}, "marked 'new', so it cannot come from another question"),
        ({"2.2": "2.3"}, "say where it comes from"),
    ],
)
def test_a_mapping_that_cannot_be_followed_is_refused_in_plain_words(questions: Any, message: str) -> None:
    with pytest.raises(MappingError, match=message.replace("(", r"\(")):
        build_mapping(later(questions), EARLIER, earlier=("stocktake-2013", 1), later=("update-2014", 1))


def test_two_versions_of_one_questionnaire_map_by_number_and_different_questionnaires_need_a_mapping() -> (
    None
):
    v1 = {"id": "q", "title": "Q", "sections": [{"number": "1", "title": "S", "questions": [
        {"number": "1.1", "text": "a"}, {"number": "1.2", "text": "b"}]}]}  # fmt: skip
    v2 = {"id": "q", "title": "Q", "sections": [{"number": "1", "title": "S", "questions": [
        {"number": "1.1", "text": "a"}, {"number": "1.3", "text": "c"}]}]}  # fmt: skip
    mapping = mapping_between(("q", 1, v1), ("q", 2, v2))
    assert mapping is not None
    assert mapping.links == (QuestionLink("1.1", ("1.1",), SAME), QuestionLink("1.3", (), NEW))
    assert mapping.dropped == ("1.2",)
    assert mapping_between(("q", 1, v1), ("other", 1, {**v2, "id": "other"})) is None


@pytest.mark.django_db
def test_loading_records_the_earlier_questionnaire_and_refuses_a_bad_mapping_writing_nothing(
    reference: None,
) -> None:
    good = later({"2.2": {"from": ["2.3"], "how": "renamed"}})
    questionnaire, _ = load_questionnaire(good)
    stocktake = Questionnaire.objects.get(slug="stocktake-2013", version=1)
    assert questionnaire.carries_from == stocktake

    bad = copy.deepcopy(good)
    bad["id"] = "update-2014-bad"
    bad["carries_from"]["questions"]["2.2"] = {"from": ["2.99"], "how": "renamed"}
    with pytest.raises(
        DefinitionError, match=r"Question 2\.2 comes from question 2\.99, which stocktake-2013"
    ):
        load_questionnaire(bad)
    assert not Questionnaire.objects.filter(slug="update-2014-bad").exists()

    missing = copy.deepcopy(good)
    missing["id"] = "update-2014-missing"
    missing["carries_from"]["version"] = 7
    with pytest.raises(
        DefinitionError, match="carries answers from stocktake-2013 version 7, which is not loaded"
    ):
        load_questionnaire(missing)
    assert not Question.objects.filter(questionnaire__slug="update-2014-missing").exists()

    with pytest.raises(DefinitionError, match="must give the version of stocktake-2013 as a whole number"):
        load_questionnaire(
            {**good, "id": "x", "carries_from": {"questionnaire": "stocktake-2013", "version": "1"}}
        )
