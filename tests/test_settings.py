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
    "SITE_URL": "https://claims.example.org",
}


def manage(*args, **env):
    return python("manage.py", *args, **env)


def python(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "SITE_URL"}}
    return subprocess.run(  # noqa: S603 - our own modules with fixed arguments
        [sys.executable, *args],
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
        ({"DEBUG": "true", "API_THROTTLE_ANON": "120/week"}, "API_THROTTLE_ANON='120/week'"),
        ({"DEBUG": "true", "API_THROTTLE_USER": "many/minute"}, "API_THROTTLE_USER='many/minute'"),
        ({"DEBUG": "true", "API_THROTTLE_USER": "600"}, "API_THROTTLE_USER='600' is not a rate"),
        ({"DEBUG": "true", "LOG_LEVEL": "verbose"}, "LOG_LEVEL='verbose' is not a log level"),
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


def test_it_reads_throttle_rates_and_log_levels_as_drf_and_logging_spell_them():
    shown = (
        "from django.conf import settings as s;"
        " print(s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], s.LOGGING['root']['level'])"
    )
    result = manage(
        "shell", "-v", "0", "-c", shown,
        DEBUG="true", API_THROTTLE_ANON="30/s", API_THROTTLE_USER="1000/hour", LOG_LEVEL="warning",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'anon': '30/s', 'user': '1000/hour'} WARNING"


def test_without_site_url_the_deployment_checklist_fails():
    production = {name: value for name, value in PRODUCTION.items() if name != "SITE_URL"}
    result = manage("check", "--deploy", **production)

    assert result.returncode != 0
    assert "(web.E001) SITE_URL is not set" in result.stderr


def test_a_site_url_that_is_not_an_address_fails_the_deployment_checklist():
    result = manage("check", "--deploy", **{**PRODUCTION, "SITE_URL": "claims.example.org"})

    assert result.returncode != 0
    assert "(web.E001) SITE_URL='claims.example.org' is not an absolute" in result.stderr


@pytest.mark.parametrize("entry_point", ["claimtracker.wsgi", "claimtracker.asgi"])
def test_without_site_url_production_refuses_to_serve(entry_point):
    production = {name: value for name, value in PRODUCTION.items() if name != "SITE_URL"}
    refused = python("-c", f"import {entry_point}", **production)
    served = python("-c", f"import {entry_point}", **PRODUCTION)

    assert refused.returncode != 0
    assert "ImproperlyConfigured: SITE_URL is not set" in refused.stderr
    assert served.returncode == 0, served.stderr


def test_without_site_url_commands_still_run_in_production():
    # compose's migrate service sets no SITE_URL: only serving needs it.
    production = {name: value for name, value in PRODUCTION.items() if name != "SITE_URL"}
    result = manage("check", **production)

    assert result.returncode == 0, result.stderr
