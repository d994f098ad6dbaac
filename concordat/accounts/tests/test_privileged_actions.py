"""The national team's password alone no longer reaches every person's record (issue 11).

The escalation chain — create an account, give it a national register role, give one to oneself, enrol its
authenticator, read any area's people — is refused at each step; a register role needs a second national
user who holds register access; authenticators are set up only from a link emailed to their holder."""

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from concordat.accounts import enrolment, two_factor
from concordat.accounts.models import GrantState, Membership, Role, RoleGrant, User
from concordat.audit.models import AuditEvent
from concordat.notifications.models import Message

pytestmark = pytest.mark.django_db
NEW = {"username": "priya", "first_name": "Priya", "last_name": "Nair", "email": "priya@example.org"}
TEMPORARY = "a-long-temporary-passphrase"
CHOSEN = "my-own-chosen-passphrase-42"
NATIONAL_REGISTER_ROLE = {"role": "register_officer", "area": ""}


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _verbs(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(user.pk)).order_by("id").values_list("verb", flat=True)
    )


def _signed_in_as(username: str, password: str) -> Client:
    client = Client()
    assert client.post("/account/sign-in/", {"username": username, "password": password}).status_code == 302
    return client


def test_with_a_password_alone_the_national_team_cannot_reach_any_account_page(
    login: Any, personas: dict[str, Any]
) -> None:
    nadia = login("nadia")
    harriet = personas["harriet"]
    for url in ("/account/users/", "/account/users/new/", f"/account/users/{harriet.pk}/"):
        response = nadia.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/account/two-factor/?next={url}")
    events = AuditEvent.objects.count()
    assert nadia.post("/account/users/new/", NEW).status_code == 302
    assert nadia.post(f"/account/users/{harriet.pk}/", NATIONAL_REGISTER_ROLE).status_code == 302
    assert not User.objects.filter(username="priya").exists()
    assert not harriet.memberships.filter(role=Role.REGISTER_OFFICER).exists()
    assert AuditEvent.objects.count() == events


def test_the_escalation_chain_is_refused_at_each_step(
    privileged_login: Any, personas: dict[str, Any]
) -> None:
    nadia = privileged_login("nadia")
    # 1. With a code just entered she may create an account (audited, invited by email) ...
    nadia.post("/account/users/new/", NEW)
    priya = User.objects.get(username="priya")
    # 2. ... but a national register role for it is only a request, waiting for a second person.
    page = nadia.post(f"/account/users/{priya.pk}/", NATIONAL_REGISTER_ROLE, follow=True).content.decode()
    assert "waiting for approval by a national user who holds register access" in page
    assert not priya.memberships.exists()
    grant = RoleGrant.objects.get(user=priya)
    assert (grant.state, grant.area, grant.requested_by) == (GrantState.PENDING, None, personas["nadia"])
    # She cannot approve it herself: the approval pages are not hers.
    assert nadia.post(f"/account/role-requests/{grant.pk}/", {"decision": "approve"}).status_code == 403
    assert nadia.get("/account/role-requests/").status_code == 403
    # 3. Giving herself a role is refused, register or not.
    for role in (NATIONAL_REGISTER_ROLE, {"role": "viewer", "area": "E09000015"}):
        page = nadia.post(f"/account/users/{personas['nadia'].pk}/", role).content.decode()
        assert "You cannot give yourself a role" in page
    assert list(personas["nadia"].memberships.values_list("role", flat=True)) == [Role.NATIONAL_TEAM]
    assert not RoleGrant.objects.filter(user=personas["nadia"]).exists()
    # 4. Enrolling its authenticator: she can sign in as Priya with a temporary password, but the two-factor
    # page shows no secret; it only emails Priya a link, and no link of Nadia's works for Priya.
    nadia.post(f"/account/users/{priya.pk}/password/reset/", {"password": TEMPORARY})
    as_priya = _signed_in_as("priya", TEMPORARY)
    as_priya.post(
        "/account/password/", {"old_password": TEMPORARY, "new_password1": CHOSEN, "new_password2": CHOSEN}
    )
    page = as_priya.get("/account/two-factor/").content.decode()
    assert "<svg" not in page and "Key:" not in page
    as_priya.post("/account/two-factor/")
    [link_email] = Message.objects.filter(kind="two_factor_enrolment")
    assert (link_email.recipient, link_email.address) == (priya, "priya@example.org")
    TOTPDevice.objects.create(user=personas["nadia"], name="spare", confirmed=False)
    for token in (enrolment.make_token(personas["nadia"]), "c0ffee-0123456789abcdef", "x"):
        page = as_priya.get(f"/account/two-factor/set-up/{token}/").content.decode()
        assert "This link does not work" in page and "<svg" not in page
    assert not TOTPDevice.objects.filter(user=priya, confirmed=True).exists()
    # 5. Reading any area's people: Priya has no register role, so no register page answers her.
    assert as_priya.get("/register/").status_code == 403
    assert as_priya.get("/register/areas/E09000015/").status_code == 404


