"""Pages anyone can read: the latest published update, by signatory and by theme. Nothing unpublished."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from concordat.accounts.decorators import public
from concordat.commitments.access import latest_publication
from concordat.commitments.models import (
    Commitment,
    Organisation,
    OrganisationKind,
    PublishedUpdate,
    Theme,
)
from concordat.commitments.status import commitments_with_owners, owned_commitments


def published_rows(
    publication: PublishedUpdate | None, commitments: Any
) -> list[tuple[Commitment, dict[str, Any]]]:
    """Each commitment with its entry in the publication's frozen snapshot (empty when not in it)."""
    entries = publication.snapshot.get("commitments", {}) if publication else {}
    return [(c, entries.get(c.ref, {})) for c in commitments]


@public
def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "commitments/public_index.html",
        {
            "publication": latest_publication(),
            "signatories": Organisation.objects.filter(kind=OrganisationKind.SIGNATORY).order_by("name"),
            "themes": Theme.objects.all(),
        },
    )


@public
def public_organisation(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    if organisation.kind != OrganisationKind.SIGNATORY:
        raise Http404
    publication = latest_publication()
    return render(
        request,
        "commitments/public_organisation.html",
        {
            "organisation": organisation,
            "publication": publication,
            "rows": published_rows(publication, owned_commitments(organisation)),
        },
    )


@public
def public_theme(request: HttpRequest, theme_slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=theme_slug)
    publication = latest_publication()
    return render(
        request,
        "commitments/public_theme.html",
        {
            "theme": theme,
            "publication": publication,
            "rows": published_rows(publication, commitments_with_owners().filter(theme=theme)),
        },
    )
