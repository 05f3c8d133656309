"""Brute force: five failures for one username from one address lock it out for a while (429).

Also: failed sign-ins and refusals are written to the claimtracker.security log.
"""

import base64
import logging

import pytest
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, code_now

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
TOKEN = "/api/v1/auth/token/"


WRONG = "wrong-password-entirely"


def attempt(client, username, password=WRONG, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def basic(username, password):
    pair = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def test_five_wrong_passwords_lock_the_account_out_from_that_address_with_a_429_page(
    client, journalist
):
    for _ in range(4):
        assert attempt(client, journalist.username).status_code == 200

    locked = attempt(client, journalist.username)
    html = locked.content.decode()

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in html
    assert "Try again in 15 minutes, after" in html
    assert int(locked["Retry-After"]) == 15 * 60


def test_the_right_password_is_refused_during_the_lockout(client, journalist):
    for _ in range(5):
        attempt(client, journalist.username)

    response = attempt(client, journalist.username, password=PASSWORD)

    assert response.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lockout_is_per_username_and_address(client, journalist, fact_checker):
    for _ in range(5):
        attempt(client, journalist.username)

    other_account = attempt(client, fact_checker.username, password=PASSWORD)
    other_address = client.post(
        LOGIN,
        {"username": journalist.username, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )

    assert other_account.status_code == 302
    assert other_address.status_code == 302


def test_the_lockout_lifts_after_the_cool_off(client, journalist, settings):
    import datetime

    from axes.models import AccessAttempt

    for _ in range(5):
        attempt(client, journalist.username)
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    assert attempt(client, journalist.username, password=PASSWORD).status_code == 302


def test_wrong_authenticator_codes_count_towards_the_lockout(client, journalist, authenticator):
    authenticator(journalist)
    for _ in range(5):
        response = attempt(client, journalist.username, password=PASSWORD, otp_token="000000")

    assert response.status_code == 429


def test_the_token_endpoint_locks_out_the_same_way_and_answers_json(client, journalist):
    for _ in range(4):
        assert client.post(TOKEN, headers=basic(journalist.username, "nope")).status_code == 401

    locked = client.post(TOKEN, headers=basic(journalist.username, "nope"))
    right = client.post(TOKEN, headers=basic(journalist.username, PASSWORD))

    assert locked.status_code == 429
    assert locked.json()["errors"][0]["code"] == "locked_out"
    assert int(locked["Retry-After"]) == 15 * 60
    assert right.status_code == 429


def test_a_failed_sign_in_is_logged_without_the_password(client, journalist, caplog):
    with caplog.at_level(logging.INFO, logger="claimtracker.security"):
        attempt(client, journalist.username, password="hunter2-not-the-password")

    failures = [
        r
        for r in caplog.records
        if r.name == "claimtracker.security" and "failed login" in r.getMessage()
    ]
    assert len(failures) == 1
    assert journalist.username in failures[0].getMessage()
    assert "hunter2" not in caplog.text


def test_a_refusal_is_logged_with_who_asked_for_what(client, journalist, caplog):
    client.force_login(journalist)
    path = reverse("admin:auth_user_changelist")

    with caplog.at_level(logging.INFO, logger="claimtracker.security"):
        response = client.get(path)

    assert response.status_code == 403
    messages = [r.getMessage() for r in caplog.records if r.name == "claimtracker.security"]
    assert any("forbidden" in m and journalist.username in m and path in m for m in messages)


def test_a_lockout_is_logged(client, journalist, caplog):
    with caplog.at_level(logging.INFO, logger="claimtracker.security"):
        for _ in range(5):
            attempt(client, journalist.username)

    assert any(
        "locked out" in r.getMessage() for r in caplog.records if r.name == "claimtracker.security"
    )


def test_a_token_needs_the_code_when_the_account_has_an_authenticator(
    client, journalist, authenticator
):
    device = authenticator(journalist)

    without = client.post(TOKEN, headers=basic(journalist.username, PASSWORD))
    right = client.post(
        TOKEN,
        {"otp_token": code_now(device)},
        content_type="application/json",
        headers=basic(journalist.username, PASSWORD),
    )
    # After a wrong code django-otp makes the device wait before it checks another.
    wrong = client.post(
        TOKEN,
        {"otp_token": "000000"},
        content_type="application/json",
        headers=basic(journalist.username, PASSWORD),
    )

    assert without.status_code == 401
    assert without.json()["errors"][0]["code"] == "otp_required"
    assert wrong.status_code == 401
    assert wrong.json()["errors"][0]["code"] == "otp_invalid"
    assert right.status_code == 200
    assert right.json()["token"]


def test_no_token_for_a_role_that_requires_a_second_factor_not_yet_set_up(
    client, journalist, require_second_factor
):
    require_second_factor("Journalist")

    response = client.post(TOKEN, headers=basic(journalist.username, PASSWORD))

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "second_factor_setup_required"


def test_a_session_that_passed_the_second_factor_gets_a_token_without_retyping_it(
    client, journalist, authenticator, require_second_factor
):
    require_second_factor("Journalist")
    device = authenticator(journalist)
    client.post(
        LOGIN,
        {"username": journalist.username, "password": PASSWORD, "otp_token": code_now(device)},
    )

    response = client.post(TOKEN)

    assert response.status_code == 200
    assert response.json()["token"]


# Behind reverse proxies (TRUSTED_PROXY_COUNT, tests/test_clients.py): the lockout counts the
# address the outermost proxy saw, whatever a client writes in X-Forwarded-For. RFC 5737
# addresses: the deployment's proxy, an attacker behind it, and someone they would like locked out.
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.9"
VICTIM = "198.51.100.7"


def attempt_from(client, username, remote, forwarded=None, password=WRONG):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_forged_forwarded_addresses_do_not_dodge_the_lockout(client, journalist):
    answers = [
        attempt_from(client, journalist.username, ATTACKER, f"192.0.2.{n}").status_code
        for n in range(5)
    ]

    assert answers == [200] * 4 + [429]


def test_behind_one_proxy_addresses_the_client_prepends_do_not_dodge_the_lockout(
    client, journalist, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    answers = [
        attempt_from(client, journalist.username, PROXY, f"192.0.2.{n}, {ATTACKER}").status_code
        for n in range(5)
    ]

    assert answers == [200] * 4 + [429]


def test_a_forged_forwarded_address_cannot_lock_its_owner_out(client, journalist):
    for _ in range(5):
        attempt_from(client, journalist.username, ATTACKER, VICTIM)

    victim = attempt_from(client, journalist.username, VICTIM, password=PASSWORD)

    assert victim.status_code == 302


def test_behind_one_proxy_one_client_cannot_lock_out_another(client, journalist, settings):
    """Without the setting, every client shares the proxy's address, and five wrong passwords
    from anyone would lock the account out for everyone."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt_from(client, journalist.username, PROXY, f"{VICTIM}, {ATTACKER}")

    locked = attempt_from(client, journalist.username, PROXY, ATTACKER, password=PASSWORD)
    victim = attempt_from(client, journalist.username, PROXY, VICTIM, password=PASSWORD)

    assert locked.status_code == 429
    assert victim.status_code == 302


def test_behind_one_proxy_the_token_endpoint_locks_out_the_client_not_the_proxy(
    client, journalist, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            TOKEN,
            headers=basic(journalist.username, "nope"),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )

    locked = client.post(
        TOKEN,
        headers=basic(journalist.username, PASSWORD),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    victim = client.post(
        TOKEN,
        headers=basic(journalist.username, PASSWORD),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=VICTIM,
    )

    assert locked.status_code == 429
    assert victim.status_code == 200


def test_behind_one_proxy_the_security_log_names_the_client_not_the_proxy(
    client, journalist, settings, caplog
):
    settings.TRUSTED_PROXY_COUNT = 1
    with caplog.at_level(logging.INFO, logger="claimtracker.security"):
        for _ in range(5):
            attempt_from(client, journalist.username, PROXY, f"192.0.2.1, {ATTACKER}")
        attempt_from(client, journalist.username, PROXY, VICTIM, password=PASSWORD)
        client.get(reverse("admin:auth_user_changelist"), REMOTE_ADDR=PROXY,
                   HTTP_X_FORWARDED_FOR=VICTIM)  # fmt: skip

    lines = [r.getMessage() for r in caplog.records if r.name == "claimtracker.security"]
    failed = [line for line in lines if line.startswith("failed login")]
    assert failed
    assert all(ATTACKER in line for line in failed)
    assert any(line.startswith("locked out") and ATTACKER in line for line in lines)
    assert any(line.startswith("login") and VICTIM in line for line in lines)
    assert any(line.startswith("forbidden") and VICTIM in line for line in lines)
    assert PROXY not in " ".join(lines)
