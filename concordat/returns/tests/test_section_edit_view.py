from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.returns.models import Answer, Attachment
from concordat.returns.uploads import MAX_ATTACHMENT_BYTES

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(stocktake: Any, section: str = "1") -> str:
    return f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/sections/{section}/"


def _post(client: Any, stocktake: Any, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(_url(stocktake), data, **extra)


def test_a_draft_saves_incomplete_answers_without_errors(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    response = _post(client, stocktake, {"q1-1-status": "yes", "q1-2-evidence": "Some thoughts"})
    assert response.status_code == 302
    assert Answer.objects.get(question__number="1.1").status == "yes"
    assert Answer.objects.get(question__number="1.2").evidence == "Some thoughts"


def test_script_in_evidence_is_stored_as_text_and_shown_escaped(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    _post(client, stocktake, {"q1-1-status": "yes", "q1-1-evidence": "<script>alert('x')</script>"})
    page = client.get(f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/check/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_over_long_evidence_shows_an_error_summary_and_saves_nothing(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    response = _post(
        client, stocktake, {"q1-1-status": "yes", "q1-1-evidence": "x" * 20_001, "q1-2-status": "no"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "20,000 characters or fewer" in page
    assert not Answer.objects.exists()


def test_a_tampered_status_value_is_refused(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    response = _post(client, stocktake, {"q1-1-status": "definitely"})
    assert "Select Yes, Partially, No or Not applicable" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_tampered_revision_is_refused(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    response = _post(client, stocktake, {"q1-1-status": "yes", "q1-1-revision": "-5"})
    assert response.status_code == 200 and not Answer.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.exe", b"MZ\x90\x00", "must be a PDF, Word"),
        ("plan.pdf", b"<html><script>alert(1)</script></html>", "is not a real PDF file"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "is not a real DOCX file"),
        ("plan.png", PDF, "is not a real PNG file"),
        ("empty.pdf", b"", "The selected file is empty"),
        ("big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES, "smaller than 10 MB"),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_on_the_page_is_saved(
    login: Any, stocktake: Any, name: str, content: bytes, message: str
) -> None:
    client = login("harriet")
    upload = SimpleUploadedFile(name, content)
    response = _post(
        client, stocktake, {"q1-3-good_practice": "on", "q1-3-attachment": upload, "q1-1-status": "yes"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Answer.objects.exists() and not Attachment.objects.exists()


def test_a_good_attachment_is_kept_and_downloads_only_as_an_attachment(login: Any, stocktake: Any) -> None:
    client = login("harriet")
    upload = SimpleUploadedFile("../../etc/Transition plan.pdf", PDF)
    _post(client, stocktake, {"q1-3-good_practice": "on", "q1-3-attachment": upload})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Transition plan.pdf"
    response = client.get(f"/returns/rounds/{stocktake.slug}/areas/{HARROW}/attachments/{attachment.pk}/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_a_stale_save_shows_the_other_editors_answer(
    login: Any, stocktake: Any, personas: dict[str, Any]
) -> None:
    client = login("harriet")
    _post(client, stocktake, {"q1-1-status": "yes", "q1-1-evidence": "Harriet's answer"})
    client.force_login(personas["hamid"])
    response = _post(
        client, stocktake, {"q1-1-status": "no", "q1-1-evidence": "Hamid's answer", "q1-1-revision": "0"}
    )
    page = response.content.decode()
    assert "Someone else changed question 1.1" in page
    assert "Harriet&#x27;s answer" in page
    assert Answer.objects.get().evidence == "Harriet's answer"


def test_a_signatory_cannot_edit_answers(login: Any, stocktake: Any) -> None:
    client = login("hugh")
    assert _post(client, stocktake, {"q1-1-status": "yes"}).status_code == 403
    assert not Answer.objects.exists()
