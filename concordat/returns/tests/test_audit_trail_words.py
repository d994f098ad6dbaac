"""The audit trail says what happened in words, with the detail one click away, for events the real actions
record; it is paged, and a bad page number never breaks it."""

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.audit.models import AuditEvent
from concordat.audit.words import describe
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.models import ReturnVersion
from concordat.returns.tests.builders import filled_return
from concordat.returns.uploads import check_upload

pytestmark = pytest.mark.django_db
HARROW = "E09000015"


def _docx(name: str) -> Any:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return check_upload(SimpleUploadedFile(name, buffer.getvalue()))


@pytest.fixture
def accepted_with_history(stocktake: Any, personas: dict[str, Any]) -> Any:
    """Harrow's return: filled in, one answer's evidence changed, a file attached, signed and accepted."""
    harriet = personas["harriet"]
    ret = filled_return(stocktake, HARROW, harriet)
    question = Question.objects.get(questionnaire=stocktake.questionnaire, number="1.1")
    answer = ret.answers.get(question=question)
    changed = {**answer.field_values(), "evidence": "A joint group meets monthly and reports to the board."}
    ret = actions.save_answers(
        ret, {question: changed}, revisions={question.pk: answer.revision}, acting_user=harriet
    )
    actions.add_attachment(ret, question, _docx("Terms of reference.docx"), acting_user=harriet)
    version = actions.submit_return(ret, acting_user=harriet)
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])
    return ret


def test_each_event_of_a_returns_life_reads_as_words(accepted_with_history: Any, login: Any) -> None:
    page = login("nadia").get(f"/returns/rounds/stocktake-2013/areas/{HARROW}/audit/").content.decode()
    for words in (
        "Evidence for 1.1 changed",
        "Attachment &#x27;Terms of reference.docx&#x27; added to 1.1",
        "Version 1 submitted for signing",
        "Version 1 signed by the chair of the Health and Wellbeing Board",
        "Version 1 signed by the CCG representative",
        "Version 1 signed off by all three signatories",
        "Version 1 accepted by the national team",
    ):
        assert words in page, words
    for code in (
        "answer.saved",
        "attachment.added",
        "return.accepted",
        "hwb_chair",
        "chief_executive",
        "— → —",
    ):
        assert code not in page, code
    # The detail is one click away: the old and new evidence inside a details component.
    assert '<details class="govuk-details' in page
    assert "A joint group meets monthly and reports to the board." in page


def test_an_evidence_change_says_what_changed_not_the_unchanged_answer(accepted_with_history: Any) -> None:
    event = AuditEvent.objects.filter(verb="answer.saved", data__question="1.1").order_by("-id").first()
    assert event is not None
    words = describe(event)
    assert words.summary == "Evidence for 1.1 changed"
    assert [heading for heading, _text in words.details] == ["Evidence"]
    assert words.details[0][1].startswith(
        "Yes; a joint group is in place. (1.1) → A joint group meets monthly"
    )


def test_every_verb_the_return_recorded_has_chosen_words(accepted_with_history: Any) -> None:
    from concordat.audit.words import is_described

    verbs = set(AuditEvent.objects.filter(area_code=HARROW).values_list("verb", flat=True))
    assert {"answer.saved", "attachment.added", "return.accepted"} <= verbs
    assert [v for v in verbs if not is_described(v) and not v.startswith("register.")] == []


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "", "%00", "<script>", "99999", "9" * 400])
def test_a_bad_page_number_shows_the_first_or_the_last_page_of_the_audit_trail(
    accepted_with_history: Any, login: Any, page: str
) -> None:
    events = AuditEvent.objects.filter(area_code=HARROW).exclude(verb__startswith="register.").count()
    last = -(-events // 50)
    assert last > 1  # the history is long enough to be paged
    response = login("nadia").get(f"/returns/rounds/stocktake-2013/areas/{HARROW}/audit/", {"page": page})
    assert response.status_code == 200
    # Not a page number (0 included): the first page; past the end: the last.
    shown = last if page.isdigit() and int(page) > last else 1
    assert f'aria-label="Page {shown}" aria-current="page"' in response.content.decode()
