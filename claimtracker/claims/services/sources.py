"""Sources: what every other record cites."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Source
from claimtracker.claims.services.common import (
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import CORRECTABLE, correcting

# What a source's services set: the fields a correction of a published one may edit too.
SOURCE_FIELDS = CORRECTABLE[Source]


def source_create(
    *,
    by: User,
    title: str,
    language: str,
    publisher: str = "",
    author: str = "",
    published_on: PartialDate | None = None,
    url: str | None = None,
    archive_url: str = "",
    accessed_on: datetime.date | None = None,
    why: str = "",
) -> Source:
    """A new source, entered under ``by``; an address already entered is refused."""
    require_permission(by, "add_source", _("add sources"))
    source = Source(
        title=title,
        language=language,
        publisher=publisher,
        author=author,
        published_on=published_on,
        url=url,
        archive_url=archive_url,
        accessed_on=accessed_on,
    )
    with writing(by=by, why=why):
        save_new(source, by=by)
    return source


def source_get_or_create(*, by: User, **fields: Any) -> tuple[Source, bool]:
    """The source with this address, or a new one; idempotent on the normalised URL."""
    require_permission(by, "add_source", _("add sources"))
    refuse_unknown(fields, SOURCE_FIELDS)
    source = Source(**fields)
    with transaction.atomic():
        if source.url:
            source.clean()  # normalises the address before looking it up
            existing = Source.objects.filter(url=source.url).first()
            if existing is not None:
                return existing, False
        save_new(source, by=by)
    return source, True


def source_update(
    *,
    by: User,
    source: Source,
    changes: Mapping[str, Any],
    why: str = "",
    correction_note: str = "",
) -> Source:
    """Change a source; once it is published, through a public correction with
    ``correction_note``: every record citing it shows the change."""
    require_permission(by, "change_source", _("change sources"))
    refuse_unknown(changes, SOURCE_FIELDS)
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=source, note=correction_note),
    ):
        for name, value in changes.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
    return source
