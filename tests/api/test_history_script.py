"""The script in docs/export.md ("Verifying the history") checks a downloaded release: anyone can
recompute the hash chains from the published files alone, and a row changed behind the
application's back is named."""

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from claimtracker.claims import services
from claimtracker.claims.models import Correction, Statement, StatusChange
from claimtracker.seeding.reference import load_reference_case

# The release is read on a connection of its own: each test's rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

DOCS = Path(settings.BASE_DIR) / "docs" / "export.md"


def docs_script(tmp_path):
    """The script exactly as docs/export.md gives it, saved to a file."""
    section = DOCS.read_text(encoding="utf-8").split("### Verifying the history", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None, "docs/export.md gives the script"
    script = tmp_path / "verify_history.py"
    script.write_text(code.group(1), encoding="utf-8")
    return script


def run(script, release):
    return subprocess.run(  # noqa: S603 (our own docs' script, run on our own files)
        [sys.executable, "-I", str(script), str(release)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def release(path):
    call_command("export_release", output=path, stdout=io.StringIO())
    return path


def forge(model, pk, **values):
    """Rewrite a history row as only the tables' owner could, and commit it."""
    table = model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
            "AND tgname LIKE 'pgtrigger\\_append\\_only\\_%%'",
            [table],
        )
        [(trigger,)] = cursor.fetchall()
        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
        model.objects.filter(pk=pk).update(**values)
        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')


@pytest.fixture
def corrected_reference_case(editor):
    """The reference case, with a statement corrected twice and another withdrawn."""
    load_reference_case()
    statement, other = Statement.objects.published().order_by("pk")[:2]
    services.record_correct(
        by=editor, record=statement, changes={"place": "Almaty"}, note="The place was missing."
    )
    services.record_correct(
        by=editor, record=statement, changes={"place": "Almaty, Kazakhstan"}, note="Fuller."
    )
    services.record_withdraw(by=editor, record=other, note="Withdrawn: never said.")
    return statement


def test_the_docs_script_verifies_a_release_of_the_reference_case(
    tmp_path, corrected_reference_case
):
    result = run(docs_script(tmp_path), release(tmp_path / "release"))

    assert result.returncode == 0, result.stdout + result.stderr
    changes = StatusChange.objects.published().count()
    assert f"status-changes.ndjson: {changes} entries checked" in result.stdout
    assert "corrections.ndjson: 3 entries checked" in result.stdout
    assert "BROKEN" not in result.stdout


def test_the_docs_script_names_a_status_change_forged_in_the_database(
    tmp_path, corrected_reference_case
):
    forged = StatusChange.objects.published().order_by("pk")[0]
    forge(StatusChange, forged.pk, reason="Confirmed by everyone, always.")

    result = run(docs_script(tmp_path), release(tmp_path / "release"))

    assert result.returncode == 1
    assert f"BROKEN: status-changes.ndjson id {forged.pk} ({forged.claim_id})" in result.stdout


def test_the_docs_script_names_the_first_forged_correction_of_a_record(
    tmp_path, corrected_reference_case
):
    first, _second = corrected_reference_case.corrections.order_by("pk")
    forge(Correction, first.pk, note="Nothing was wrong.")

    result = run(docs_script(tmp_path), release(tmp_path / "release"))

    assert result.returncode == 1
    broken = [line for line in result.stdout.splitlines() if line.startswith("BROKEN")]
    assert broken == [
        f"BROKEN: corrections.ndjson id {first.pk} (statement {corrected_reference_case.pk})"
    ], "only the chain's first break is named"
