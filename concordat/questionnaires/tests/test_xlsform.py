"""Questionnaire definitions as XLSForm spreadsheets: the round trip, the shape, every kind of bad file."""

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from concordat.questionnaires import xlsform_sheets
from concordat.questionnaires.checking import definition_problems
from concordat.questionnaires.definitions import definition_path
from concordat.questionnaires.models import Questionnaire
from concordat.questionnaires.tests.every_type import EVERY_TYPE
from concordat.questionnaires.xlsform import write_xlsform
from concordat.questionnaires.xlsform_reading import SpreadsheetProblems, read_xlsform


def shipped(slug: str) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(definition_path(slug).read_text(encoding="utf-8"))
    return definition


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook made by hand, one list of rows per sheet (a cell starting "=" is a formula)."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(SpreadsheetProblems) as refused:
        read_xlsform(data)
    return refused.value.problems


SETTINGS = [["form_title", "form_id"], ["A broken questionnaire", "broken"]]


# ---- the round trip -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "definition",
    [shipped("stocktake-2013"), shipped("status-report-2013-11"), shipped("may-update-2014"), EVERY_TYPE],
    ids=["stocktake-2013", "status-report-2013-11", "may-update-2014", "every-type"],
)
def test_a_definition_exported_as_a_spreadsheet_imports_as_the_same_definition(
    definition: dict[str, Any],
) -> None:
    assert read_xlsform(write_xlsform(definition)) == definition


def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_read_back_unchanged() -> None:
    definition = copy.deepcopy(EVERY_TYPE)
    question = definition["sections"][1]["questions"][2]
    question["text"] = '=HYPERLINK("http://example.com", "Describe the plan")'
    question["hint"] = "'Quoted' in the minutes"
    data = write_xlsform(definition)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["survey"]
    assert sheet["C11"].value == '\'=HYPERLINK("http://example.com", "Describe the plan")'
    assert sheet["C11"].data_type == "s"
    assert sheet["D11"].value == "''Quoted' in the minutes"
    assert read_xlsform(data) == definition


def test_every_setting_survives_the_round_trip_said_or_left_unsaid() -> None:
    definition = {
        "id": "odd-corners",
        "title": "Odd corners",
        "version": 3,
        "deadline": "2014-03-31",
        "signatories": [],  # an empty list: no columns can hold it, so it goes as JSON
        "completed_by": ["name"],
        "notes": {"drafted_by": "national team", "pages": [1, 2]},
        "sections": [
            {"number": "A", "title": "Empty for now", "questions": []},
            {
                "number": "B",
                "title": "Corners",
                "questions": [
                    {"number": "B1", "text": "Is it open?", "answer_type": "assessment", "polarity": "open"},
                    {"number": "B2", "text": "Evidence", "answer_type": "text", "required": True},
                    {
                        "number": "B3",
                        "text": "How much?",
                        "answer_type": "number",
                        "min": -2.5,
                        "hint": "Say 'about' if unsure",
                        "show_if": {"question": "B1", "in": ["yes", "partial"]},
                    },
                    {
                        "number": "B4",
                        "text": "Which one?",
                        "answer_type": "choose_one",
                        "options": [
                            {"value": "it's", "label": "It's this"},
                            {"value": "other", "label": "Other"},
                        ],
                    },
                    {
                        "number": "B5",
                        "text": "Why?",
                        "answer_type": "long_text",
                        "easy_read": "Tell us why.",
                        "required_unless": {"question": "B4", "in": ["it's"]},
                    },
                    {
                        "number": "B6",
                        "text": "How many people?",
                        "answer_type": "number",
                        "counts_people": True,
                    },
                ],
            },
        ],
    }
    assert definition_problems(definition) == []
    assert read_xlsform(write_xlsform(definition)) == definition


