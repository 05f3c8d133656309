"""Settings come from the environment and refuse what they cannot read."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-key-of-enough-length-and-variety-0123456789-ABCDEFGH",
    "ALLOWED_HOSTS": "claims.example.org",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "false"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "true", "DATABASE_URL": "mysql://db/claims"}, "must be a postgres://"),
        ({"DEBUG": "true", "DATABASE_URL": "not a url"}, "DATABASE_URL"),
    ],
)
def test_it_refuses_to_start_on_a_value_it_cannot_read(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_harden_transport_and_cookies():
    shown = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT,"
        " s.SECURE_REDIRECT_EXEMPT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_NAME,"
        " s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.X_FRAME_OPTIONS, s.SECOND_FACTOR_REQUIRED, s.SECOND_FACTOR_REQUIRED_FOR_SUPERUSERS)"
    )
    result = manage("shell", "--verbosity", "0", "-c", shown, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "['^api/']", "31536000", "True", "__Host-sessionid", "__Host-csrftoken",
        "True", "True", "True", "True", "Lax", "DENY", "True", "True",
    ]  # fmt: skip


def test_without_the_preload_flag_the_deployment_checklist_stays_clean():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, HSTS_PRELOAD="false"
    )

    assert result.returncode == 0, result.stderr
