"""manage.py export_release: every export file from one snapshot, with a manifest of sums."""

import csv
import datetime
import hashlib
import io
import json
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command

from claimtracker.api.export import release
from claimtracker.api.export.collections import COLLECTIONS
from claimtracker.claims.models import Claim, Statement
from claimtracker.seeding.reference import load_reference_case
from claimtracker.seeding.synthetic import generate_synthetic_data
from tests.factories import ClaimFactory, StatementFactory, UserFactory

# As in test_export.py: commit each test's rows, for the export's own connection to see them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The API's throttles count requests in the default cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


FILE_NAMES = [f"{name}.{file_format}" for name in COLLECTIONS for file_format in ("ndjson", "csv")]


@pytest.fixture
def records(role_groups):
    load_reference_case()
    generate_synthetic_data(claims=20, seed=11)


def write_release(output):
    call_command("export_release", output=output, stdout=io.StringIO())
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))


def csv_records(body):
    return len(list(csv.reader(io.StringIO(body.decode(), newline="")))) - 1


def test_a_release_holds_every_collection_in_both_formats_and_a_manifest_that_adds_up(
    tmp_path, records, settings
):
    settings.DATA_LICENCE = "ODbL 1.0"
    settings.DATA_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"

    manifest = write_release(tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*FILE_NAMES, "manifest.json", "SHA256SUMS"]
    )
    assert manifest["licence"] == {
        "name": "ODbL 1.0",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    }
    assert datetime.datetime.fromisoformat(manifest["snapshot_time"]).tzinfo == datetime.UTC
    assert [file["name"] for file in manifest["files"]] == FILE_NAMES
    for file in manifest["files"]:
        body = (tmp_path / file["name"]).read_bytes()
        assert file["sha256"] == hashlib.sha256(body).hexdigest()
        assert file["bytes"] == len(body)
        assert [file["collection"], file["format"]] == file["name"].rsplit(".", 1)
        records = body.count(b"\n") if file["format"] == "ndjson" else csv_records(body)
        assert file["rows"] == records, file["name"]
    counts = {file["name"]: file["rows"] for file in manifest["files"]}
    assert counts["claims.ndjson"] == Claim.objects.published().count()
    assert counts["statements.csv"] == Statement.objects.published().count()


def test_sha256sum_checks_every_file_of_a_release(tmp_path, records):
    write_release(tmp_path)

    result = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(FILE_NAMES)


def test_the_release_files_are_the_bytes_the_http_export_serves(client, tmp_path, records):
    manifest = write_release(tmp_path)

    for file in manifest["files"]:
        response = client.get(f"/api/v1/export/{file['name']}")
        body = b"".join(response.streaming_content)
        assert hashlib.sha256(body).hexdigest() == file["sha256"], file["name"]


def test_rows_committed_while_a_release_is_written_are_in_none_of_its_files(
    tmp_path, records, monkeypatch
):
    published = {"published_by": UserFactory()}
    statements_before = Statement.objects.published().count()
    claims_before = Claim.objects.published().count()
    write_file = release._write_file

    def write_then_commit_more(snapshot, collection, file_format, path):
        written = write_file(snapshot, collection, file_format, path)
        # Django's connection commits at once; the release reads through its own snapshot.
        statement = StatementFactory(
            quote="committed meanwhile", published_at=at_now(), **published
        )
        # Published after its statements are linked: a published claim's links change only
        # through a correction.
        claim = ClaimFactory(statements=[statement])
        Claim.objects.filter(pk=claim.pk).update(published_at=at_now(), **published)
        return written

    monkeypatch.setattr(release, "_write_file", write_then_commit_more)
    manifest = write_release(tmp_path)

    rows = {file["name"]: file["rows"] for file in manifest["files"]}
    assert rows["statements.ndjson"] == rows["statements.csv"] == statements_before
    assert rows["claims.ndjson"] == rows["claims.csv"] == claims_before
    for name in FILE_NAMES:
        assert b"committed meanwhile" not in (tmp_path / name).read_bytes()
    assert Statement.objects.published().count() == statements_before + len(FILE_NAMES)


def at_now():
    return datetime.datetime.now(datetime.UTC)


def test_without_an_output_it_writes_to_exports_and_the_date_in_the_project_directory(
    tmp_path, settings, db
):
    settings.BASE_DIR = tmp_path

    call_command("export_release", stdout=io.StringIO())

    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    assert (tmp_path / "exports" / today / "manifest.json").exists()


def test_writing_a_release_again_into_its_directory_replaces_it_whole(tmp_path, records):
    first = write_release(tmp_path)

    second = write_release(tmp_path)

    assert [f["sha256"] for f in second["files"]] == [f["sha256"] for f in first["files"]]
    assert not list(tmp_path.glob("*.partial"))
