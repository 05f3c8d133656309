"""Translations of records' texts, and the Kazakh Latin that is generated, never invented.

One way in for the admin's inlines, the API and the reference case loader: ``translation_save``,
``translation_delete`` and ``translations_apply`` (a record's inline rows at once). Whenever a
Kazakh text in Cyrillic is saved (a translation, or an actor's or topic's name), the Latin-script
Kazakh beside it is produced by ``to_kazakh_latin`` (the 2021 alphabet) and stored as a
transliteration, unless a curator wrote their own Latin row: that one stays, and is never
overwritten by a later transliteration.

A translation is part of the record it translates (``models/translations.py``): once the record
is public, every write of one is a public correction of the record, with a note, written here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from claimtracker.claims.models import (
    Actor,
    ActorName,
    Claim,
    ClaimTranslation,
    ContentTranslation,
    Correction,
    CorrectionTranslation,
    Evidence,
    EvidenceTranslation,
    NameKind,
    Script,
    StatusChange,
    StatusChangeTranslation,
    Topic,
    TopicName,
    TopicTranslation,
    TranslationOrigin,
)
from claimtracker.claims.models.base import Publishable
from claimtracker.claims.models.frozen import CurrentTransaction
from claimtracker.claims.services.common import (
    RowEdits,
    require_model_permission,
    require_permission,
    writing,
)
from claimtracker.claims.services.corrections import _open_correction, _public_note, _seal
from claimtracker.i18n.transliteration import to_kazakh_latin

# Who "translated" a generated Latin row: the rule, not a person (docs/i18n.md).
TRANSLITERATOR = "ClaimTracker: Kazakh Cyrillic to the 2021 Latin alphabet"

type Translated = Claim | Evidence | Topic | StatusChange | Correction

MODEL_FOR: dict[type[models.Model], type[ContentTranslation]] = {
    Claim: ClaimTranslation,
    Evidence: EvidenceTranslation,
    Topic: TopicTranslation,
    StatusChange: StatusChangeTranslation,
    Correction: CorrectionTranslation,
}


def translation_model(record: models.Model) -> type[ContentTranslation]:
    try:
        return MODEL_FOR[type(record)]
    except KeyError:
        raise ValidationError(
            _("This kind of record has no translations."), code="not_translated"
        ) from None


def is_kazakh(language: str) -> bool:
    return language.split("-")[0].lower() == "kk"


def _rows(record: models.Model) -> models.QuerySet[Any]:
    model = translation_model(record)
    return model._default_manager.filter(**{model.RECORD: record})


def _public_record(record: Translated) -> Publishable | None:
    """The published record whose public correction a write of ``record``'s translations
    takes, or None when it takes none (a draft; a history entry written in this transaction)."""
    if isinstance(record, StatusChange | Correction):
        written_now = (
            type(record)._default_manager.filter(pk=record.pk, xact=CurrentTransaction()).exists()
        )
        if written_now:
            return None
        owner: Publishable = record.claim if isinstance(record, StatusChange) else record.target  # type: ignore[assignment]
    else:
        owner = record
    fresh = type(owner)._default_manager.filter(pk=owner.pk, published_at__isnull=False).first()
    return fresh


def _line(row: ContentTranslation) -> str:
    # Who translated it and whether a curator reviewed it are shown to readers too, so a review
    # alone, or a new translator, is a change the correction records.
    made = [str(row.get_origin_display()), row.translated_by]
    made.append(_("reviewed") if row.is_reviewed else _("not reviewed"))
    provenance = ", ".join(part for part in made if part)
    return f"{row.field}, {row.language}-{row.script} ({provenance}): {row.text}"


def _lines(record: models.Model) -> str:
    return "\n".join(sorted(_line(row) for row in _rows(record)))


@contextlib.contextmanager
def _translating(
    *, by: User, record: Translated, correction_note: str, why: str = ""
) -> Iterator[None]:
    """One transaction; if ``record`` is public, a correction of it listing its translations
    before and after (written first, so the database lets the edit through)."""
    with writing(by=by, why=correction_note or why):
        public = _public_record(record)
        if public is None:
            yield
            return
        require_permission(by, "add_correction", _("correct published records"))
        note = _public_note(correction_note, "correction_note")
        before = _lines(record)
        correction = _open_correction(by=by, record=public, note=note)
        yield
        after = _lines(record)
        if before == after:
            raise ValidationError(_("Nothing to correct: every value is as it was."), "unchanged")
        label = str(translation_model(record)._meta.verbose_name_plural)
        change = {"field": "translations", "label": label, "before": before, "after": after}
        _seal(correction, [change])


def _check_field(model: type[ContentTranslation], field: str) -> None:
    if field not in model.FIELDS:
        raise ValidationError(
            {
                "field": _("This text cannot be translated; choose one of: %(fields)s.")
                % {"fields": ", ".join(model.FIELDS)}
            },
            code="field",
        )


def _kazakh_latin_ensure(*, by: User, record: models.Model, field: str) -> None:
    """The Latin row of ``field`` follows its Cyrillic Kazakh row, unless a curator wrote it."""
    rows = _rows(record).filter(field=field, language="kk")
    cyrillic = rows.filter(script=Script.CYRILLIC).first()
    latin = rows.filter(script=Script.LATIN).first()
    if latin is not None and latin.origin != TranslationOrigin.TRANSLITERATION:
        return  # a curator's own Latin text overrides the transliteration
    if cyrillic is None:
        if latin is not None:
            latin.delete()  # generated from a Cyrillic text that is gone
        return
    text = to_kazakh_latin(cyrillic.text)
    if latin is None:
        model = translation_model(record)
        latin = model(**{model.RECORD: record}, field=field, language="kk", script=Script.LATIN)
        require_model_permission(by, "add", model)
    elif latin.text == text:
        return
    latin.text = text
    latin.origin = TranslationOrigin.TRANSLITERATION
    latin.translated_by = TRANSLITERATOR
    # A generated text is as reviewed as the Cyrillic it comes from.
    latin.reviewed_by, latin.reviewed_at = cyrillic.reviewed_by, cyrillic.reviewed_at
    latin.full_clean()
    latin.save()


def _write(
    *,
    by: User,
    record: models.Model,
    row: ContentTranslation | None,
    field: str,
    language: str,
    script: str,
    text: str,
    origin: str,
    translated_by: str,
    reviewed: bool,
) -> ContentTranslation:
    model = translation_model(record)
    _check_field(model, field)
    if row is None:
        row = _rows(record).filter(field=field, language=language, script=script).first() or model(
            **{model.RECORD: record}, field=field, language=language, script=script
        )
    require_model_permission(by, "change" if row.pk else "add", model)
    row.field, row.language, row.script = field, language, script
    row.text, row.origin, row.translated_by = text, origin, translated_by
    if reviewed and row.reviewed_at is None:
        row.reviewed_by, row.reviewed_at = by, timezone.now()
    elif not reviewed:
        row.reviewed_by, row.reviewed_at = None, None
    row.full_clean()
    row.save()
    if is_kazakh(language):
        _kazakh_latin_ensure(by=by, record=record, field=field)
    return row


def translation_save(
    *,
    by: User,
    record: Translated,
    field: str,
    language: str,
    script: str,
    text: str,
    origin: str = TranslationOrigin.HUMAN,
    translated_by: str = "",
    reviewed: bool = False,
    correction_note: str = "",
    why: str = "",
) -> ContentTranslation:
    """Add or replace the translation of ``record``'s ``field`` in ``language`` and ``script``.

    ``reviewed`` marks it checked by ``by`` (kept from an earlier review while still true). For
    a public record, ``correction_note`` is the public note of the correction this makes.
    """
    with _translating(by=by, record=record, correction_note=correction_note, why=why):
        return _write(
            by=by,
            record=record,
            row=None,
            field=field,
            language=language,
            script=script,
            text=text,
            origin=origin,
            translated_by=translated_by,
            reviewed=reviewed,
        )


def translation_delete(
    *, by: User, translation: ContentTranslation, correction_note: str = "", why: str = ""
) -> None:
    record = translation.record
    with _translating(by=by, record=record, correction_note=correction_note, why=why):
        require_model_permission(by, "delete", type(translation))
        translation.delete()
        if is_kazakh(translation.language):
            _kazakh_latin_ensure(by=by, record=record, field=translation.field)


def translations_apply(
    *,
    by: User,
    record: Translated,
    edits: RowEdits[ContentTranslation],
    correction_note: str = "",
    why: str = "",
) -> None:
    """A record's translation rows as an inline formset edits them: added, changed, removed.

    A row marked reviewed (``reviewed_at`` set by the caller's form) keeps or takes ``by`` as
    its reviewer; the Latin Kazakh rows follow their Cyrillic ones afterwards.
    """
    model = translation_model(record)
    if not edits:
        return
    with _translating(by=by, record=record, correction_note=correction_note, why=why):
        ids = {row.pk for row in [*edits.changed, *edits.removed]}
        owned = set(_rows(record).filter(pk__in=ids).values_list("pk", flat=True))
        if ids - owned:
            raise ValidationError(
                _("This %(row)s belongs to another record.") % {"row": model._meta.verbose_name}
            )
        touched: set[str] = set()
        for row in edits.removed:
            require_model_permission(by, "delete", model)
            row.delete()
            if is_kazakh(row.language):
                touched.add(row.field)
        for row in [*edits.changed, *edits.added]:
            setattr(row, model.RECORD, record)
            _write(
                by=by,
                record=record,
                row=row,
                field=row.field,
                language=row.language,
                script=row.script,
                text=row.text,
                origin=row.origin,
                translated_by=row.translated_by,
                reviewed=row.reviewed_at is not None,
            )
        for field in touched:
            _kazakh_latin_ensure(by=by, record=record, field=field)


def kazakh_latin_names_ensure(*, by: User, owner: Actor | Topic) -> list[ActorName | TopicName]:
    """Give every Cyrillic Kazakh name of an actor or topic its Latin transliteration, when it
    has no Latin Kazakh name yet (a curator's stays). Called by the actor and topic services in
    their transaction (a public record's is then part of its correction). Returns the rows added.
    """
    model: type[ActorName] | type[TopicName] = ActorName if isinstance(owner, Actor) else TopicName
    names = list(owner.names.filter(language__iregex=r"^kk(-|$)"))
    if any(name.script == Script.LATIN for name in names):
        return []
    added: list[ActorName | TopicName] = []
    for name in names:
        if name.script != Script.CYRILLIC or (
            isinstance(name, ActorName) and name.kind == NameKind.FORMER
        ):
            continue
        row = model(
            value=to_kazakh_latin(name.value),
            language="kk",
            script=Script.LATIN,
            # The spelling comes from the Cyrillic name, so it cites that name's source.
            source=name.source,
        )
        if isinstance(row, ActorName):
            row.actor = owner  # type: ignore[assignment]
            row.kind = NameKind.TRANSLITERATION
        else:
            row.topic = owner  # type: ignore[assignment]
        if any(existing.value == row.value for existing in added):
            continue
        require_model_permission(by, "add", model)
        row.full_clean()
        row.save()
        added.append(row)
    return added


def translations_of(records: Sequence[models.Model]) -> list[ContentTranslation]:
    """Every translation of ``records`` (one kind of record), for an API or export."""
    if not records:
        return []
    model = translation_model(records[0])
    return list(model._default_manager.filter(**{f"{model.RECORD}__in": records}))
