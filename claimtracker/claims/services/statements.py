"""Statements: what someone said, quoted from a source."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from claimtracker.archive.services import quote_check_on_commit
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Actor, ActorRole, QuoteMode, Source, Statement
from claimtracker.claims.services.common import (
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import CORRECTABLE, refuse_corrections
from claimtracker.claims.services.sources import source_get_or_create


def statement_create(
    *,
    by: User,
    speaker: Actor,
    quote: str,
    language: str,
    source: Source | None = None,
    new_source: Mapping[str, Any] | None = None,
    mode: str = QuoteMode.DIRECT,
    speaker_role: ActorRole | None = None,
    translation: str = "",
    translation_language: str = "",
    context: str = "",
    stated_on: PartialDate | None = None,
    stated_on_wording: str = "",
    stated_not_after: datetime.date | None = None,
    place: str = "",
    first_appearance: Source | None = None,
    why: str = "",
) -> Statement:
    """A draft statement citing ``source``, or ``new_source``: the fields of a source, reused
    when its address is already entered. The source and the statement are written together
    or not at all. The speaker's role on that date is filled in when exactly one fits."""
    require_permission(by, "add_statement", _("add statements"))
    if (source is None) == (new_source is None):
        raise ValidationError({"source": _("Give either a source or a new source.")})
    if speaker_role is None:
        speaker_role = speaker.role_on(stated_on)
    with writing(by=by, why=why):
        if new_source is not None:
            source, _created = source_get_or_create(by=by, **new_source)
        statement = Statement(
            speaker=speaker,
            speaker_role=speaker_role,
            mode=mode,
            quote=quote,
            language=language,
            translation=translation,
            translation_language=translation_language,
            context=context,
            stated_on=stated_on,
            stated_on_wording=stated_on_wording,
            stated_not_after=stated_not_after,
            place=place,
            source=source,
            first_appearance=first_appearance,
        )
        save_new(statement, by=by)
        quote_check_on_commit(statement)  # when its source is archived already
    return statement


def statement_update(
    *, by: User, statement: Statement, changes: Mapping[str, Any], why: str = ""
) -> Statement:
    """Edit a draft statement. A published one changes only through a correction, with a
    public note (``record_correct``)."""
    require_permission(by, "change_statement", _("change statements"))
    refuse_unknown(changes, CORRECTABLE[Statement])
    refuse_corrections(statement, changes)
    with writing(by=by, why=why):
        quoted = (statement.quote, statement.source_id)
        for name, value in changes.items():
            setattr(statement, name, value)
        if statement.speaker_role_id is None and not statement.is_published:
            statement.speaker_role = statement.speaker.role_on(statement.stated_on)
        statement.full_clean()
        statement.save()
        if (statement.quote, statement.source_id) != quoted:
            quote_check_on_commit(statement)
    return statement
