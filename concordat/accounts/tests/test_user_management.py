from typing import Any

import pytest

from concordat.accounts.models import Membership, User
from concordat.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW = {
    "username": "priya",
    "first_name": "Priya",
    "last_name": "Nair",
    "email": "priya@example.org",
}


def test_the_national_team_adds_an_account_and_gives_it_a_scoped_role(
    privileged_login: Any, login: Any
) -> None:
    client = privileged_login("nadia")
    response = client.post("/account/users/new/", NEW)
    user = User.objects.get(username="priya")
    assert response["Location"] == f"/account/users/{user.pk}/"
    # No temporary password: she chooses her own from the invitation (concordat/notifications/tests).
    assert not user.has_usable_password()
    client.post(f"/account/users/{user.pk}/", {"role": "area_editor", "area": "E09000015"})
    membership = Membership.objects.get(user=user)
    assert membership.area is not None
    assert (membership.role, membership.area.ons_code) == ("area_editor", "E09000015")
    assert list(
        AuditEvent.objects.filter(object_id=str(user.pk)).values_list("verb", flat=True).order_by("id")
    ) == ["account.created", "account.role_added"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "Priya Nair"}, "The username can only have lower case letters"),
        ({"username": "harriet"}, "That username is already taken"),
        ({"email": "not-an-email"}, "Enter an email address like name@example.org"),
    ],
)
def test_a_bad_account_is_refused(
    privileged_login: Any, login: Any, changes: dict[str, str], message: str
) -> None:
    response = privileged_login("nadia").post("/account/users/new/", {**NEW, **changes})
    assert message in response.content.decode()
    assert not User.objects.filter(email="priya@example.org").exists()


def test_a_role_needs_its_scope(privileged_login: Any, login: Any, personas: dict[str, Any]) -> None:
    leo = personas["leo"]
    page = privileged_login("nadia").post(
        f"/account/users/{leo.pk}/", {"role": "area_signatory", "area": "E08000035"}
    )
    assert "Select who this person signs as" in page.content.decode()
    assert leo.memberships.count() == 1


def test_a_closed_account_cannot_sign_in(
    privileged_login: Any, login: Any, personas: dict[str, Any], client: Any
) -> None:
    from concordat.accounts.personas import DEMO_PASSWORD

    privileged_login("nadia").post(f"/account/users/{personas['leo'].pk}/active/", {"active": "no"})
    client.logout()
    response = client.post("/account/sign-in/", {"username": "leo", "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session and response.status_code == 200


def test_removing_a_role_takes_away_access(
    privileged_login: Any, login: Any, personas: dict[str, Any], stocktake: Any
) -> None:
    harriet = personas["harriet"]
    membership = harriet.memberships.get()
    privileged_login("nadia").post(f"/account/users/{harriet.pk}/roles/{membership.pk}/remove/")
    assert not harriet.memberships.exists()
    assert login("harriet").get(f"/returns/rounds/{stocktake.slug}/areas/E09000015/").status_code == 404


def test_anyone_signed_in_can_change_their_password(login: Any, personas: dict[str, Any]) -> None:
    from concordat.accounts.personas import DEMO_PASSWORD

    client = login("hannah")
    client.post(
        "/account/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    personas["hannah"].refresh_from_db()
    assert personas["hannah"].check_password("a-new-long-passphrase")