def test_the_export_is_in_the_xlsform_shape() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsform(EVERY_TYPE)))
    survey = [list(row) for row in book["survey"].iter_rows(values_only=True)]
    assert survey[0] == [
        "type",
        "name",
        "label",
        "hint",
        "label::Easy Read",
        "required",
        "relevant",
        "constraint",
        "appearance",
        "concordat_polarity",
        "concordat_required_unless",
        "concordat_counts_people",
        "concordat_min_rows",
        "concordat_max_rows",
    ]
    assert [(row[0], row[1]) for row in survey[1:]] == [
        ("begin group", "1"),
        ("concordat:assessment", "1.1"),
        ("concordat:rag", "1.2"),
        ("select_one yes_no", "1.3"),
        ("date", "1.4"),
        ("end group", "1"),
        ("begin group", "2"),
        ("decimal", "2.1"),
        ("text", "2.2"),
        ("text", "2.3"),
        ("select_one 2.4", "2.4"),
        ("select_multiple 2.5", "2.5"),
        ("file", "2.6"),
        ("end group", "2"),
    ]
    assert survey[1][2] == "Ratings"
    assert survey[2][10] == "${1.1} = 'na'"
    assert survey[4][4] == "Did the board say yes?"
    assert survey[5][6] == "${1.3} = 'yes'"
    assert survey[8][7] == ". >= 0 and . <= 500"
    assert [survey[9][5], survey[10][5], survey[10][8]] == ["no", "yes", "multiline"]
    assert survey[12][10] == "${2.4} = 'separate'"
    assert [list(row) for row in book["choices"].iter_rows(values_only=True)] == [
        ["list_name", "name", "label"],
        ["yes_no", "yes", "Yes"],
        ["yes_no", "no", "No"],
        ["2.4", "pooled", "Pooled"],
        ["2.4", "aligned", "Aligned"],
        ["2.4", "separate", "Separate"],
        ["2.5", "hwb", "The HWB"],
        ["2.5", "ccg", "The CCG"],
    ]
    header, values = (list(row) for row in book["settings"].iter_rows(values_only=True))
    settings = dict(zip(header, values, strict=True))
    assert settings["form_id"] == "every-type"
    assert settings["form_title"] == "Every question type"
    assert settings["version"] == 1
    assert settings["concordat_deadline"] == "2013-11-29"
    assert settings["concordat_completed_by"] == "name organisation contact"
    assert [k for k in header if str(k).startswith("concordat_signatory::")] == [
        "concordat_signatory::hwb_chair",
        "concordat_signatory::chief_executive",
        "concordat_signatory::ccg",
    ]


def test_a_hand_made_xlsform_with_a_multiple_choice_list_reads_as_a_choose_question() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label", "required", "relevant"],
                ["begin_group", "1", "Partners"],
                ["select_multiple partners", "1.1", "Who works with you?", "yes"],
                ["text", "1.2", "Tell us more", "", "selected(${1.1}, 'housing') or selected(${1.1}, 'nhs')"],
                ["end_group"],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["partners", "housing", "Housing"],
                ["partners", "nhs", "NHS"],
            ],
            "settings": [["form_title", "form_id", "version"], ["Partners", "partners", 2]],
        }
    )
    assert read_xlsform(data) == {
        "id": "partners",
        "title": "Partners",
        "version": 2,
        "sections": [
            {
                "number": "1",
                "title": "Partners",
                "questions": [
                    {
                        "number": "1.1",
                        "text": "Who works with you?",
                        "answer_type": "choose_several",
                        "options": [
                            {"value": "housing", "label": "Housing"},
                            {"value": "nhs", "label": "NHS"},
                        ],
                    },
                    {
                        "number": "1.2",
                        "text": "Tell us more",
                        "answer_type": "short_text",
                        "required": False,
                        "show_if": {"question": "1.1", "in": ["housing", "nhs"]},
                    },
                ],
            }
        ],
    }


# ---- a broken spreadsheet lists its errors -------------------------------------------------------------


