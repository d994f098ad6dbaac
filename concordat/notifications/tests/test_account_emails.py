"""Invitations, password resets and locked-account notices, end to end through the real views."""

import re
from typing import Any

import pytest
from django.core import mail

from concordat.accounts.models import User
from concordat.accounts.personas import DEMO_PASSWORD
from concordat.notifications.models import Message
from concordat.notifications.tests.helpers import link_in, send_queued

pytestmark = pytest.mark.django_db
NEW = {"username": "priya", "first_name": "Priya", "last_name": "Nair", "email": "priya@example.org"}


def _choose_password(client: Any, link: str, password: str) -> Any:
    path = link.removeprefix("http://127.0.0.1:8000")
    form_page = client.get(path, follow=True)
    assert "Choose your password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    return client.post(set_url, {"new_password1": password, "new_password2": password})


def test_an_invited_person_sets_their_password_from_the_link_once(
    privileged_login: Any, login: Any, client: Any
) -> None:
    response = privileged_login("nadia").post("/account/users/new/", NEW)
    assert response.status_code == 302
    [email] = [m for m in send_queued() if m.to == ["priya@example.org"]]
    assert email.subject == "Set your password for Concordat"
    assert "Nadia" in email.body and "has set up a Concordat account for you" in email.body
    assert "Your username is: priya" in email.body
    assert "stops working after 3 days" in email.body
    link = link_in(email, "http://127.0.0.1:8000/account/password/set/")
    client.logout()

    done = _choose_password(client, link, "ivy-harbour-lantern-42")
    assert done["Location"] == "/account/sign-in/"
    signed_in = client.post("/account/sign-in/", {"username": "priya", "password": "ivy-harbour-lantern-42"})
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="priya").pk)

    client.logout()
    again = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True).content.decode()
    assert "This link has stopped working" in again
    assert Message.objects.get(address="priya@example.org").kind == "invitation"
    # The one-time link is not kept in the outbox once sent.
    assert "password/set" not in Message.objects.get(address="priya@example.org").body


def test_a_password_that_breaks_the_rules_is_refused_on_the_set_password_page(
    privileged_login: Any, login: Any, client: Any
) -> None:
    privileged_login("nadia").post("/account/users/new/", NEW)
    [email] = [m for m in send_queued() if m.to == ["priya@example.org"]]
    client.logout()
    page = _choose_password(client, link_in(email, "http://"), "short")
    assert page.status_code == 200
    assert "This password is too short" in page.content.decode()
    assert not User.objects.get(username="priya").has_usable_password()


def test_a_forgotten_password_is_reset_from_the_emailed_link(client: Any, personas: dict[str, Any]) -> None:
    sign_in = client.get("/account/sign-in/").content.decode()
    assert 'href="/account/password/forgotten/"' in sign_in
    response = client.post("/account/password/forgotten/", {"email": "Harriet@Example.org"})
    assert response["Location"] == "/account/password/forgotten/check-your-email/"
    [email] = send_queued()
    assert email.to == ["harriet@example.org"]
    assert email.subject == "Reset your Concordat password"
    assert "Your username is: harriet" in email.body
    done = _choose_password(
        client, link_in(email, "http://127.0.0.1:8000/account/password/set/"), "new-lantern-22-ivy"
    )
    assert done.status_code == 302
    personas["harriet"].refresh_from_db()
    assert personas["harriet"].check_password("new-lantern-22-ivy")


def test_the_reset_page_never_reveals_whether_an_address_has_an_account(
    client: Any, personas: dict[str, Any]
) -> None:
    known = client.post("/account/password/forgotten/", {"email": "harriet@example.org"}, follow=True)
    unknown = client.post("/account/password/forgotten/", {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    strip = [
        re.sub(r'nonce="[^"]+"', "", page.content.decode().replace(address, "ADDRESS"))
        for page, address in ((known, "harriet@example.org"), (unknown, "nobody@example.org"))
    ]
    assert strip[0] == strip[1]
    assert "If <strong>ADDRESS</strong> belongs to a Concordat account" in strip[0]
    assert [m.to for m in send_queued()] == [["harriet@example.org"]]


def test_a_locked_account_is_told_by_email(client: Any, personas: dict[str, Any]) -> None:
    for _ in range(5):
        client.post("/account/sign-in/", {"username": "harriet", "password": "wrong"})
    client.post("/account/sign-in/", {"username": "harriet", "password": DEMO_PASSWORD})
    [email] = send_queued()
    assert email.to == ["harriet@example.org"]
    assert email.subject == "Your Concordat account has been locked for 30 minutes"
    assert "There were 5 wrong attempts to sign in to your Concordat account (harriet)" in email.body
    assert "http://127.0.0.1:8000/account/password/forgotten/" in email.body
    assert "concordat-support@example.org" in email.body


def test_the_locked_page_and_the_reset_page_give_the_support_address(
    client: Any, personas: dict[str, Any]
) -> None:
    for _ in range(6):
        page = client.post("/account/sign-in/", {"username": "hamid", "password": "wrong"})
    assert "concordat-support@example.org" in page.content.decode()
    assert "concordat-support@example.org" in client.get("/account/password/forgotten/").content.decode()
    assert mail.outbox == []  # nothing has been sent yet: the worker has not run


def test_the_national_team_sends_a_new_invitation_whose_link_works(
    privileged_login: Any, login: Any, client: Any
) -> None:
    privileged_login("nadia").post("/account/users/new/", NEW)
    priya = User.objects.get(username="priya")
    page = client.get(f"/account/users/{priya.pk}/").content.decode()
    assert "They have not set a password yet." in page
    response = client.post(f"/emails/invitations/{priya.pk}/")
    assert response["Location"] == f"/account/users/{priya.pk}/"
    emails = [m for m in send_queued() if m.to == ["priya@example.org"]]
    assert [e.subject for e in emails] == ["Set your password for Concordat"] * 2
    assert (
        "A new invitation has been sent to priya@example.org."
        in client.get(response["Location"]).content.decode()
    )
    client.logout()
    done = _choose_password(
        client, link_in(emails[1], "http://127.0.0.1:8000/account/password/set/"), "ivy-lantern-9-harbour"
    )
    assert done.status_code == 302
    assert login("harriet").post(f"/emails/invitations/{priya.pk}/").status_code == 403
