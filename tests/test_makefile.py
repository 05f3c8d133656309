"""`make run` serves with settings that match the address it serves on."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Stands in for manage.py in the `serve` recipe: each step prints the SITE_URL it would see, in
# one write (the worker and the server run at once, and two prints could share a line).
SHOW_SITE_URL = (
    'python3 -c "import os; '
    "os.write(1, ('SITE_URL=' + os.environ.get('SITE_URL', '') + chr(10)).encode())\""
)


def serve_sees(**env: str) -> set[str]:
    """The SITE_URL values the commands of `make serve` (what `make run` runs) are given."""
    # An enclosing make (`make test PORT=...`) passes its variables down in MAKEFLAGS.
    outer = {"SITE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    clean = {name: value for name, value in os.environ.items() if name not in outer}
    result = subprocess.run(  # noqa: S603 - make with fixed arguments
        ["make", "--no-print-directory", "serve", f"MANAGE={SHOW_SITE_URL}"],  # noqa: S607
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {line for line in result.stdout.splitlines() if line.startswith("SITE_URL=")}


def test_make_run_sets_site_url_from_its_port() -> None:
    assert serve_sees(PORT="8123") == {"SITE_URL=http://127.0.0.1:8123"}


def test_make_run_keeps_a_site_url_the_environment_sets() -> None:
    assert serve_sees(PORT="8123", SITE_URL="https://claims.example.org") == {
        "SITE_URL=https://claims.example.org"
    }
