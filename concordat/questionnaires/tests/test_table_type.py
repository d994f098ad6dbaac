"""The table question type: its rules for rows and cells, its definition's checks, and XLSForm's repeat."""

import copy
import io
from typing import Any

import openpyxl
import pytest

from concordat.questionnaires.checking import definition_problems
from concordat.questionnaires.types import (
    InvalidValue,
    QuestionSpec,
    clean_value,
    shown_value,
    value_problems,
)
from concordat.questionnaires.xlsform import write_xlsform
from concordat.questionnaires.xlsform_reading import read_xlsform

from .table_type import PLACEMENTS, TABLE_TYPE

SPEC = QuestionSpec.from_definition(PLACEMENTS)


def test_rows_are_cleaned_cell_by_cell_and_empty_rows_are_left_out() -> None:
    raw = [
        {
            "provider": " Calderstones ",
            "people": "3",
            "since": "2013-06-01",
            "kind": "hospital",
            "reviewed": "no",
        },
        {"provider": "", "people": "", "since": "", "kind": "", "reviewed": ""},
        {"provider": "Oak House", "people": 1},
    ]
    assert clean_value(SPEC, raw) == [
        {
            "provider": "Calderstones",
            "people": 3,
            "since": "2013-06-01",
            "kind": "hospital",
            "reviewed": "no",
        },
        {"provider": "Oak House", "people": 1},
    ]
    assert clean_value(SPEC, []) is None
    assert shown_value(SPEC, clean_value(SPEC, raw)) == "2 rows"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([{"people": "many"}], "Row 1, People: Enter a number, like 12 or 3.5"),
        ([{"people": "2.5"}], "Row 1, People: Enter a whole number of people, like 12"),
        ([{}, {"since": "2013-02-30"}], "Row 2, Since: Enter a real date, like 2013-11-29"),
        ([{"kind": "prison"}], "Row 1, Kind of placement: Select one of the options shown"),
        ([{"provider": "x" * 501}], "Row 1, Provider: The answer must be 500 characters or fewer"),
        ([{"colour": "red"}], "Row 1: The table has no column 'colour'"),
        ([{"provider": "A"}] * 6, "The table can have at most 5 rows: you gave 6"),
        ({"provider": "A"}, 'Give the rows as a list, like [{"column": "value"}]'),
        (["A row"], 'Give the rows as a list, like [{"column": "value"}]'),
        ([{"provider": ["a", "list"]}], "Row 1, Provider: Enter the answer as words or a number"),
    ],
)
def test_a_bad_cell_or_too_many_rows_is_refused_in_words(raw: Any, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        clean_value(SPEC, raw)
    assert str(refused.value).startswith(message)


def test_a_required_table_needs_its_fewest_rows_before_submission() -> None:
    two = QuestionSpec.from_definition({**PLACEMENTS, "min_rows": 2})
    specs = {"1.1": two}
    assert value_problems(two, {}, answers={}, specs=specs) == ["add at least one row"]
    one_row = {"value": [{"provider": "A"}]}
    assert value_problems(two, one_row, answers={}, specs=specs) == ["add at least 2 rows"]
    assert value_problems(SPEC, one_row, answers={}, specs={"1.1": SPEC}) == []


def _with(**changes: Any) -> dict[str, Any]:
    definition = copy.deepcopy(TABLE_TYPE)
    definition["sections"][0]["questions"][0].update(changes)
    return definition


def test_a_table_definition_is_checked_column_by_column() -> None:
    assert definition_problems(TABLE_TYPE) == []
    messages = {
        "no columns": _with(columns=[]),
        "a long text column": _with(columns=[{"name": "a", "text": "A", "answer_type": "long_text"}]),
        "a column twice": _with(columns=[{"name": "a", "text": "A", "answer_type": "date"}] * 2),
        "rows the wrong way round": _with(min_rows=4, max_rows=2),
        "a choose column without options": _with(
            columns=[{"name": "a", "text": "A", "answer_type": "choose_one"}]
        ),
        "too many rows": _with(max_rows=100_000),
    }
    found = {k: [p.message for p in definition_problems(d)] for k, d in messages.items()}
    assert found == {
        "no columns": ["Question 1.1 is a table: give it between 1 and 12 columns."],
        "a long text column": [
            "Question 1.1, column 'a': a column's type must be one of choose_one, date, number, short_text, "
            "yes_no."
        ],
        "a column twice": ["Question 1.1 has the column 'a' twice."],
        "rows the wrong way round": [
            "Question 1.1: the rows must be at least 0 and at most 200, fewest first."
        ],
        "a choose column without options": [
            "Question 1.1, column 'a' is a choose question with no list of options."
        ],
        "too many rows": ["Question 1.1: the rows must be at least 0 and at most 200, fewest first."],
    }
    not_a_table = copy.deepcopy(TABLE_TYPE)
    not_a_table["sections"][0]["questions"][1]["max_rows"] = 3
    assert [p.message for p in definition_problems(not_a_table)] == [
        "Question 1.2 has columns or rows, but is not a table."
    ]


def test_a_table_goes_through_xlsform_as_a_repeat_and_comes_back_the_same() -> None:
    assert read_xlsform(write_xlsform(TABLE_TYPE)) == TABLE_TYPE


def test_the_xlsform_of_a_table_is_a_begin_and_end_repeat_with_a_row_per_column() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsform(TABLE_TYPE)))
    survey = [list(row)[:3] for row in book["survey"].iter_rows(values_only=True)]
    assert survey[2:9] == [
        ["begin repeat", "1.1", "List each placement out of area."],
        ["text", "provider", "Provider"],
        ["decimal", "people", "People"],
        ["date", "since", "Since"],
        ["select_one 1.1-kind", "kind", "Kind of placement"],
        ["select_one yes_no", "reviewed", "Reviewed?"],
        ["end repeat", "1.1", None],
    ]
