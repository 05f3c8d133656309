"""Sources: what every other record cites."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from claimtracker.archive.services import capture_on_commit
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


def source_recorded_without_address(
    *, title: str, publisher: str = "", published_on: PartialDate | None = None
) -> Source | None:
    """The source a new one with no address would repeat: the first with the same title,
    publisher and date. Its address is not compared: a curator may have added one since."""
    return (
        Source.objects.filter(title=title, publisher=publisher, published_on=published_on)
        .order_by("pk")
        .first()
    )


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
    """A new source, entered under ``by``; an address already entered is refused, and so is a
    source with no address that repeats one already recorded."""
    require_permission(by, "add_source", _("add sources"))
    if not url and (
        existing := source_recorded_without_address(
            title=title, publisher=publisher, published_on=published_on
        )
    ):
        raise ValidationError(
            {
                "title": _(
                    "This source is already recorded (source %(id)s, same title, publisher "
                    "and date): cite that one."
                )
                % {"id": existing.pk}
            }
        )
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
        capture_on_commit(source)  # the worker archives its web address (docs/archiving.md)
    return source


def source_get_or_create(*, by: User, **fields: Any) -> tuple[Source, bool]:
    """The source with this address, or a new one; idempotent on the normalised URL, and,
    for a source with no address, on its title, publisher and date
    (``source_recorded_without_address``)."""
    require_permission(by, "add_source", _("add sources"))
    refuse_unknown(fields, SOURCE_FIELDS)
    source = Source(**fields)
    with transaction.atomic():
        if source.url:
            source.clean()  # normalises the address before looking it up
            existing = Source.objects.filter(url=source.url).first()
        else:
            existing = source_recorded_without_address(
                title=source.title, publisher=source.publisher, published_on=source.published_on
            )
        if existing is not None:
            return existing, False
        save_new(source, by=by)
        capture_on_commit(source)
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
        old_url = source.url
        for name, value in changes.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
        # A draft's new address is archived at once; a published source keeps the copy as
        # cited, and its re-checks fetch whatever address it has (docs/archiving.md).
        if source.url != old_url and not source.is_published:
            capture_on_commit(source)
    return source