def test_a_broken_spreadsheet_lists_every_problem_by_sheet_row_and_column() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label", "required", "relevant", "default"],
                ["begin group", "1", "Ratings"],
                ["concordat:rag", "1.1", "Rate your progress", "yes", "", "amber"],
                ["geopoint", "1.2", "Where are you?", "yes"],
                ["select_one pools", "1.3", "Is the budget pooled?", "yes"],
                ["select_one yes_no", "1.1", "Signed off?", "maybe"],
                ["date", "1.5", "On what date?", "yes", "${9.9} = 'yes'"],
                ["decimal", "1.6", "=1+1", "yes"],
                ["text", "1.7", "Anything else?", "no", "${1.1} is 'red'"],
                ["end group"],
            ],
            "choices": [["list_name", "name", "label"]],
            "settings": SETTINGS,
        }
    )
    assert problems_of(data) == [
        "Sheet survey, row 3, column default: Concordat has no use for this column. Empty it.",
        "Sheet survey, row 4, column type: Concordat does not know the type 'geopoint'. Use one of: decimal, "
        "integer, date, text, file, select_one LIST, select_multiple LIST, concordat:assessment, "
        "concordat:rag, concordat:text, begin group, end group, begin repeat, end repeat.",
        "Sheet survey, row 5, column type: The list 'pools' is not on the choices sheet.",
        "Sheet survey, row 6, column name: Question number 1.1 appears twice.",
        "Sheet survey, row 6, column required: Write yes or no, not 'maybe'.",
        "Sheet survey, row 7, column relevant: Question 1.5: the 'show if' rule names question 9.9, which "
        "does not come before it.",
        "Sheet survey, row 8, column label: The cell holds a formula. Type the value itself instead.",
        "Sheet survey, row 9, column relevant: Write a condition like ${1.3} = 'yes', or ${2.5} = 'a' or "
        "${2.5} = 'b', or selected(${2.5}, 'a'), naming one question.",
    ]


def test_groups_out_of_order_and_missing_sheets_and_settings_are_each_reported() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "1.1", "Outside every section"],
                ["begin group", "1", "Ratings"],
                ["select_multiple who", "1.2", "Who signed?"],
            ],
            "settings": [["form_title", "form_id"]],
        }
    )
    assert problems_of(data) == [
        "Sheet survey, row 2, column type: The question is not in a section: put a begin group row before "
        "it.",
        "Sheet survey, row 3, column type: This group is never ended: add an end group row after its "
        "questions.",
        "Sheet survey, row 4, column type: The list 'who' is not on a choices sheet (the workbook has none).",
        "Sheet settings, row 2: The settings sheet has no row of values under its column names.",
    ]


def test_empty_sheets_are_refused_in_words() -> None:
    assert problems_of(workbook({"survey": [], "choices": []})) == [
        "Sheet survey: The survey sheet has no questions.",
        "Sheet settings: The workbook has no settings sheet (form_title, form_id, version).",
    ]


def test_a_spreadsheet_is_refused_with_the_same_words_as_the_same_definition_in_json() -> None:
    definition = copy.deepcopy(EVERY_TYPE)
    definition["sections"][0]["questions"][3]["show_if"] = {"question": "1.3", "in": ["maybe"]}
    definition["sections"][1]["questions"][0]["min"] = 600
    json_words = [
        "Question 1.4: the 'show if' rule looks for 'maybe', which question 1.3 cannot answer (it can: yes, "
        "no).",
        "Question 2.1: the minimum (600) is more than the maximum (500).",
    ]
    assert [p.message for p in definition_problems(definition)] == json_words
    assert problems_of(write_xlsform(definition)) == [
        f"Sheet survey, row 6, column relevant: {json_words[0]}",
        f"Sheet survey, row 9, column constraint: {json_words[1]}",
    ]


# ---- hostile files --------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    assert problems_of(b"type,name,label\ntext,1.1,Hello\n") == [
        "This file is not an Excel workbook (.xlsx). Save it as .xlsx and try again."
    ]


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert problems_of(out.getvalue()) == [
        "This Excel workbook could not be opened. Save it again as .xlsx and retry."
    ]


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (xlsform_sheets.MAX_UNZIPPED_BYTES + 1))
    assert len(out.getvalue()) < 1024 * 1024
    assert problems_of(out.getvalue()) == [
        "The workbook is too large once opened: it is not a questionnaire."
    ]


def test_a_sheet_with_too_many_rows_is_refused_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsform_sheets, "MAX_ROWS", 3)
    data = write_xlsform(EVERY_TYPE)
    assert problems_of(data) == ["The survey sheet has more than 3 rows: no questionnaire has."]


