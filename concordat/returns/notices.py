"""The emails a change to a return sends: one function per action, called from inside that action.

Each queues messages in the action's transaction (concordat.notifications), so a change that rolls
back sends nothing; each message's dedup key names the event and the person.
"""

from typing import Any

from django.urls import reverse

from concordat.accounts.models import SignatoryRole
from concordat.notifications.actions import queue_message
from concordat.notifications.recipients import area_editors, area_signatories, national_team
from concordat.notifications.rendering import site_url
from concordat.returns.models import Return, ReturnState, ReturnVersion, Review

ROLE_LABELS = dict(SignatoryRole.choices)


def _roles(ret: Return) -> list[str]:
    roles = [s["role"] for s in ret.round.questionnaire.signatory_roles]
    return roles or list(SignatoryRole.values)


def _area_kwargs(ret: Return) -> dict[str, Any]:
    return {"round_slug": ret.round.slug, "ons_code": ret.area.ons_code}


def _version_link(version: ReturnVersion, name: str = "returns:version_detail") -> str:
    return site_url(reverse(name, kwargs={**_area_kwargs(version.ret), "number": version.number}))


def _task_list_link(ret: Return) -> str:
    return site_url(reverse("returns:task_list", kwargs=_area_kwargs(ret)))


def _context(ret: Return, **extra: str) -> dict[str, str]:
    return {"area": ret.area.name, "round": ret.round.title, **extra}


def version_submitted(version: ReturnVersion) -> None:
    """Tell each signatory of the area that this version awaits their signature."""
    ret = version.ret
    for person in area_signatories(ret.area, _roles(ret)):
        queue_message(
            person,
            kind="awaiting_signature",
            subject=f"Version {version.number} of {ret.area.name}'s return is waiting for your signature",
            template="returns/email/awaiting_signature.txt",
            context=_context(
                ret, number=str(version.number), submitted_by=str(version.submitted_by or "An editor")
            ),
            dedup_key=f"awaiting_signature:{version.pk}:{person.pk}",
            link=_version_link(version, "returns:version_sign"),
            link_text="Read and sign the return",
        )


def return_changed(ret: Return) -> None:
    """Before a submitted return goes back to draft: its signatories need not sign that version."""
    version = ret.latest_version
    if version is None or ret.state not in (ReturnState.SUBMITTED, ReturnState.SIGNED_OFF):
        return
    for person in area_signatories(ret.area, _roles(ret)):
        queue_message(
            person,
            kind="signature_not_needed",
            subject=f"You no longer need to sign version {version.number} of {ret.area.name}'s return",
            template="returns/email/signature_not_needed.txt",
            context=_context(ret, number=str(version.number)),
            dedup_key=f"signature_not_needed:{version.pk}:{person.pk}",
            link=_task_list_link(ret),
            link_text="See the return",
        )


def query_raised(review: Review) -> None:
    version = review.version
    ret = version.ret
    for person in area_editors(ret.area):
        queue_message(
            person,
            kind="query_raised",
            subject=f"The national team has a query about {ret.area.name}'s return",
            template="returns/email/query_raised.txt",
            context=_context(ret, number=str(version.number), query=review.comment),
            dedup_key=f"query_raised:{review.pk}:{person.pk}",
            link=_version_link(version) + "#answer",
            link_text="Answer the query",
        )


def query_answered(review: Review) -> None:
    version = review.version
    ret = version.ret
    for person in national_team():
        queue_message(
            person,
            kind="query_answered",
            subject=f"{ret.area.name} has answered your query",
            template="returns/email/query_answered.txt",
            context=_context(ret, number=str(version.number), response=review.response),
            dedup_key=f"query_answered:{review.pk}:{person.pk}",
            link=_version_link(version) + "#review",
            link_text="Review the return",
        )


def _tell_area(ret: Return, *, kind: str, subject: str, event: str, extra: dict[str, str]) -> None:
    people = {p.pk: p for p in [*area_editors(ret.area), *area_signatories(ret.area, _roles(ret))]}
    for person in people.values():
        queue_message(
            person,
            kind=kind,
            subject=subject,
            template=f"returns/email/{kind}.txt",
            context=_context(ret, **extra),
            dedup_key=f"{kind}:{event}:{person.pk}",
            link=_task_list_link(ret),
            link_text="See the return",
        )


def return_accepted(review: Review) -> None:
    ret = review.version.ret
    _tell_area(
        ret,
        kind="return_accepted",
        subject=f"{ret.area.name}'s return has been accepted",
        event=str(review.pk),
        extra={"number": str(review.version.number), "comment": review.comment},
    )


def return_reopened(ret: Return, *, reason: str) -> None:
    review = ret.latest_version.reviews.order_by("-id").first() if ret.latest_version else None
    _tell_area(
        ret,
        kind="return_reopened",
        subject=f"{ret.area.name}'s return has been reopened",
        event=str(review.pk if review else ret.pk),
        extra={"reason": reason},
    )


def return_corrected(ret: Return, *, questions: list[str], reason: str, event: str) -> None:
    _tell_area(
        ret,
        kind="return_corrected",
        subject=f"The national team corrected {ret.area.name}'s return",
        event=event,
        extra={"questions": ", ".join(questions), "count": str(len(questions)), "reason": reason},
    )
