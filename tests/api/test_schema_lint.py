"""The OpenAPI schema passes the two linters that client authors run on it: Redocly's
recommended rules (redocly.yaml) and Spectral's OpenAPI ruleset (.spectral.yaml), the versions
pinned in package-lock.json (`make test` and `make lint-schema` install them with npm ci)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
LINTERS = {
    "redocly": ["lint", "--config", str(ROOT / "redocly.yaml")],
    "spectral": ["lint", "--ruleset", str(ROOT / ".spectral.yaml"), "--fail-severity", "error"],
}


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--skip-checks", "--file", str(path))
    return path


@pytest.mark.parametrize("linter", LINTERS)
def test_the_schema_passes_the_linter_without_an_error(schema_file, linter):
    executable = ROOT / "node_modules" / ".bin" / linter
    if not executable.exists():
        pytest.fail(f"{executable} is missing: run `npm ci` (Node.js and npm) or `make test`.")

    result = subprocess.run(  # noqa: S603 - our own pinned linters
        [executable, *LINTERS[linter], schema_file],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
        timeout=300,
    )

    assert result.returncode == 0, f"{linter} found errors:\n{result.stdout}\n{result.stderr}"
