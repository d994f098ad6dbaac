"""The national team's spreadsheet pages: download a version as XLSForm, check an upload (writes nothing)."""

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.questionnaires.definitions import load_questionnaire
from concordat.questionnaires.models import Questionnaire
from concordat.questionnaires.tests.every_type import EVERY_TYPE
from concordat.questionnaires.xlsform import write_xlsform
from concordat.questionnaires.xlsform_reading import read_xlsform

pytestmark = pytest.mark.django_db
DOWNLOAD = "/questionnaires/every-type/1/spreadsheet.xlsx"
UPLOAD = "/questionnaires/spreadsheet/"


def _file(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("questionnaire.xlsx", data)


def test_the_national_team_downloads_a_version_as_a_spreadsheet_that_reads_back_the_same(
    client: Any, personas: dict[str, Any]
) -> None:
    load_questionnaire(EVERY_TYPE)
    client.force_login(personas["nadia"])
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="every-type-version-1.xlsx"'
    assert read_xlsform(response.content) == EVERY_TYPE


def test_a_version_that_does_not_exist_is_not_found(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["nadia"])
    assert client.get("/questionnaires/every-type/7/spreadsheet.xlsx").status_code == 404


def test_an_area_editor_may_neither_download_nor_upload(client: Any, personas: dict[str, Any]) -> None:
    load_questionnaire(EVERY_TYPE)
    client.force_login(personas["harriet"])
    assert client.get(DOWNLOAD).status_code == 403
    assert client.post(UPLOAD, {"file": _file(write_xlsform(EVERY_TYPE))}).status_code == 403


def test_a_good_spreadsheet_is_shown_and_nothing_is_loaded(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["nadia"])
    response = client.post(UPLOAD, {"file": _file(write_xlsform(EVERY_TYPE))})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The spreadsheet has no problems" in page
    assert "1. Ratings" in page and "2. Figures and words" in page
    assert not Questionnaire.objects.filter(slug="every-type").exists()


def test_a_broken_spreadsheet_is_listed_problem_by_problem(client: Any, personas: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsform(EVERY_TYPE)))
    book["survey"]["A3"] = "geopoint"
    book["survey"]["F4"] = "perhaps"
    out = io.BytesIO()
    book.save(out)
    client.force_login(personas["nadia"])
    response = client.post(UPLOAD, {"file": _file(out.getvalue())})
    assert response.status_code == 422
    page = response.content.decode()
    assert "The spreadsheet has 2 problems. Fix them and upload it again" in page
    assert "Sheet survey, row 3, column type: Concordat does not know the type &#x27;geopoint&#x27;." in page
    assert "Sheet survey, row 4, column required: Write yes or no, not &#x27;perhaps&#x27;." in page


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_words(client: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["nadia"])
    response = client.post(UPLOAD, {"file": _file(b"not a workbook")})
    assert response.status_code == 422
    assert (
        "This file is not an Excel workbook (.xlsx). Save it as .xlsx and try again."
        in response.content.decode()
    )
