"""The only way views fetch imported documents: through the return they belong to."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from concordat.accounts.models import User
from concordat.imports.models import DocumentUpload, ImportedDocument
from concordat.returns import access as returns_access
from concordat.returns.models import Return


def documents_of_return(ret: Return) -> QuerySet[ImportedDocument]:
    """The documents uploaded to ``ret`` (a return fetched through ``returns.access``)."""
    return ImportedDocument.objects.filter(ret_id=ret.pk).select_related("uploaded_by")


def get_document_for_user(
    user: User, round_slug: str, ons_code: str, document_id: int, *, write: bool = False
) -> ImportedDocument:
    ret = returns_access.get_return_for_user(user, round_slug, ons_code, write=write)
    if ret.pk is None:
        raise Http404
    return get_object_or_404(
        ImportedDocument.objects.select_related(
            "ret__round__questionnaire", "ret__area", "uploaded_by", "confirmed_by"
        ),
        pk=document_id,
        ret_id=ret.pk,
    )


def get_upload_for_user(
    user: User, round_slug: str, ons_code: str, upload_id: int, *, write: bool = False
) -> DocumentUpload:
    """An upload waiting to be read (or just read), through its return."""
    ret = returns_access.get_return_for_user(user, round_slug, ons_code, write=write)
    return get_object_or_404(
        DocumentUpload.objects.select_related("round", "area", "document"),
        pk=upload_id,
        round_id=ret.round_id,
        area_id=ret.area_id,
    )