def test_a_second_national_user_with_register_access_approves_and_the_register_is_told(
    privileged_login: Any, personas: dict[str, Any]
) -> None:
    harriet = personas["harriet"]
    privileged_login("nadia").post(
        f"/account/users/{harriet.pk}/", {"role": "register_officer", "area": "E09000015"}
    )
    grant = RoleGrant.objects.get(user=harriet)
    naveen = privileged_login("naveen")
    assert "Register officer for Harriet Patel" in naveen.get("/account/role-requests/").content.decode()
    naveen.post(f"/account/role-requests/{grant.pk}/", {"decision": "approve"})
    grant.refresh_from_db()
    assert (grant.state, grant.decided_by) == (GrantState.APPROVED, personas["naveen"])
    membership = harriet.memberships.get(role=Role.REGISTER_OFFICER)
    assert membership.area is not None and membership.area.ons_code == "E09000015"
    assert _verbs(harriet) == [
        "account.role_grant_requested",
        "account.role_grant_approved",
        "account.role_added",
    ]
    told = Message.objects.filter(kind="register_role_granted")
    # The person, Harrow's register officer and the national register analyst; not Leeds's officer.
    assert sorted(told.values_list("recipient__username", flat=True)) == ["harriet", "naveen", "rachel"]
    [hers] = told.filter(recipient=harriet)
    assert "You have been given a register role" in hers.body and "Harrow" in hers.body
    assert "Naveen Rao approved it" in hers.body and "Nadia Okafor asked for the role" in hers.body


def test_a_declined_register_role_is_never_given(privileged_login: Any, personas: dict[str, Any]) -> None:
    leo = personas["leo"]
    privileged_login("nadia").post(
        f"/account/users/{leo.pk}/", {"role": "register_officer", "area": "E08000035"}
    )
    grant = RoleGrant.objects.get(user=leo)
    privileged_login("naveen").post(f"/account/role-requests/{grant.pk}/", {"decision": "decline"})
    grant.refresh_from_db()
    assert grant.state == GrantState.DECLINED
    assert not leo.memberships.filter(role=Role.REGISTER_OFFICER).exists()
    assert _verbs(leo) == ["account.role_grant_requested", "account.role_grant_declined"]
    assert not Message.objects.filter(kind="register_role_granted").exists()
    # Decided once: a second decision is refused and changes nothing.
    page = privileged_login("naveen").get(f"/account/role-requests/{grant.pk}/").content.decode()
    assert "This request has already been decided" in page and "Approve the role" not in page


def test_nobody_decides_a_register_role_they_asked_for_or_one_for_themselves(
    privileged_login: Any, personas: dict[str, Any]
) -> None:
    nadia, naveen = personas["nadia"], personas["naveen"]
    # Nadia also holds register access here, so she may approve others' requests, but not her own.
    Membership.objects.create(user=nadia, role=Role.REGISTER_OFFICER)
    privileged_login("nadia").post(f"/account/users/{personas['hannah'].pk}/", NATIONAL_REGISTER_ROLE)
    privileged_login("nadia").post(
        f"/account/users/{naveen.pk}/", {"role": "register_officer", "area": "E09000015"}
    )
    for_hannah = RoleGrant.objects.get(user=personas["hannah"])
    for_naveen = RoleGrant.objects.get(user=naveen)
    page = privileged_login("nadia").get(f"/account/role-requests/{for_hannah.pk}/").content.decode()
    assert "You asked for this role, so a second person must decide" in page
    privileged_login("nadia").post(f"/account/role-requests/{for_hannah.pk}/", {"decision": "approve"})
    privileged_login("naveen").post(f"/account/role-requests/{for_naveen.pk}/", {"decision": "approve"})
    assert RoleGrant.objects.filter(state=GrantState.PENDING).count() == 2
    assert not personas["hannah"].memberships.filter(role=Role.REGISTER_OFFICER).exists()
    assert not naveen.memberships.filter(area__isnull=False).exists()


def test_a_code_older_than_the_step_up_age_is_asked_for_again(
    privileged_login: Any, personas: dict[str, Any], settings: Any
) -> None:
    client = privileged_login("nadia")
    assert client.get("/account/users/").status_code == 200
    session = client.session
    session[two_factor.VERIFIED_AT] = two_factor.now() - settings.TWO_FACTOR_STEP_UP_SECONDS - 1
    session.save()
    response = client.get("/account/users/")
    assert (response.status_code, response["Location"]) == (302, "/account/two-factor/?next=/account/users/")
    device = TOTPDevice.objects.get(user=personas["nadia"])
    entered = client.post("/account/two-factor/", {"code": _code(device), "next": "/account/users/"})
    assert entered["Location"] == "/account/users/"
    assert client.get("/account/users/").status_code == 200


def test_the_emailed_link_sets_up_the_authenticator_once(login: Any, personas: dict[str, Any]) -> None:
    rachel = login("rachel")
    rachel.post("/account/two-factor/")
    rachel.post("/account/two-factor/")  # a second link: the first stops working
    first, second = Message.objects.filter(kind="two_factor_enrolment").order_by("pk")
    assert first.link != second.link and second.link.startswith("http://")
    path = urlsplit(second.link).path
    assert "This link does not work" in rachel.get(urlsplit(first.link).path).content.decode()
    page = rachel.get(path).content.decode()
    assert "<svg" in page and "Key:" in page
    device = TOTPDevice.objects.get(user=personas["rachel"])
    response = rachel.post(path, {"code": _code(device), "next": "/register/"})
    assert response["Location"] == "/register/"
    device.refresh_from_db()
    assert device.confirmed
    assert rachel.get("/register/").status_code == 200
    assert "This link does not work" in rachel.get(path).content.decode()
    assert _verbs(personas["rachel"]) == [
        "account.two_factor_link_sent",
        "account.two_factor_link_sent",
        "account.two_factor_set_up",
    ]


def test_a_link_works_only_for_the_person_it_was_sent_to(login: Any, personas: dict[str, Any]) -> None:
    login("rachel").post("/account/two-factor/")
    [message] = Message.objects.filter(kind="two_factor_enrolment")
    path = urlsplit(message.link).path
    page = login("luke").get(path).content.decode()
    assert "This link does not work" in page and "<svg" not in page
