"""The May 2014 update's person-by-person part: filled from the register as at the round's date, shown on
Harrow's draft to its register officers only, edited only in the register, and never in a public view."""

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from concordat.accounts.models import Membership, Role
from concordat.areas.models import Area
from concordat.audit.models import AuditEvent
from concordat.register import actions
from concordat.register.models import Person
from concordat.register.template.validation import validate_rows
from concordat.register.tests.builders import row_text
from concordat.returns import actions as returns_actions
from concordat.returns.demo import MAY_UPDATE_SLUG, ensure_round
from concordat.returns.models import ReturnVersion, Round
from concordat.returns.tests.may_update import submitted

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
SECTION_1 = f"/returns/rounds/{MAY_UPDATE_SLUG}/areas/{HARROW}/sections/1/"


def _person(user: Any, **overrides: str) -> Person:
    """A Harrow person whose facts may be dated up to the end of June 2014 (after the round's date)."""
    raw = {**row_text(nhs_number="", **overrides), "__row__": "2"}
    result = validate_rows([raw], area_code=HARROW, as_at=date(2014, 6, 30))
    assert result.ok, result.errors
    return actions.create_person(Area.objects.get(ons_code=HARROW), result.rows[0], acting_user=user)


@pytest.fixture
def may_round(personas: dict[str, Any]) -> Round:
    return ensure_round(MAY_UPDATE_SLUG, personas["nadia"])


@pytest.fixture
def harrow_people(personas: dict[str, Any]) -> dict[str, Person]:
    rachel = personas["rachel"]
    return {
        "due": _person(rachel, local_reference="HAR-DUE", planned_transfer_date="15/05/2014"),
        # Discharged on 20 May, after the round's date of 5 May: as at that date still due, not discharged.
        "out_later": _person(
            rachel,
            local_reference="HAR-OUT-LATER",
            planned_transfer_date="15/05/2014",
            actual_discharge_date="20/05/2014",
        ),
        "not_due": _person(
            rachel,
            local_reference="HAR-NOT-DUE",
            planned_transfer_date="",
            discharge_destination="",
            reason_no_plan="HOUSING",
            estimated_discharge_date="30/09/2014",
        ),
        # Admitted and put on the register after the round's date: not on the register as at that date.
        "added_later": _person(
            rachel,
            local_reference="HAR-ADDED-LATER",
            admission_date="12/05/2014",
            on_register_since="12/05/2014",
            care_review_date="",
            care_review_outcome="",
            health_check_date="",
            planned_transfer_date="01/08/2014",
        ),
    }


def _editor_with_register_role(personas: dict[str, Any]) -> Any:
    harriet = personas["harriet"]
    harrow = Area.objects.get(ons_code=HARROW)
    Membership.objects.create(user=harriet, role=Role.REGISTER_OFFICER, area=harrow)
    return harriet


def test_harrows_may_draft_shows_its_register_people_as_at_the_round_date(
    may_round: Round, harrow_people: dict[str, Person], personas: dict[str, Any], verified_login: Any
) -> None:
    _editor_with_register_role(personas)
    page = verified_login("harriet").get(SECTION_1).content.decode()
    assert "People, person by person, as at 5 May 2014" in page
    due_table = page.split('id="people-due"')[1].split("</table>")[0]
    not_due_table = page.split('id="people-not-due"')[1].split("</table>")[0]
    assert "HAR-DUE" in due_table and "HAR-OUT-LATER" in due_table
    assert "Will be discharged by 1 June 2014" in due_table and "Supported living" in due_table
    assert "HAR-NOT-DUE" in not_due_table and "30/09/2014" in not_due_table
    assert "HAR-ADDED-LATER" not in page
    assert f"/register/areas/{HARROW}/people/{harrow_people['due'].public_id}/edit/" in page


def test_showing_the_people_on_the_draft_audits_each_read(
    may_round: Round, harrow_people: dict[str, Person], personas: dict[str, Any], verified_login: Any
) -> None:
    harriet = _editor_with_register_role(personas)
    verified_login("harriet").get(SECTION_1)
    read = AuditEvent.objects.filter(actor=harriet, verb="register.person.listed")
    assert read.count() == 3


