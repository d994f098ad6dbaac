"""URL keyword values for the URL x role access test (tests/test_url_access.py)."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from concordat.register import actions
from concordat.register.tests.builders import AS_AT, csv_bytes, person, row_text


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    personas = world["personas"]
    harrow = person("E09000015", personas["rachel"], local_reference="HAR-0001")
    leeds = person("E08000035", personas["luke"], local_reference="LDS-0001", nhs_number="")
    uploads = []
    for who, p in (("rachel", harrow), ("luke", leeds)):
        data = csv_bytes([row_text(local_reference=f"{p.area.ons_code}-2", nhs_number="")])
        file = SimpleUploadedFile("people.csv", data, content_type="text/csv")
        uploads.append(actions.preview_upload(p.area, file, personas[who], as_at=AS_AT))
    actions.take_snapshot(AS_AT, personas["naveen"])
    return {
        "person_id": (harrow.public_id, leeds.public_id),
        "upload_id": (uploads[0].pk, uploads[1].pk),
    }
