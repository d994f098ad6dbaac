"""The May 2014 update's local area plan: the plan uploaded, whether and when the HWB signed it off (date and
minute reference), the pooled budget: saved in the draft and shown to the national team; a broken, hostile
or oversized plan refused in plain English with nothing half-saved."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.returns.content import draft_content
from concordat.returns.demo import MAY_UPDATE_SLUG, STATUS_REPORT_SLUG, ensure_round, load_demo
from concordat.returns.models import Answer, Attachment, Round, RoundState
from concordat.returns.tests.may_update import HARROW, PLAN, answered, section_url, submitted
from concordat.returns.uploads import MAX_ATTACHMENT_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def may_round(personas: dict[str, Any]) -> Round:
    return ensure_round(MAY_UPDATE_SLUG, personas["nadia"])


def test_the_demo_loads_the_november_2013_and_may_2014_rounds(personas: dict[str, Any]) -> None:
    out = io.StringIO()
    load_demo(stdout=out)
    load_demo(stdout=io.StringIO())  # safe to repeat
    rounds = {r.slug: r for r in Round.objects.filter(slug__in=[STATUS_REPORT_SLUG, MAY_UPDATE_SLUG])}
    assert set(rounds) == {STATUS_REPORT_SLUG, MAY_UPDATE_SLUG}
    assert all(r.state == RoundState.OPEN for r in rounds.values())
    may = rounds[MAY_UPDATE_SLUG]
    assert may.deadline.isoformat() == "2014-05-05"
    assert [s.title for s in may.questionnaire.sections.order_by("position")] == [
        "People due to be discharged and people who will not be",
        "Local area plan",
    ]
    assert "Round may-update-2014: open, deadline 05 May 2014." in out.getvalue()


def test_the_plan_and_the_hwb_sign_off_are_saved_in_the_draft(may_round: Round, login: Any) -> None:
    ret = answered(login("harriet"))
    answers = draft_content(ret)["answers"]
    assert [a["name"] for a in answers["2.1"]["attachments"]] == ["local-area-plan.pdf"]
    assert answers["2.2"]["value"] == "yes"
    assert answers["2.3"]["value"] == "2014-03-18"
    assert answers["2.4"]["value"] == "HWB 2014/03 item 6"
    assert answers["2.5"]["value"] == "agreed"


def test_the_national_team_sees_the_plan_and_the_hwb_sign_off(
    may_round: Round, personas: dict[str, Any], login: Any
) -> None:
    version = submitted(login("harriet"), personas["harriet"])
    page = login("nadia").get(f"/returns/rounds/{MAY_UPDATE_SLUG}/areas/{HARROW}/versions/{version.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("local-area-plan.pdf", "18 March 2014", "HWB 2014/03 item 6", "Agreed, not yet in place"):
        assert shown in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00 not a pdf at all", "The selected file is not a real PDF file."),
        ("plan.exe", b"MZ\x90\x00", "The selected file must be a"),
        ("plan.pdf", b"", "The selected file is empty"),
        ("../../etc/passwd.pdf", b"<script>alert(1)</script>", "The selected file is not a real PDF file."),
        ("plan.pdf", b"%PDF-1.4\n" + b"0" * MAX_ATTACHMENT_BYTES, "The selected file must be smaller than"),
    ],
)
def test_a_broken_hostile_or_oversized_plan_is_refused_and_nothing_is_saved(
    may_round: Round, login: Any, name: str, data: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = login("harriet").post(section_url("2"), {**PLAN, "q2-1-attachment": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not Answer.objects.filter(ret__round=may_round).exists()
