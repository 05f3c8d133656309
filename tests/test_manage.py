"""manage.py's checks answer without a database running, as a developer first runs them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_makemigrations_check_says_models_and_migrations_agree_with_no_database_running():
    # With `make run`'s local server up, manage.py uses it; otherwise it starts a throwaway one.
    local_server = (ROOT / ".postgres" / ".s.PGSQL.5432").exists()
    environment = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**environment, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
    assert ("throwaway PostgreSQL" in result.stderr) is not local_server
