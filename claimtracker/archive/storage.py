"""Content-addressed files: each artefact is stored once, named by its SHA-256.

Through Django's storage API (the ``archive`` alias in ``STORAGES``): a local folder by
default, any other storage (an S3-compatible one) by configuration.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

ALIAS = "archive"


def archive_storage() -> Storage:
    return storages[ALIAS]


def blob_name(sha256: str) -> str:
    # Two levels of folders keep any one folder small.
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def store_blob(data: bytes) -> str:
    """Store ``data`` unless it is already there; its SHA-256 (hex)."""
    sha256 = hashlib.sha256(data).hexdigest()
    storage = archive_storage()
    name = blob_name(sha256)
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(data))
        if saved != name:  # a concurrent writer stored the same bytes first
            storage.delete(saved)
    return sha256


def read_blob(sha256: str) -> bytes:
    with archive_storage().open(blob_name(sha256), "rb") as blob:
        data: bytes = blob.read()
    return data
