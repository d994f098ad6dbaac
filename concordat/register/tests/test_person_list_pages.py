"""An area's people list is paged with GOV.UK pagination; a bad page number never fails, and reading a page
logs only the people shown on it."""

from typing import Any

import pytest

from concordat.audit.models import AuditEvent
from concordat.register.tests.builders import person

pytestmark = pytest.mark.django_db
URL = "/register/areas/E09000015/"


@pytest.fixture
def fifty_two_people(personas: dict[str, Any]) -> None:
    for n in range(52):
        person("E09000015", personas["rachel"], local_reference=f"HAR-{n:04d}", nhs_number="")


@pytest.mark.parametrize(
    ("page", "shown"),
    [("1", 1), ("2", 2), ("0", 1), ("-1", 1), ("abc", 1), ("", 1), ("3", 2), ("99999", 2), ("9" * 300, 2)],
)
def test_a_bad_page_number_shows_the_first_or_last_page(
    verified_login: Any, fifty_two_people: None, page: str, shown: int
) -> None:
    client = verified_login("rachel")
    before = AuditEvent.objects.filter(verb="register.person.listed").count()
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == shown
    body = response.content.decode()
    assert "52 people" in body and 'class="govuk-pagination"' in body
    listed = AuditEvent.objects.filter(verb="register.person.listed").count() - before
    assert listed == (50 if shown == 1 else 2)
