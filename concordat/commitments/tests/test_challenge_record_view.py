"""Another organisation's user comments on or challenges a commitment; it shows with the history."""

from collections.abc import Callable
from typing import Any

import pytest

from concordat.commitments.models import Challenge

pytestmark = pytest.mark.django_db
URL = "/commitments/K-NHSCB-01/challenge/"


def test_another_organisations_user_records_a_challenge(login: Callable[..., Any], org_users: Any) -> None:
    client = login("mark")
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"text": "Families say registers miss people in <b>private</b> hospitals."})
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert (challenge.organisation.slug, challenge.author.username) == ("mencap", "mark")
    page = login("olivia").get("/commitments/K-NHSCB-01/").content.decode()
    assert "Families say registers miss people in &lt;b&gt;private&lt;/b&gt; hospitals." in page


def test_the_owner_cannot_challenge_its_own_commitment(login: Callable[..., Any], org_users: Any) -> None:
    client = login("olivia")
    assert client.get(URL).status_code == 302
    assert client.post(URL, {"text": "x"}).status_code == 403
    assert not Challenge.objects.exists()


def test_users_without_an_organisation_cannot_challenge(login: Callable[..., Any], org_users: Any) -> None:
    assert login("leo").post(URL, {"text": "x"}).status_code == 403
    assert not Challenge.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"), [("", "Enter your comment"), ("x" * 3001, "characters or fewer")]
)
def test_bad_challenges_are_refused(
    login: Callable[..., Any], org_users: Any, text: str, message: str
) -> None:
    response = login("mark").post(URL, {"text": text})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Challenge.objects.exists()
