"""``Prefer: return=minimal`` on the writes: the new ETag and the questions changed, not the whole draft."""

from typing import Any

import pytest

from concordat.api.tests.helpers import ApiClient, make_token, return_url, whole_return
from concordat.audit.models import AuditEvent
from concordat.returns.models import Answer

MINIMAL = {"Prefer": "return=minimal"}


def _url(rnd: Any, tail: str = "") -> str:
    return return_url(rnd, tail=tail)


@pytest.fixture
def harriet(stocktake: Any, personas: dict[str, Any]) -> ApiClient:
    return ApiClient(make_token(personas["harriet"]))


@pytest.mark.django_db
def test_minimal_put_answers_the_drafts_etag_and_the_questions_changed(
    stocktake: Any, harriet: ApiClient
) -> None:
    response = harriet.call("put", _url(stocktake), whole_return(stocktake), **MINIMAL)
    assert response.status_code == 200, response.content
    assert response["Preference-Applied"] == "return=minimal"
    body = response.json()
    assert set(body) == {"state", "etag", "changed", "latest_version"}
    assert len(body["changed"]) == 61
    assert body["state"] == "in_progress"
    assert body["latest_version"] is None
    # The same ETag as the whole draft's: the next write's If-Match.
    assert response["ETag"] == body["etag"] == harriet.call("get", _url(stocktake))["ETag"]
    whole = whole_return(stocktake)
    whole["answers"]["1.1"]["evidence"] = "Changed since"
    again = harriet.call("put", _url(stocktake), whole, **MINIMAL, **{"If-Match": body["etag"]})
    assert again.status_code == 200, again.content
    assert again.json()["changed"] == ["1.1"]
    assert AuditEvent.objects.filter(verb="answer.saved").count() == 62


@pytest.mark.django_db
def test_without_the_preference_a_write_answers_the_whole_draft(stocktake: Any, harriet: ApiClient) -> None:
    response = harriet.call("put", _url(stocktake), whole_return(stocktake), Prefer="return=representation")
    assert response.status_code == 200
    assert "Preference-Applied" not in response
    assert len(response.json()["answers"]) == 61


@pytest.mark.django_db
def test_a_minimal_patch_on_a_return_never_written_takes_its_empty_drafts_etag(
    stocktake: Any, harriet: ApiClient
) -> None:
    etag = harriet.call("get", _url(stocktake))["ETag"]
    change = {"answers": {"1.1": {"status": "partial", "evidence": "A start"}}}
    headers = {"If-Match": etag, "Prefer": 'respond-async, return="minimal"'}
    response = harriet.call("patch", _url(stocktake, "/answers"), change, **headers)
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == ["1.1"]
    assert response["ETag"] == harriet.call("get", _url(stocktake))["ETag"] != etag
    stale = harriet.call("patch", _url(stocktake, "/answers"), change, **headers)
    assert stale.status_code == 412
    assert Answer.objects.get().evidence == "A start"


@pytest.mark.django_db
def test_a_replayed_minimal_write_answers_as_the_first_did(stocktake: Any, harriet: ApiClient) -> None:
    key = {"Idempotency-Key": "k-minimal"}
    first = harriet.call("put", _url(stocktake), whole_return(stocktake), **MINIMAL, **key)
    events = AuditEvent.objects.count()
    again = harriet.call("put", _url(stocktake), whole_return(stocktake), **key)
    assert again["Idempotent-Replayed"] == "true"
    assert again["Preference-Applied"] == "return=minimal"
    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    assert AuditEvent.objects.count() == events


def test_the_openapi_documents_the_preference_and_its_answer(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    put = schema["paths"]["/api/v1/rounds/{round_slug}/returns/{ons_code}"]["put"]
    assert "Prefer" in [p["name"] for p in put["parameters"]]
    answers = put["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"]
    assert {"$ref": "#/components/schemas/SavedOut"} in answers
    assert set(schema["components"]["schemas"]["SavedOut"]["required"]) == {
        "state",
        "etag",
        "changed",
        "latest_version",
    }
