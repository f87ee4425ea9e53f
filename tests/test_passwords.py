"""Passwords: at least 12 characters, not a common one, not like the username."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-Ord-9", "minst 12 tecken"),
        ("password1234", "alldeles för vanligt"),
        ("anna.andersson-1", "alltför likt"),
    ],
)
def test_weak_passwords_are_refused_in_swedish(db, password, message):
    user = UserFactory(username="anna.andersson")
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert message in " ".join(error.value.messages)


def test_a_long_uncommon_password_is_accepted(db):
    validate_password("Blåbärssoppa i Vasaloppet", UserFactory(username="anna"))