def test_a_cell_longer_than_any_question_is_refused() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label"],
                ["begin group", "1", "Ratings"],
                ["text", "1.1", "x" * 20_001],
                ["end group"],
            ],
            "settings": SETTINGS,
        }
    )
    assert problems_of(data) == [
        "Sheet survey, row 3, column label: The cell is longer than 20,000 characters.",
    ]


# ---- the commands ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_then_load_of_a_spreadsheet_gives_the_same_questionnaire(tmp_path: Path) -> None:
    call_command("load_questionnaire", questionnaire="status-report-2013-11")
    spreadsheet, as_json = tmp_path / "status.xlsx", tmp_path / "status.json"
    call_command(
        "export_questionnaire", questionnaire="status-report-2013-11", format="xlsx", output=spreadsheet
    )
    call_command("export_questionnaire", questionnaire="status-report-2013-11", format="json", output=as_json)
    assert json.loads(as_json.read_text(encoding="utf-8")) == shipped("status-report-2013-11")
    out = io.StringIO()
    call_command("load_questionnaire", file=spreadsheet, stdout=out)
    assert out.getvalue() == "Winterbourne View local status report, November 2013 (version 1): unchanged.\n"
    assert Questionnaire.objects.filter(slug="status-report-2013-11").count() == 1


@pytest.mark.django_db
def test_loading_a_new_spreadsheet_creates_its_questionnaire(tmp_path: Path) -> None:
    path = tmp_path / "every-type.xlsx"
    path.write_bytes(write_xlsform(EVERY_TYPE))
    call_command("load_questionnaire", file=path, stdout=io.StringIO())
    assert Questionnaire.objects.get(slug="every-type").definition == EVERY_TYPE


@pytest.mark.django_db
def test_a_broken_spreadsheet_loads_nothing_and_the_command_lists_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(
        workbook(
            {
                "survey": [
                    ["type", "name", "label"],
                    ["begin group", "1", "One"],
                    ["geopoint", "1.1", "Where?"],
                ],
                "settings": SETTINGS,
            }
        )
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_questionnaire", file=path)
    assert str(refused.value).splitlines()[1:] == [
        "Sheet survey, row 2, column type: This group is never ended: add an end group row after its "
        "questions.",
        "Sheet survey, row 3, column type: Concordat does not know the type 'geopoint'. Use one of: decimal, "
        "integer, date, text, file, select_one LIST, select_multiple LIST, concordat:assessment, "
        "concordat:rag, concordat:text, begin group, end group, begin repeat, end repeat.",
    ]
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_exporting_a_questionnaire_that_is_not_loaded_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No questionnaire every-type version 2 is loaded"):
        call_command(
            "export_questionnaire",
            questionnaire="every-type",
            version=2,
            format="json",
            output=tmp_path / "x",
        )


def test_settings_without_an_id_with_an_unknown_setting_or_a_wordy_version_are_reported() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label"],
                ["begin group", "1", "Ratings"],
                ["date", "1.1", "When?"],
                ["end group"],
            ],
            "settings": [["form_title", "version", "style"], ["A questionnaire", "one", "pages"]],
        }
    )
    assert problems_of(data) == [
        "Sheet settings, row 2, column form_id: The questionnaire has no form_id.",
        "Sheet settings, row 2, column style: Concordat has no such setting. Empty the cell or remove it.",
        "Sheet settings, row 2, column version: The version must be a whole number, like 1.",
    ]


def test_counting_people_is_read_from_its_column_and_refused_on_a_word_or_a_non_number() -> None:
    data = workbook(
        {
            "survey": [
                ["type", "name", "label", "required", "concordat_counts_people"],
                ["begin group", "1", "Figures"],
                ["integer", "1.1", "How many people?", "yes", "Yes"],
                ["decimal", "1.2", "How much money?", "yes", "perhaps"],
                ["text", "1.3", "Who?", "yes", "yes"],
                ["end group"],
            ],
            "settings": SETTINGS,
        }
    )
    assert problems_of(data) == [
        "Sheet survey, row 4, column concordat_counts_people: Write yes if the number counts people, not "
        "'perhaps'.",
        "Sheet survey, row 5, column concordat_counts_people: Question 1.3 counts people, but is not a "
        "number.",
    ]
