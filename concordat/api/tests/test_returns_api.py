"""Reading and writing a return through the API: the same rules, validation and audit as the pages."""

from typing import Any

import pytest

from concordat.api.tests.helpers import HARROW, ApiClient, make_token, return_url, whole_return
from concordat.audit.models import AuditEvent
from concordat.returns.models import Answer, Return

LEEDS = "E08000035"


@pytest.fixture
def harriet(stocktake: Any, personas: dict[str, Any]) -> ApiClient:
    return ApiClient(make_token(personas["harriet"]))


@pytest.mark.django_db
def test_whole_return_put_saves_every_answer_and_audits_each(stocktake: Any, harriet: ApiClient) -> None:
    response = harriet.call("put", return_url(stocktake), whole_return(stocktake))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["completed_by"]["name"] == "Harriet Example"
    assert len(body["answers"]) == 61
    assert body["answers"]["1.1"]["status"] == "yes"
    assert response["ETag"] == body["etag"]
    assert AuditEvent.objects.filter(verb="answer.saved", area_code=HARROW).count() == 61
    assert AuditEvent.objects.filter(verb="return.details_saved").count() == 1


@pytest.mark.django_db
def test_whole_return_put_with_one_bad_field_writes_nothing_and_names_it(
    stocktake: Any, harriet: ApiClient
) -> None:
    whole = whole_return(stocktake)
    whole["answers"]["2.3"]["status"] = "perhaps"
    response = harriet.call("put", return_url(stocktake), whole)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["answers.2.3.status"]
    assert not Return.objects.filter(area__ons_code=HARROW).exists()
    assert not AuditEvent.objects.filter(verb="answer.saved").exists()


@pytest.mark.django_db
def test_whole_return_put_names_an_unknown_question_and_writes_nothing(
    stocktake: Any, harriet: ApiClient
) -> None:
    whole = whole_return(stocktake)
    whole["answers"]["99.9"] = {"status": "yes", "evidence": "x"}
    response = harriet.call("put", return_url(stocktake), whole)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "answers.99.9", "message": "There is no question 99.9 in this questionnaire."}
    ]
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_whole_return_put_refuses_evidence_over_the_forms_limit(stocktake: Any, harriet: ApiClient) -> None:
    whole = whole_return(stocktake)
    whole["answers"]["1.2"]["evidence"] = "x" * 20_001
    response = harriet.call("put", return_url(stocktake), whole)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["answers.1.2.evidence"]
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_a_repeated_idempotency_key_replays_without_writing_again(stocktake: Any, harriet: ApiClient) -> None:
    first = harriet.call("put", return_url(stocktake), whole_return(stocktake), **{"Idempotency-Key": "k-1"})
    events = AuditEvent.objects.count()
    again = harriet.call("put", return_url(stocktake), whole_return(stocktake), **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert AuditEvent.objects.count() == events
    other = harriet.call(
        "put", return_url(stocktake), whole_return(stocktake, "Other"), **{"Idempotency-Key": "k-1"}
    )
    assert other.status_code == 422
    assert Answer.objects.filter(evidence__startswith="Other").count() == 0


@pytest.mark.django_db
def test_stale_if_match_gets_412_with_the_other_change_and_overwrites_nothing(
    stocktake: Any, personas: dict[str, Any], harriet: ApiClient
) -> None:
    etag = harriet.call("put", return_url(stocktake), whole_return(stocktake))["ETag"]
    hamid = ApiClient(make_token(personas["hamid"]))
    change = {"answers": {"1.1": {"status": "partial", "evidence": "Hamid's change"}}}
    first = hamid.call("patch", return_url(stocktake, tail="/answers"), change, **{"If-Match": etag})
    assert first.status_code == 200, first.content
    late = {"answers": {"1.1": {"status": "no", "evidence": "Harriet's late change"}}}
    response = harriet.call("patch", return_url(stocktake, tail="/answers"), late, **{"If-Match": etag})
    assert response.status_code == 412
    body = response.json()
    assert body["changed"]["1.1"]["evidence"] == "Hamid's change"
    assert body["changed"]["1.1"]["updated_by"] == str(personas["hamid"])
    assert response["ETag"] == first["ETag"]
    assert Answer.objects.get(question__number="1.1").evidence == "Hamid's change"


@pytest.mark.django_db
def test_a_stale_if_match_on_a_return_never_written_gets_412_and_creates_nothing(
    stocktake: Any, harriet: ApiClient
) -> None:
    empty = harriet.call("get", return_url(stocktake))
    response = harriet.call("put", return_url(stocktake), whole_return(stocktake), **{"If-Match": '"other"'})
    assert response.status_code == 412
    assert response["ETag"] == empty["ETag"] and response.json()["current"]["answers"] == {}
    assert not Return.objects.filter(round=stocktake).exists()
    assert not AuditEvent.objects.filter(verb="answer.saved").exists()


@pytest.mark.django_db
def test_patch_without_if_match_is_refused(stocktake: Any, harriet: ApiClient) -> None:
    response = harriet.call(
        "patch", return_url(stocktake, tail="/answers"), {"answers": {"1.1": {"status": "yes"}}}
    )
    assert response.status_code == 428
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_read_only_token_cannot_write(stocktake: Any, personas: dict[str, Any]) -> None:
    reader = ApiClient(make_token(personas["harriet"], scope="read"))
    assert reader.call("get", return_url(stocktake)).status_code == 200
    assert reader.call("put", return_url(stocktake), whole_return(stocktake)).status_code == 403
    assert reader.call("post", return_url(stocktake, tail="/submit")).status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_submit_freezes_a_version_with_its_hash(stocktake: Any, harriet: ApiClient) -> None:
    incomplete = harriet.call("post", return_url(stocktake, tail="/submit"))
    assert incomplete.status_code == 422
    assert "Question 1.1" in incomplete.json()["errors"][0]["message"]
    harriet.call("put", return_url(stocktake), whole_return(stocktake))
    response = harriet.call("post", return_url(stocktake, tail="/submit"))
    assert response.status_code == 201, response.content
    version = response.json()
    assert version["number"] == 1
    assert len(version["content_hash"]) == 64
    detail = harriet.call("get", return_url(stocktake, tail="/versions/1")).json()
    assert detail["content"]["answers"]["1.1"]["evidence"] == "Evidence 1.1"
    assert detail["content_hash"] == version["content_hash"]
    assert AuditEvent.objects.filter(verb="return.submitted", area_code=HARROW).count() == 1


@pytest.mark.django_db
def test_another_areas_return_is_not_found(stocktake: Any, harriet: ApiClient) -> None:
    assert harriet.call("get", return_url(stocktake, LEEDS)).status_code == 404
    assert harriet.call("put", return_url(stocktake, LEEDS), whole_return(stocktake)).status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_the_returns_csv_is_for_the_national_team_and_regional_leads(
    stocktake: Any, personas: dict[str, Any], harriet: ApiClient
) -> None:
    from concordat.returns.tests.builders import submitted_return

    submitted_return(stocktake, HARROW, personas["harriet"])
    submitted_return(stocktake, LEEDS, personas["leo"])
    url = f"/api/v1/rounds/{stocktake.slug}/returns.csv"
    national = ApiClient(make_token(personas["nadia"])).call("get", url)
    assert national.status_code == 200 and national["Content-Type"].startswith("text/csv")
    assert b"".join(national.streaming_content).decode().count("\n") == 3  # the header and two returns
    london = b"".join(ApiClient(make_token(personas["lena"])).call("get", url).streaming_content).decode()
    assert HARROW in london and LEEDS not in london
    assert harriet.call("get", url).status_code == 403
