"""Passwords: at least 12 characters, long passphrases welcome, password managers work."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSPHRASE = "Бір шөп басы — a long passphrase of many words, pasted from a manager " * 3


def test_a_short_password_is_refused():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("k7#pQ2!vZ9x")


def test_a_long_passphrase_with_spaces_and_any_script_is_accepted():
    validate_password(PASSPHRASE)


def test_a_long_passphrase_signs_in(client):
    user = UserFactory(username="long-pass")
    user.set_password(PASSPHRASE)
    user.save()

    response = client.post(
        reverse("admin:login"), {"username": "long-pass", "password": PASSPHRASE}
    )

    assert response.status_code == 302


def test_the_password_change_form_leaves_new_passwords_to_the_password_manager(client, journalist):
    client.force_login(journalist)

    html = client.get(reverse("admin:password_change")).content.decode()

    assert 'autocomplete="new-password"' in html
    assert 'autocomplete="off"' not in html
    assert "onpaste" not in html
