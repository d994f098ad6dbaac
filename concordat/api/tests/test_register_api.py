"""The register through the API: the register scope, the officer's own area only, every read audited."""

from typing import Any

import pytest

from concordat.api.tests.helpers import ApiClient, make_token
from concordat.audit.models import AuditEvent
from concordat.register.tests.builders import person


@pytest.mark.django_db
def test_register_officer_reads_own_area_with_register_scope_and_each_read_is_audited(
    personas: dict[str, Any],
) -> None:
    rachel = personas["rachel"]
    harrow = person("E09000015", rachel)
    leeds = person("E08000035", personas["luke"])
    client = ApiClient(make_token(rachel, scope="read", register=True))
    listed = client.call("get", "/api/v1/register/areas/E09000015/people").json()
    assert [p["person_id"] for p in listed["results"]] == [harrow.public_id]
    assert "nhs_number_hash" not in listed["results"][0]
    assert AuditEvent.objects.filter(verb="register.person.listed", object_id=str(harrow.pk)).count() == 1
    one = client.call("get", f"/api/v1/register/areas/E09000015/people/{harrow.public_id}")
    assert one.status_code == 200
    assert AuditEvent.objects.filter(verb="register.person.viewed", object_id=str(harrow.pk)).count() == 1
    assert client.call("get", "/api/v1/register/areas/E08000035/people").status_code == 404
    assert client.call("get", f"/api/v1/register/areas/E09000015/people/{leeds.public_id}").status_code == 404


@pytest.mark.django_db
def test_a_token_without_register_scope_reads_no_one(personas: dict[str, Any]) -> None:
    person("E09000015", personas["rachel"])
    client = ApiClient(make_token(personas["rachel"], scope="read_write"))
    before = AuditEvent.objects.count()
    assert client.call("get", "/api/v1/register/areas/E09000015/people").status_code == 403
    assert AuditEvent.objects.count() == before
