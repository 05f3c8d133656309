"""ETag and Last-Modified are the same from every gunicorn worker and after a restart: they
come from the record's revision and the deployed code, never from when a process started. So a
CDN or a browser revalidating a page behind three workers gets 304 every time."""

import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from claimtracker.cdn import release
from claimtracker.seeding.reference import load_reference_case
from tests.load import harness

REVALIDATIONS = 30
PROJECT_FILES = ("manage.py", "gunicorn.conf.py", "pyproject.toml", "uv.lock")
SETTINGS_MODULES = (
    "tests/__init__.py",
    "tests/load/__init__.py",
    "tests/load/settings.py",
    "tests/http/__init__.py",
    "tests/http/settings.py",
)
CLAIM = "outside-terrorists-were-main-protagonists"
# The access log's line: worker pid, status, request line.
ACCESS_FORMAT = "%(p)s %(s)s %(r)s"


# Each worker is replaced after this many requests, so that the revalidations are answered by
# many processes, each started at its own time (an idle gunicorn may hand every request of a
# sequential client to the same worker). A request waits while a replacement boots.
MAX_REQUESTS = 10


class Server(harness.Server):
    """Three workers with production settings and CACHE_RELEASE unset, logging which worker
    answered each request."""

    def __init__(self, workdir: Path) -> None:
        options = (
            "--access-logfile=-",
            f"--access-logformat={ACCESS_FORMAT}",
            f"--max-requests={MAX_REQUESTS}",
        )
        super().__init__(workdir, workers=3, options=options)

    def environment(self) -> dict[str, str]:
        return {**super().environment(), "DJANGO_SETTINGS_MODULE": "tests.http.settings"}

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str]]:
        request = urllib.request.Request(  # noqa: S310 - our own http:// address
            self.host + path, headers={**harness.BEHIND_TLS_PROXY, **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                return answer.status, dict(answer.headers)
        except urllib.error.HTTPError as answer:
            return answer.code, dict(answer.headers)

    def workers_that_answered(self, status: int) -> set[str]:
        lines = self.log.read_text(errors="replace").splitlines()
        return {
            match.group(1)
            for line in lines
            if (match := re.match(r"<(\d+)> (\d{3}) ", line)) and int(match.group(2)) == status
        }


def deploy(target: Path) -> Path:
    """A copy of the code, as a deploy puts it in place (file times kept): the servers here run
    it, so that an edit in the working tree while the test runs is not a new release."""
    for name in ("claimtracker", "templates", "static", "locale"):
        if (harness.ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(harness.ROOT / name, target / name, ignore=ignore)
    for name in (*PROJECT_FILES, *SETTINGS_MODULES):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(harness.ROOT / name, target / name)
    return target


def revalidate(server: Server, path: str, **validators: str) -> list[int]:
    return [server.get(path, **validators)[0] for _ in range(REVALIDATIONS)]


@pytest.mark.django_db(transaction=True)
def test_every_revalidation_behind_three_workers_gets_304_before_and_after_a_restart(
    tmp_path, role_groups, monkeypatch
):
    load_reference_case()
    page = reverse("web:claim", kwargs={"slug": CLAIM})
    monkeypatch.setattr(harness, "ROOT", deploy(tmp_path / "release"))

    with Server(tmp_path) as server:
        status, first = server.get(page)
        assert status == 200
        etag, last_modified = first["ETag"], first["Last-Modified"]

        by_etag = revalidate(server, page, **{"If-None-Match": etag})
        by_date = revalidate(server, page, **{"If-Modified-Since": last_modified})
        workers = server.workers_that_answered(304)

    assert by_etag == [304] * REVALIDATIONS
    assert by_date == [304] * REVALIDATIONS
    # 60 requests, each worker process answering at most MAX_REQUESTS of them.
    assert len(workers) >= 2 * REVALIDATIONS // MAX_REQUESTS

    with Server(tmp_path) as restarted:
        after_restart = revalidate(restarted, page, **{"If-None-Match": etag})
        status, again = restarted.get(page)

    assert after_restart == [304] * REVALIDATIONS
    assert again["ETag"] == etag
    assert again["Last-Modified"] == last_modified


@pytest.mark.django_db
def test_a_new_release_gives_every_page_a_new_etag(client, role_groups):
    load_reference_case()
    page = reverse("web:claim", kwargs={"slug": CLAIM})

    with override_settings(CACHE_RELEASE="2026.12.1"):
        old = client.get(page)["ETag"]
    with override_settings(CACHE_RELEASE="2026.12.2"):
        new = client.get(page, headers={"If-None-Match": old})

    assert new.status_code == 200
    assert new["ETag"] != old


def test_without_cache_release_the_release_is_a_digest_of_the_code_that_changes_with_it(
    tmp_path, settings
):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ claim }}</p>")
    settings.BASE_DIR = tmp_path
    settings.CACHE_RELEASE = ""
    release.code_digest.cache_clear()
    try:
        first = release.release()
        release.code_digest.cache_clear()
        unchanged = release.release()
        template.write_text("<p>{{ claim.text }}</p>")
        release.code_digest.cache_clear()
        edited = release.release()
    finally:
        release.code_digest.cache_clear()

    assert first == unchanged
    assert edited != first
    assert first.startswith("code-")
