"""Who may record progress on which commitment. The only way views fetch commitments for writing.

Rules (docs/decisions/0302-commitments-app.md):

* Any signed-in user may read every commitment and its history.
* A user may record a status update on a commitment when they are a member of an organisation that owns it,
  directly or through a group the organisation belongs to (a Mencap officer updates the "forums and voluntary
  sector" and "all signatories" commitments), or when they are in the national team.
* A user who is a member of an organisation may record a challenge on a commitment their organisation does not
  own (the national team challenges through the Programme Board, not here).
* The risk log and the list of publications are the national team's; the latest publication is public.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from concordat.accounts.access import is_national
from concordat.accounts.models import User
from concordat.commitments.models import (
    Challenge,
    Commitment,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    PublishedUpdate,
    Risk,
    StatusUpdate,
)


def user_organisations(user: User) -> list[Organisation]:
    """The organisations the user works for (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached: list[Organisation] | None = getattr(user, "_concordat_organisations", None)
    if cached is None:
        cached = [
            m.organisation
            for m in OrganisationMembership.objects.filter(user=user)
            .select_related("organisation")
            .exclude(organisation__kind=OrganisationKind.GROUP)
        ]
        vars(user)["_concordat_organisations"] = (
            cached  # an instance attribute the User model does not declare
        )
    return cached


def _owner_ids(commitment: Commitment) -> set[int]:
    return set(commitment.owners.values_list("pk", flat=True))


def acting_organisations(user: User, commitment: Commitment) -> list[Organisation]:
    """The user's organisations that own the commitment, directly or through one of their groups."""
    owners = _owner_ids(commitment)
    result = []
    for organisation in user_organisations(user):
        groups = set(organisation.groups.values_list("pk", flat=True))
        if organisation.pk in owners or groups & owners:
            result.append(organisation)
    return result


def can_update(user: User, commitment: Commitment) -> bool:
    return is_national(user) or bool(acting_organisations(user, commitment))


def challenging_organisations(user: User, commitment: Commitment) -> list[Organisation]:
    """The user's organisations that may challenge the commitment: those that do not own it."""
    owning = {o.pk for o in acting_organisations(user, commitment)}
    return [o for o in user_organisations(user) if o.pk not in owning]


def can_challenge(user: User, commitment: Commitment) -> bool:
    return bool(challenging_organisations(user, commitment))


def _require_signed_in(user: User) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied


def _require_national(user: User) -> None:
    if not is_national(user):
        raise PermissionDenied


def get_commitment(ref: str) -> Commitment:
    commitment = Commitment.objects.select_related("theme").prefetch_related("owners").filter(ref=ref).first()
    if commitment is None:
        raise Http404
    return commitment


def get_commitment_for_user(user: User, ref: str, *, write: bool = False) -> Commitment:
    """Any signed-in user may read a commitment; ``write`` also needs :func:`can_update`."""
    _require_signed_in(user)
    commitment = get_commitment(ref)
    if write and not can_update(user, commitment):
        raise PermissionDenied
    return commitment


def risks_for_user(user: User) -> QuerySet[Risk]:
    """The Programme Board's risk log, with owners and linked commitments: the national team's only."""
    _require_national(user)
    return Risk.objects.select_related("owner").prefetch_related("commitments")


def get_risk_for_user(user: User, risk_id: int) -> Risk:
    _require_national(user)
    return get_object_or_404(Risk.objects.select_related("owner"), pk=risk_id)


def get_status_update_for_user(user: User, commitment: Commitment, update_id: int) -> StatusUpdate:
    """One update of a commitment the user may read (see :func:`get_commitment_for_user`)."""
    _require_signed_in(user)
    return get_object_or_404(StatusUpdate, pk=update_id, commitment=commitment)


def updates_for_user(user: User, commitment: Commitment) -> QuerySet[StatusUpdate]:
    """The commitment's history of status updates, newest first, with who made each."""
    _require_signed_in(user)
    return commitment.updates.select_related("author", "organisation").order_by(
        "-as_at", "-created_at", "-id"
    )


def challenges_for_user(user: User, commitment: Commitment) -> QuerySet[Challenge]:
    _require_signed_in(user)
    return commitment.challenges.select_related("author", "organisation")


def commitment_risks_for_user(user: User, commitment: Commitment) -> QuerySet[Risk]:
    """The risks linked to the commitment, shown with it to every signed-in user."""
    _require_signed_in(user)
    return commitment.risks.select_related("owner")


def publications_for_user(user: User, *, limit: int = 10) -> QuerySet[PublishedUpdate]:
    """The most recent publications, with who published each: the national team's only."""
    _require_national(user)
    return PublishedUpdate.objects.select_related("created_by")[:limit]


def latest_publication() -> PublishedUpdate | None:
    """The publication the public pages show; no sign-in needed, as it was published deliberately."""
    return PublishedUpdate.objects.order_by("-published_at", "-id").first()


# The national team keeps each signatory organisation's list of people.


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    """Organisations people can belong to (not groups), for the national team."""
    _require_national(user)
    return Organisation.objects.exclude(kind=OrganisationKind.GROUP).order_by("name")


def get_organisation_for_user(user: User, slug: str) -> Organisation:
    _require_national(user)
    return get_object_or_404(Organisation.objects.exclude(kind=OrganisationKind.GROUP), slug=slug)


def organisation_members_for_user(user: User, organisation: Organisation) -> QuerySet[OrganisationMembership]:
    _require_national(user)
    return organisation.memberships.select_related("user").order_by("user__last_name", "user__first_name")
