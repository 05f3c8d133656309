"""A dated dataset release: every collection in every format from one snapshot, and a manifest.

The files are the bytes ``/api/v1/export/<collection>.<format>`` serves for the same snapshot.
``manifest.json`` gives the snapshot time, the licence and, per file, its rows, size and SHA-256;
``SHA256SUMS`` holds the same sums for ``sha256sum -c``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from claimtracker.api.export.collections import COLLECTIONS, utc_timestamp
from claimtracker.api.export.streaming import FORMATS, Snapshot, open_snapshot


@dataclass(frozen=True)
class ReleaseFile:
    name: str
    collection: str
    format: str
    rows: int
    bytes: int
    sha256: str


def write_release(output: Path) -> dict[str, Any]:
    """Write every file into ``output`` (created if needed) and return the manifest.

    Files are written under a temporary name and renamed when complete; the manifest comes last,
    so a directory with a manifest holds a whole release. Existing files of the same names are
    replaced.
    """
    output.mkdir(parents=True, exist_ok=True)
    files: list[ReleaseFile] = []
    with open_snapshot() as snapshot:
        taken_at = snapshot.taken_at
        for collection in COLLECTIONS.values():
            rows = 0
            # NDJSON first: its line count is the collection's row count, for the CSV too.
            for file_format in FORMATS:
                name = f"{collection.name}.{file_format}"
                written = _write_file(snapshot, collection.name, file_format, output / name)
                if file_format == "ndjson":
                    rows = written.lines
                files.append(
                    ReleaseFile(
                        name=name,
                        collection=collection.name,
                        format=file_format,
                        rows=rows,
                        bytes=written.size,
                        sha256=written.sha256,
                    )
                )
    manifest = {
        "snapshot_time": utc_timestamp(taken_at),
        "licence": {"name": settings.DATA_LICENCE, "url": settings.DATA_LICENCE_URL},
        "files": [asdict(file) for file in files],
    }
    _replace(
        output / "SHA256SUMS", "".join(f"{file.sha256}  {file.name}\n" for file in files).encode()
    )
    _replace(
        output / "manifest.json",
        (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode(),
    )
    return manifest


@dataclass(frozen=True)
class _Written:
    size: int
    lines: int
    sha256: str


def _write_file(snapshot: Snapshot, collection: str, file_format: str, path: Path) -> _Written:
    digest = hashlib.sha256()
    size = lines = 0
    partial = path.with_name(f"{path.name}.partial")
    with partial.open("wb") as file:
        for chunk in snapshot.chunks(COLLECTIONS[collection], file_format):
            file.write(chunk)
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    partial.replace(path)
    return _Written(size=size, lines=lines, sha256=digest.hexdigest())


def _replace(path: Path, content: bytes) -> None:
    partial = path.with_name(f"{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)
