"""URL keyword values for the URL x role access test (tests/test_url_access.py)."""

from typing import Any

from concordat.imports.models import DocumentUpload, ImportedDocument
from concordat.returns.models import Return

EMPTY_READING: dict[str, Any] = {"questions": {}, "completed_by": {}, "signatures": {}, "warnings": []}


def _document(world: dict[str, Any], ons_code: str, uploader: str, text: str) -> ImportedDocument:
    ret = Return.objects.get(round=world["round"], area__ons_code=ons_code)
    return ImportedDocument.objects.create(
        ret=ret,
        original_name=f"{ons_code}.txt",
        sha256=ons_code.lower().rjust(64, "0"),
        size=len(text),
        format="text",
        reading=EMPTY_READING,
        source_text=text,
        uploaded_by=world["personas"][uploader],
    )


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    harrow = _document(world, "E09000015", "harriet", "Harrow's return")
    leeds = _document(world, "E08000035", "leo", "Leeds's return")
    harrow_upload, leeds_upload = (
        DocumentUpload.objects.create(
            round=d.ret.round,
            area=d.ret.area,
            original_name=d.original_name,
            sha256=d.sha256,
            size=d.size,
            uploaded_by=d.uploaded_by,
        ).pk
        for d in (harrow, leeds)
    )
    return {"document_id": (harrow.pk, leeds.pk), "document_upload_id": (harrow_upload, leeds_upload)}
