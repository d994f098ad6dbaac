"""Demo data for commitments: the dataset, two organisation users, a few updates and one publication."""

import datetime
from typing import Any, TextIO

from concordat.accounts.models import User
from concordat.accounts.personas import DEMO_PASSWORD
from concordat.commitments import actions
from concordat.commitments.loader import load_commitments
from concordat.commitments.models import Commitment, Organisation, PublishedUpdate, StatusUpdate

# (username, first name, last name, organisation slug, description)
ORGANISATION_USERS = (
    ("olivia", "Olivia", "Reed", "nhscb", "NHS Commissioning Board (NHS England) officer"),
    ("mark", "Mark", "Bryant", "mencap", "Mencap officer (a voluntary-sector signatory)"),
)
DEMO_UPDATES = (
    ("olivia", "K-NHSCB-01", "2013-04-05", "green", "Every PCT register was in place by 1 April 2013."),
    ("olivia", "A-NHSCB-01", "2013-05-31", "amber", "Guidance drafted; sign-off expected in June."),
    (
        "mark",
        "A-FORUMS-01",
        "2013-05-31",
        "red",
        "Family representatives not yet recruited to the review panels.",
    ),
)
PUBLISHED_AS_AT = datetime.date(2013, 6, 1)


def ensure_organisation_users(password: str = DEMO_PASSWORD) -> dict[str, Any]:
    """Create (or refresh) the organisation users and their memberships. Idempotent."""
    users = {}
    for username, first, last, slug, _ in ORGANISATION_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(password)
            user.save()
        actions.add_organisation_member(user, Organisation.objects.get(slug=slug), acting_user=None)
        users[username] = user
    return users


def load_demo(*, stdout: TextIO) -> None:
    result = load_commitments()
    stdout.write(f"Commitments: {result.created} created, {result.updated} updated.\n")
    users = ensure_organisation_users()
    if not StatusUpdate.objects.exists():
        for username, ref, as_at, status, narrative in DEMO_UPDATES:
            actions.record_status_update(
                Commitment.objects.get(ref=ref),
                as_at=datetime.date.fromisoformat(as_at),
                status=status,
                narrative=narrative,
                evidence_links=["https://www.england.nhs.uk/"] if username == "olivia" else [],
                acting_user=users[username],
            )
    if not PublishedUpdate.objects.exists():
        actions.publish_update(
            PUBLISHED_AS_AT,
            "Concordat progress, June 2013",
            "The first published update on the Concordat commitments.",
            acting_user=User.objects.get(username="nadia"),
        )
    stdout.write(f"Commitments sign-ins (password {DEMO_PASSWORD}):\n")
    for username, first, last, _, description in ORGANISATION_USERS:
        stdout.write(f"  {username:<8} {first} {last} — {description}\n")
