"""Each change to a return emails the people who act next, through the real actions."""

from typing import Any

import pytest
from django.core import mail

from concordat.notifications.tests.helpers import send_queued
from concordat.returns import actions
from concordat.returns.models import Return
from concordat.returns.tests.builders import complete_answers, signed_off_version, submitted_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
SITE = "http://127.0.0.1:8000"


def _to(*usernames: str) -> list[list[str]]:
    return sorted([f"{u}@example.org"] for u in usernames)


def _by_recipient(emails: list[Any]) -> dict[str, Any]:
    return {e.to[0].split("@")[0]: e for e in emails}


def test_submitting_asks_the_three_signatories_to_sign(stocktake: Any, personas: dict[str, Any]) -> None:
    submitted_return(stocktake, HARROW, personas["harriet"])
    emails = send_queued()
    assert sorted(e.to for e in emails) == _to("hari", "helen", "hugh")
    hugh = _by_recipient(emails)["hugh"]
    assert hugh.subject == "Version 1 of Harrow's return is waiting for your signature"
    assert "Harriet Patel has submitted version 1 of Harrow's return" in hugh.body
    assert f"{SITE}/returns/rounds/{stocktake.slug}/areas/{HARROW}/versions/1/sign/" in hugh.body


def test_changing_a_submitted_return_tells_signatories_their_signature_is_no_longer_needed(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = submitted_return(stocktake, HARROW, personas["harriet"])
    actions.sign_version(version, "hwb_chair", seen_hash=version.content_hash, acting_user=personas["hugh"])
    send_queued()
    mail.outbox.clear()
    ret = Return.objects.get(pk=version.ret.pk)
    question = next(iter(complete_answers(stocktake)))
    revisions = dict(ret.answers.values_list("question_id", "revision"))
    answers = {question: {"status": "partial", "evidence": "Changed after submission."}}
    actions.save_answers(ret, answers, revisions=revisions, acting_user=personas["hamid"])
    revisions = dict(ret.answers.values_list("question_id", "revision"))
    answers = {question: {"status": "no", "evidence": "Changed again."}}
    actions.save_answers(ret, answers, revisions=revisions, acting_user=personas["hamid"])
    emails = send_queued()
    assert sorted(e.to for e in emails) == _to("hari", "helen", "hugh")  # once each, not once per edit
    hugh = _by_recipient(emails)["hugh"]
    assert hugh.subject == "You no longer need to sign version 1 of Harrow's return"
    assert "your signature stays in the return's history but does not count" in hugh.body


def test_a_query_is_sent_to_the_areas_editors_and_the_answer_to_the_national_team(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    version = signed_off_version(stocktake, personas)
    send_queued()
    mail.outbox.clear()
    review = actions.query_version(version, acting_user=personas["nadia"], comment="Please explain 2.4.")
    emails = send_queued()
    assert sorted(e.to for e in emails) == _to("hamid", "harriet")
    harriet = _by_recipient(emails)["harriet"]
    assert harriet.subject == "The national team has a query about Harrow's return"
    assert "Please explain 2.4." in harriet.body
    # The version page, at its answer form (the respond URL only takes a POST).
    assert f"/areas/{HARROW}/versions/1/#answer" in harriet.body
    mail.outbox.clear()

    actions.respond_to_query(review, acting_user=personas["harriet"], response="No pooled budget yet.")
    [email] = send_queued()
    assert email.to == ["nadia@example.org"]
    assert email.subject == "Harrow has answered your query"
    assert "No pooled budget yet." in email.body
    assert f"/areas/{HARROW}/versions/1/#review" in email.body


def test_acceptance_and_reopening_are_sent_to_the_area(stocktake: Any, personas: dict[str, Any]) -> None:
    version = signed_off_version(stocktake, personas)
    send_queued()
    mail.outbox.clear()
    actions.accept_version(version, acting_user=personas["nadia"], comment="Thank you.")
    emails = send_queued()
    assert sorted(e.to for e in emails) == _to("hamid", "hari", "harriet", "helen", "hugh")
    assert {e.subject for e in emails} == {"Harrow's return has been accepted"}
    assert "Their comment: Thank you." in emails[0].body
    mail.outbox.clear()

    actions.reopen_return(version.ret, acting_user=personas["nadia"], reason="A figure in 3.1 was wrong.")
    emails = send_queued()
    assert sorted(e.to for e in emails) == _to("hamid", "hari", "harriet", "helen", "hugh")
    assert {e.subject for e in emails} == {"Harrow's return has been reopened"}
    assert "A figure in 3.1 was wrong." in emails[0].body


def test_a_person_who_turned_off_an_optional_email_does_not_get_it(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    client = login("hugh")
    page = client.get("/emails/choices/").content.decode()
    assert "A version of your area&#x27;s return is waiting for your signature" in page
    wanted = ["signature_not_needed", "return_accepted"]
    client.post("/emails/choices/", {k: "on" for k in wanted})
    submitted_return(stocktake, HARROW, personas["harriet"])
    assert sorted(e.to for e in send_queued()) == _to("hari", "helen")
