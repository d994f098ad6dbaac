"""The emails about commitments: a challenge to an organisation's commitment, and an update falling due.

The people told are those who may record progress on the commitment (``access``): members of an owning
organisation, directly or through a group it belongs to.
"""

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse

from concordat.commitments.models import Challenge, Commitment, OrganisationKind, OrganisationMembership
from concordat.commitments.status import statuses_as_at
from concordat.notifications.actions import queue_message
from concordat.notifications.rendering import site_url

DUE_SOON = datetime.timedelta(days=14)


def owning_people(commitment: Commitment) -> list[Any]:
    owners = list(commitment.owners.values_list("pk", flat=True))
    memberships = (
        OrganisationMembership.objects.filter(Q(organisation__in=owners) | Q(organisation__groups__in=owners))
        .exclude(organisation__kind=OrganisationKind.GROUP)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    return list({m.user_id: m.user for m in memberships}.values())


def _link(commitment: Commitment, name: str = "commitments:commitment_detail") -> str:
    return site_url(reverse(name, kwargs={"commitment_ref": commitment.ref}))


def challenge_recorded(challenge: Challenge) -> None:
    commitment = challenge.commitment
    for person in owning_people(commitment):
        if person.pk == challenge.author_id:
            continue
        queue_message(
            person,
            kind="challenge",
            subject=f"{challenge.organisation.name} has challenged commitment {commitment.ref}",
            template="commitments/email/challenge.txt",
            context={"ref": commitment.ref, "by": challenge.organisation.name, "text": challenge.text},
            dedup_key=f"challenge:{challenge.pk}:{person.pk}",
            link=_link(commitment),
            link_text="See the commitment and the challenge",
        )


def updates_due(as_at: datetime.date, *, dry_run: bool = False) -> list[str]:
    """Tell owners once when an unfinished commitment is due within 14 days, and once when it is overdue."""
    told = []
    for row in statuses_as_at(as_at):
        window = row.commitment.window
        if row.completed or window.end is None or window.kind not in ("due", "window"):
            continue
        if row.overdue:
            step = "overdue"
        elif window.end - as_at <= DUE_SOON:
            step = "due-soon"
        else:
            continue
        for person in owning_people(row.commitment):
            told.append(f"{person.get_username()}: update due on {row.commitment.ref} ({step})")
            if not dry_run:
                _queue_update_due(person, row.commitment, window.end, step)
    return told


def _queue_update_due(person: Any, commitment: Commitment, due: datetime.date, step: str) -> None:
    when = f"{due:%d %B %Y}".lstrip("0")
    subject = (
        f"Commitment {commitment.ref} was due by {when}: record an update"
        if step == "overdue"
        else f"Commitment {commitment.ref} is due by {when}: record an update"
    )
    queue_message(
        person,
        kind="update_due",
        subject=subject,
        template="commitments/email/update_due.txt",
        context={
            "ref": commitment.ref,
            "text": commitment.text[:500],
            "due": when,
            "overdue": str(step == "overdue"),
        },
        dedup_key=f"update_due:{commitment.ref}:{due.isoformat()}:{step}:{person.pk}",
        link=_link(commitment, "commitments:update_record"),
        link_text="Record a status update",
    )
