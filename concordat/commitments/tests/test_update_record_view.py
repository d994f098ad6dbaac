"""Recording a status update through the page: owners can, others cannot; bad input is refused and escaped."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.audit.models import AuditEvent
from concordat.commitments.actions import MAX_NARRATIVE_CHARS
from concordat.commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db
URL = "/commitments/K-NHSCB-01/update/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client: Any, **overrides: Any) -> Any:
    data = {
        "status": "amber",
        "as_at": "2013-05-01",
        "narrative": "Registers drafted in 140 of 151 PCTs.",
        "evidence_links": "https://www.england.nhs.uk/registers\nhttp://example.org/b",
    }
    data.update(overrides)
    return client.post(URL, data)


def test_owner_records_an_amber_update_with_evidence_links(login: Callable[..., Any], org_users: Any) -> None:
    client = login("olivia")
    assert client.get(URL).status_code == 200
    response = _post(client)
    assert response.status_code == 302
    update = StatusUpdate.objects.get()
    assert update.organisation is not None
    assert (update.status, update.organisation.slug, update.author.username) == ("amber", "nhscb", "olivia")
    assert update.links == ["https://www.england.nhs.uk/registers", "http://example.org/b"]
    assert AuditEvent.objects.filter(verb="commitments.status_recorded").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Registers drafted in 140 of 151 PCTs." in page
    assert 'href="https://www.england.nhs.uk/registers"' in page


def test_a_second_update_keeps_the_first_as_history(login: Callable[..., Any], org_users: Any) -> None:
    client = login("olivia")
    _post(client)
    _post(client, status="green", as_at="2013-06-01", narrative="All registers in place.")
    assert list(StatusUpdate.objects.values_list("status", flat=True)) == ["amber", "green"]
    page = client.get("/commitments/K-NHSCB-01/").content.decode()
    assert page.index("All registers in place.") < page.index("Registers drafted")


def test_another_organisations_user_is_sent_back_and_refused(
    login: Callable[..., Any], org_users: Any
) -> None:
    client = login("mark")
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/commitments/K-NHSCB-01/"
    assert _post(client).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_an_area_persona_is_refused(login: Callable[..., Any], org_users: Any) -> None:
    assert _post(login("harriet")).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_the_national_team_records_an_update_on_any_commitment(
    login: Callable[..., Any], org_users: Any
) -> None:
    client = login("nadia")
    response = client.post(
        "/commitments/A-FORUMS-01/update/", {"status": "red", "as_at": "2013-05-01", "narrative": "Stalled."}
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.get().organisation is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"status": ""}, "Select red, amber, green or complete"),
        ({"status": "purple"}, "Select a valid choice"),
        ({"narrative": ""}, "Enter a summary of progress"),
        ({"narrative": "x" * (MAX_NARRATIVE_CHARS + 1)}, "characters or fewer"),
        ({"evidence_links": "javascript:alert(1)"}, "Evidence link 1 must be a full web address"),
        ({"evidence_links": "https://ok.example\nftp://files.example/x"}, "Evidence link 2 must be"),
        ({"evidence_links": "not a url"}, "Evidence link 1 must be"),
        ({"as_at": "2013-02-30"}, "Status date must be a real date"),
    ],
)
def test_bad_input_is_refused_with_an_error_summary(
    login: Callable[..., Any], org_users: Any, overrides: dict[str, str], message: str
) -> None:
    response = _post(login("olivia"), **overrides)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page
    assert "<title>Error: " in page
    assert not StatusUpdate.objects.exists()


def test_script_in_the_narrative_is_shown_escaped(login: Callable[..., Any], org_users: Any) -> None:
    client = login("olivia")
    _post(client, narrative="<script>alert('x')</script> done")
    page = client.get("/commitments/K-NHSCB-01/").content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_a_real_pdf_is_stored_and_downloaded_as_an_attachment(
    login: Callable[..., Any], org_users: Any
) -> None:
    client = login("olivia")
    _post(client, evidence=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"))
    update = StatusUpdate.objects.get()
    assert (update.evidence_name, update.evidence_size) == ("plan.pdf", len(PDF))
    download = login("leo").get(f"/commitments/K-NHSCB-01/updates/{update.pk}/evidence/")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "The selected file must be a PDF"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a real PDF file"),
        ("empty.pdf", b"", "file is empty"),
    ],
)
def test_wrong_file_types_are_refused(
    login: Callable[..., Any], org_users: Any, name: str, content: bytes, message: str
) -> None:
    response = _post(login("olivia"), evidence=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_a_file_over_10_mb_is_refused(login: Callable[..., Any], org_users: Any) -> None:
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = _post(login("olivia"), evidence=SimpleUploadedFile("big.pdf", big))
    assert "smaller than 10 MB" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_status_updates_cannot_be_edited(org_users: Any, record: Callable[..., StatusUpdate]) -> None:
    update = record("K-NHSCB-01", "amber", "2013-05-01")
    update.narrative = "rewritten"
    with pytest.raises(PermissionError):
        update.save()
