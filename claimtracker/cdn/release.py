"""The deployed code's identity: what, besides the record, changes a public page.

Every server process computes the same value from the same code, so the three gunicorn workers
of one server, the servers behind one load balancer and a restarted process all give a page the
same ETag; only a deploy changes it. (It was once the time the process started: each worker then
had its own ETag and most revalidations missed.)

``CACHE_RELEASE`` names the release when the deployment knows it (a tag, a commit); otherwise
the release is a digest of the files that render pages: the code, the templates, the
translations, the static sources and the locked dependencies. That digest needs no git checkout
(the Docker image has none) and changes with any edit, committed or not.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.conf import settings

# What a page is made of, relative to BASE_DIR.
CODE_FOLDERS = ("claimtracker", "templates", "locale", "static")
CODE_FILES = ("pyproject.toml", "uv.lock")
SKIPPED_PARTS = {"__pycache__"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}


def code_files(base: Path) -> Iterator[Path]:
    for name in CODE_FILES:
        if (base / name).is_file():
            yield base / name
    for folder in CODE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            relative = path.relative_to(base)
            if (
                path.is_file()
                and not SKIPPED_PARTS.intersection(relative.parts)
                and path.suffix not in SKIPPED_SUFFIXES
            ):
                yield path


@cache
def code_digest() -> tuple[str, datetime.datetime]:
    """A digest of the code's files (paths and contents) and the newest file's time.

    Reads about 2 MB once per process (a few milliseconds).
    """
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    newest = 0.0
    for path in code_files(base):
        digest.update(str(path.relative_to(base)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
        newest = max(newest, path.stat().st_mtime)
    moment = datetime.datetime.fromtimestamp(int(newest), tz=datetime.UTC)
    return digest.hexdigest()[:16], moment


def release() -> str:
    """The release pages are rendered by: ``CACHE_RELEASE``, else the code's digest."""
    return getattr(settings, "CACHE_RELEASE", "") or f"code-{code_digest()[0]}"


def released_at() -> datetime.datetime:
    """When the deployed code last changed: the newest of its files (to the second).

    A page's Last-Modified is never earlier, so a client revalidating with If-Modified-Since
    alone still gets a page a deploy re-rendered. The same on every worker and after a restart.
    """
    return code_digest()[1]