def test_an_editor_without_the_register_role_sees_only_that_the_register_team_fills_it(
    may_round: Round, harrow_people: dict[str, Person], login: Any
) -> None:
    page = login("harriet").get(SECTION_1).content.decode()
    assert "filled from Harrow\N{RIGHT SINGLE QUOTATION MARK}s register by the area" in page
    assert "Only the area\N{RIGHT SINGLE QUOTATION MARK}s register officers see the people" in page
    for p in harrow_people.values():
        assert p.public_id not in page and p.local_reference not in page


def test_an_editor_without_the_register_role_cannot_change_a_person(
    may_round: Round, harrow_people: dict[str, Person], login: Any
) -> None:
    person = harrow_people["due"]
    url = f"/register/areas/{HARROW}/people/{person.public_id}/edit/"
    client = login("harriet")
    assert client.get(url).status_code == 404  # the register neither confirms nor shows the person
    assert client.post(url, {"local_reference": "HIJACKED"}).status_code == 404
    person.refresh_from_db()
    assert person.local_reference == "HAR-DUE" and person.revision == 1


def test_no_public_page_or_open_data_of_the_published_update_shows_a_person(
    may_round: Round, harrow_people: dict[str, Person], personas: dict[str, Any], login: Any, client: Any
) -> None:
    version = submitted(login("harriet"), personas["harriet"])
    for username, role in (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg")):
        returns_actions.sign_version(
            version, role, seen_hash=version.content_hash, acting_user=personas[username]
        )
    nadia = personas["nadia"]
    returns_actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=nadia)
    today = timezone.localdate()
    returns_actions.publish_round(may_round, embargo_until=today, as_at=today, acting_user=nadia)
    client.logout()
    whole_return = client.get(f"/published/{MAY_UPDATE_SLUG}/areas/{HARROW}/")
    assert whole_return.status_code == 200 and "2. Local area plan" in whole_return.content.decode()
    public = [
        repr(ReturnVersion.objects.get(pk=version.pk).content),
        whole_return.content.decode(),
        client.get(f"/published/{MAY_UPDATE_SLUG}/").content.decode(),
        client.get(f"/areas/{HARROW}/").content.decode(),
        client.get(f"/areas/{HARROW}/easy-read/").content.decode(),
        client.get(f"/api/v1/open/rounds/{MAY_UPDATE_SLUG}/areas.json").content.decode(),
        client.get(f"/api/v1/open/rounds/{MAY_UPDATE_SLUG}/areas.csv").content.decode(),
    ]
    for p in harrow_people.values():
        for page in public:
            assert p.public_id not in page and p.local_reference not in page


def test_the_national_team_sees_the_register_part_as_figures_only(
    may_round: Round, harrow_people: dict[str, Person], personas: dict[str, Any], login: Any
) -> None:
    version = submitted(login("harriet"), personas["harriet"])
    page = login("nadia").get(f"/returns/rounds/{MAY_UPDATE_SLUG}/areas/{HARROW}/versions/{version.number}/")
    html = page.content.decode()
    # Three people as at 5 May 2014: two due, one not; counts from 1 to 7 are hidden (disclosure control).
    assert "due to be discharged by 1 June 2014, *; will not be, *." in html
    for p in harrow_people.values():
        assert p.public_id not in html and p.local_reference not in html
    assert not AuditEvent.objects.filter(actor=personas["nadia"], verb="register.person.listed").exists()


def test_the_register_officer_sees_the_list_on_the_registers_own_may_page(
    may_round: Round, harrow_people: dict[str, Person], verified_login: Any
) -> None:
    page = verified_login("rachel").get(f"/register/areas/{HARROW}/may-2014-update/").content.decode()
    assert "as at 5 May 2014" in page
    assert "HAR-DUE" in page and "HAR-OUT-LATER" in page
    assert "HAR-ADDED-LATER" not in page
    listed = AuditEvent.objects.filter(verb="register.person.listed", data__how="May 2014 update")
    assert listed.count() == len(
        [p for p in harrow_people.values() if p.local_reference != "HAR-ADDED-LATER"]
    )


def test_the_registers_may_page_says_when_no_round_is_open(verified_login: Any) -> None:
    page = verified_login("rachel").get(f"/register/areas/{HARROW}/may-2014-update/").content.decode()
    assert "has not opened a May 2014 update round" in page
