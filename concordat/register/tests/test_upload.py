"""Bulk upload: every error reported by row and column, nothing written until a clean commit, idempotent."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.register import actions
from concordat.register.models import Person, UploadState
from concordat.register.template.columns import HEADERS
from concordat.register.template.reading import MAX_BYTES
from concordat.register.tests.builders import AS_AT, csv_bytes, row_text

HARROW = "E09000015"


def _file(data: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _preview(personas: dict[str, Any], data: bytes, name: str = "people.csv") -> Any:
    area = Area.objects.get(ons_code=HARROW)
    return actions.preview_upload(area, _file(data, name), personas["rachel"], as_at=AS_AT)


GOOD = [row_text(local_reference=f"HAR-{i:04d}", nhs_number="") for i in range(1, 4)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "headers", "column", "message"),
    [
        (GOOD, [h for h in HEADERS if h != "Ward type"], "Ward type", "Add the column"),
        (
            [*GOOD, row_text(local_reference="HAR-9", admission_date="31/02/2011")],
            None,
            "Admission date",
            "not a real date",
        ),
        (
            [*GOOD, row_text(local_reference="HAR-9", actual_discharge_date="01/01/2010")],
            None,
            "Actual discharge date",
            "before the admission date",
        ),
        (
            [*GOOD, row_text(local_reference="HAR-9", nhs_number="943 476 5918")],
            None,
            "NHS number",
            "not a valid NHS number",
        ),
        (
            [*GOOD, row_text(local_reference="HAR-0001", nhs_number="")],
            None,
            "Local reference",
            "also used in row 2",
        ),
        (
            [*GOOD, row_text(local_reference="HAR-9", provider="=cmd|' /C calc'!A0")],
            None,
            "Provider or hospital",
            "Remove the formula",
        ),
    ],
)
def test_bad_upload_gets_row_level_errors_and_changes_nothing(
    personas: dict[str, Any], rows: list[dict[str, str]], headers: list[str] | None, column: str, message: str
) -> None:
    upload = _preview(personas, csv_bytes(rows, headers))
    assert upload.state == UploadState.REJECTED
    assert any(e["column"] == column and message in e["message"] for e in upload.errors), upload.errors
    if headers is None:
        assert any(e["row"] == len(rows) + 1 for e in upload.errors)
    assert "9434765918" not in str(upload.errors)
    with pytest.raises(actions.ActionError):
        actions.commit_upload(upload, personas["rachel"])
    assert not Person.objects.exists()
    assert upload.rows == []


@pytest.mark.django_db
def test_huge_and_unreadable_files_are_refused_without_reading(personas: dict[str, Any]) -> None:
    huge = _file(b"x" * 10, "big.csv")
    huge.size = MAX_BYTES + 1
    area = Area.objects.get(ons_code=HARROW)
    upload = actions.preview_upload(area, huge, personas["rachel"], as_at=AS_AT)
    assert upload.state == UploadState.REJECTED and "10 MB" in upload.errors[0]["message"]
    assert _preview(personas, b"\x00\x01binary", "x.csv").state == UploadState.REJECTED
    assert _preview(personas, b"a,b\n", "x.pdf").state == UploadState.REJECTED
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_re_upload_is_idempotent_and_updates_only_changed_people(personas: dict[str, Any]) -> None:
    rachel = personas["rachel"]
    first = actions.commit_upload(_preview(personas, csv_bytes(GOOD)), rachel)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    ids = dict(Person.objects.values_list("local_reference", "public_id"))
    events = AuditEvent.objects.count()

    again = actions.commit_upload(_preview(personas, csv_bytes(GOOD)), rachel)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.filter(verb__startswith="register.person").count() == 3
    assert AuditEvent.objects.count() == events + 2  # previewed + committed only

    changed = [*GOOD[:2], row_text(local_reference="har-0003", nhs_number="", ward_type="REHAB")]
    preview = _preview(personas, csv_bytes(changed))
    assert actions.plan_upload(preview) == actions.Plan(0, 1, 2)
    third = actions.commit_upload(preview, rachel)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    person = Person.objects.get(local_reference="HAR-0003")
    assert person.ward_type == "REHAB" and person.revision == 2
    assert dict(Person.objects.values_list("local_reference", "public_id")) == ids
    with pytest.raises(actions.ActionError):
        actions.commit_upload(third, rachel)  # already committed


@pytest.mark.django_db
def test_nhs_number_already_registered_under_another_reference_is_an_error(personas: dict[str, Any]) -> None:
    actions.commit_upload(
        _preview(personas, csv_bytes([row_text(local_reference="HAR-1")])), personas["rachel"]
    )
    upload = _preview(personas, csv_bytes([row_text(local_reference="HAR-2")]))
    assert upload.state == UploadState.REJECTED
    assert "already on your register as HAR-1" in upload.errors[0]["message"]
    stored = Person.objects.get()
    assert stored.nhs_number_recorded and len(stored.nhs_number_hash) == 64


@pytest.mark.django_db
def test_upload_pages_preview_every_error_then_commit(verified_login: Any, personas: dict[str, Any]) -> None:
    client = verified_login("rachel")
    bad = csv_bytes([*GOOD, row_text(local_reference="HAR-9", admission_date="2011-13-45")])
    response = client.post("/register/areas/E09000015/upload/", {"file": _file(bad)}, follow=True)
    text = response.content.decode()
    assert "Errors to fix (1)" in text and "Admission date" in text and "<title>Error:" in text
    good = client.post("/register/areas/E09000015/upload/", {"file": _file(csv_bytes(GOOD))}, follow=True)
    assert "3 people added" in good.content.decode()
    url = good.redirect_chain[-1][0]
    committed = client.post(url, follow=True)
    assert "3 added, 0 changed, 0 unchanged" in committed.content.decode()
    assert Person.objects.count() == 3
    assert client.get("/register/areas/E09000015/upload/").status_code == 200
    assert client.get("/register/template.csv").content.startswith(b"\xef\xbb\xbfLocal reference")
    assert client.get("/register/template.xlsx").content[:2] == b"PK"
    assert client.get("/register/data-dictionary/").status_code == 200
