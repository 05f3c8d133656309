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
