"""Harrow's May 2014 update answered through its section pages, as an area editor does."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.returns import actions
from concordat.returns.demo import MAY_UPDATE_SLUG
from concordat.returns.models import Return, ReturnVersion

HARROW = "E09000015"
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECTION_1 = {"q1-1-value": "Two people move in May; housing holds one back."}
PLAN = {
    "q2-2-value": "yes",
    "q2-3-value-day": "18",
    "q2-3-value-month": "3",
    "q2-3-value-year": "2014",
    "q2-4-value": "HWB 2014/03 item 6",
    "q2-5-value": "agreed",
    "q2-6-value": "A shared crisis team across the council and the CCG.",
}


def section_url(number: str) -> str:
    return f"/returns/rounds/{MAY_UPDATE_SLUG}/areas/{HARROW}/sections/{number}/"


def plan_pdf(name: str = "local-area-plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def answered(editor_client: Any, **plan: str) -> Return:
    """Both sections saved through the pages (the plan uploaded, the HWB's sign-off recorded); ``plan``
    replaces fields of section 2."""
    assert editor_client.post(section_url("1"), SECTION_1).status_code == 302
    data = {**PLAN, **plan, "q2-1-attachment": plan_pdf()}
    assert editor_client.post(section_url("2"), data).status_code == 302
    drafts = Return.objects.select_related("area", "round")
    return drafts.get(round__slug=MAY_UPDATE_SLUG, area__ons_code=HARROW)


def submitted(editor_client: Any, editor: Any, **plan: str) -> ReturnVersion:
    ret = answered(editor_client, **plan)
    ret = actions.save_completed_by(
        ret,
        {"name": "Amanda Dade", "organisation": ret.area.name, "contact": "a@example.org"},
        revision=ret.details_revision,
        acting_user=editor,
    )
    return actions.submit_return(ret, acting_user=editor)
