from typing import Any

import pytest
from django.contrib.auth.hashers import make_password

from concordat.accounts.models import User

pytestmark = pytest.mark.django_db

HASHERS = [
    "concordat.accounts.hashers.OwaspArgon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD = "correct horse battery staple"


def test_new_passwords_are_hashed_with_argon2id_at_the_owasp_cost(settings: Any) -> None:
    settings.PASSWORD_HASHERS = HASHERS
    encoded = make_password(PASSWORD)
    # argon2$argon2id$v=19$m=19456,t=2,p=1$salt$hash: the OWASP first recommendation.
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_pbkdf2_password_still_signs_in_and_is_upgraded_to_argon2id(settings: Any, client: Any) -> None:
    settings.PASSWORD_HASHERS = list(reversed(HASHERS))
    user = User.objects.create_user("pat", password=PASSWORD)
    assert user.password.startswith("pbkdf2_sha256$")
    settings.PASSWORD_HASHERS = HASHERS
    response = client.post("/account/sign-in/", {"username": "pat", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$") and user.check_password(PASSWORD)


def test_a_wrong_password_is_refused_and_the_stored_hash_is_left_alone(settings: Any, client: Any) -> None:
    settings.PASSWORD_HASHERS = list(reversed(HASHERS))
    user = User.objects.create_user("pat", password=PASSWORD)
    before = user.password
    settings.PASSWORD_HASHERS = HASHERS
    response = client.post("/account/sign-in/", {"username": "pat", "password": "not the password"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == before
