"""Translations of a record's text into the readers' languages, with where each comes from.

English is the source of truth (docs/i18n.md, "Content translations"): a translation is a row
beside the record, never a replacement of it, saying who or what translated it (a person, a
machine, or the 2021 Kazakh Latin transliteration) and who reviewed it. One row per record,
field, language and script. Quotes (``Statement.quote``) are never translated here: they stay
the speaker's words, and already carry their own translation beside them.

A translation is part of the record it translates, as an actor's names are of the actor: once
the record is published, adding, changing or removing one takes a public correction of the
record in the same transaction (``frozen.PartOfPublished`` and the two triggers below; the
services write the correction, ``services/translations.py``). A status reason and a
correction note are themselves public history: their translations may be written in the
transaction that writes them, and later only with a correction of the record they belong to.
"""

# The SQL below is assembled from model metadata (table and column names), never from input.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any, ClassVar

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models.base import Script, VisibleText, audited
from claimtracker.claims.models.corrections import TARGETS
from claimtracker.claims.models.frozen import CURRENT_XACT, PartOfPublished
from claimtracker.claims.search import SearchKeyed, SearchKeyField


class TranslationOrigin(models.TextChoices):
    HUMAN = "human", _("Human translation")
    MACHINE = "machine", _("Machine translation")
    TRANSLITERATION = "transliteration", _("Transliteration (Kazakh Latin, 2021 alphabet)")


class ContentTranslation(VisibleText, SearchKeyed):
    """One field of a record in one language and script (follows ``LocalizedName``).

    ``translated_by`` is free text, not an account: translators are often not curators (a
    volunteer, an agency, a machine translation engine, the transliteration), and the account
    that entered the row is already in the audit trail. ``reviewed_by`` is an account: a
    review is a curator's act that the project answers for.
    """

    # The fields of the record that may be translated, in the order pages show them.
    FIELDS: ClassVar[tuple[str, ...]] = ("text",)
    # The foreign key to the translated record.
    RECORD: ClassVar[str] = ""

    field = models.CharField(
        max_length=40, default="text", help_text=_("Which text of the record this translates.")
    )
    language = models.CharField(max_length=35, help_text=_("BCP 47 language tag, e.g. kk, ru."))
    script = models.CharField(max_length=4, choices=Script.choices, default=Script.CYRILLIC)
    text = models.TextField(help_text=_("The translated text."))
    origin = models.CharField(
        max_length=20, choices=TranslationOrigin.choices, default=TranslationOrigin.HUMAN
    )
    translated_by = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who or what translated it: a person's name, or the machine translation used."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The curator who checked this translation against the original."),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Search finds a claim by any of its translations (claimtracker/claims/search.py).
    search_key = SearchKeyField(sources=["text"])

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.text} ({self.language}-{self.script})"

    @property
    def record(self) -> Any:
        return getattr(self, self.RECORD)

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None

    @property
    def is_generated(self) -> bool:
        """Written by a machine or the transliteration, not by a person."""
        return self.origin != TranslationOrigin.HUMAN


def _field_known(name: str, fields: tuple[str, ...]) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(field__in=fields), name=f"{name}_field_known")


def _one_per_language(name: str, record: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=[record, "field", "language", "script"],
        name=f"{name}_one_per_language",
        violation_error_message=_(
            "This text already has a translation in this language and script."
        ),
    )


def _checks(name: str, record: str, fields: tuple[str, ...]) -> list[models.BaseConstraint]:
    return [
        _one_per_language(name, record),
        _field_known(name, fields),
        models.CheckConstraint(
            condition=models.Q(origin__in=TranslationOrigin.values), name=f"{name}_origin_known"
        ),
        models.CheckConstraint(
            condition=~models.Q(text__regex=r"^\s*$"), name=f"{name}_text_not_blank"
        ),
    ]


def _search_index(name: str) -> GinIndex:
    return GinIndex(fields=["search_key"], opclasses=["gin_trgm_ops"], name=f"{name}_search_trgm")


def _refuse(message: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {message};"


class PartOfHistoryEntry(pgtrigger.Trigger):
    """BEFORE INSERT, UPDATE or DELETE of a translation of a history entry (a status change of
    a claim, a correction of a record): free in the transaction that wrote the entry; later,
    refused unless this transaction recorded a correction of the record the entry is about.

    Corrections are of published records only, so a correction's note is always public; a
    status change is public once its claim is (``published``).
    ``public_record`` is SQL giving the entry's record as (correction column = record id)
    conditions on a correction aliased ``later``, with the entry aliased ``entry``.
    """

    when = pgtrigger.Before
    operation = pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete

    def __init__(
        self, *, entry_column: str, entry_table: str, public_record: str, published: str = "TRUE"
    ) -> None:
        self.entry_column = entry_column
        self.entry_table = entry_table
        self.public_record = public_record
        self.published = published  # SQL: the entry (aliased ``entry``) is public
        super().__init__(name="part_changes_by_correction")

    def _check(self, row: str) -> str:
        entry = f'{row}."{self.entry_column}"'
        message = (
            f"'{self.entry_table} ' || {entry} || ' is public history: its translations change "
            "only with a public correction'"
        )
        return f"""
            IF EXISTS (
                SELECT 1 FROM "{self.entry_table}" entry
                WHERE entry."id" = {entry} AND entry."xact" <> {CURRENT_XACT}
                AND {self.published}
            ) AND NOT EXISTS (
                SELECT 1 FROM "{self.entry_table}" entry, "claims_correction" later
                WHERE entry."id" = {entry} AND later."xact" = {CURRENT_XACT}
                AND ({self.public_record})
            ) THEN
                {_refuse(message)}
            END IF;
        """

    def get_func(self, model: Any) -> str:
        return f"""
            IF TG_OP <> 'INSERT' THEN {self._check("OLD")} END IF;
            IF TG_OP <> 'DELETE' THEN {self._check("NEW")} RETURN NEW; END IF;
            RETURN OLD;
        """


@audited()
class ClaimTranslation(ContentTranslation):
    FIELDS = ("text",)
    RECORD = "claim"

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="translations")

    class Meta:
        verbose_name = _("claim translation")
        verbose_name_plural = _("claim translations")
        ordering = ["claim", "field", "language", "script"]
        constraints = _checks("claimtranslation", "claim", ("text",))
        indexes = [_search_index("claimtranslation")]
        triggers = [
            PartOfPublished(owner_column="claim_id", owner_table="claims_claim", target="claim_id")
        ]


@audited()
class EvidenceTranslation(ContentTranslation):
    FIELDS = ("title", "summary")
    RECORD = "evidence"

    evidence = models.ForeignKey(
        "claims.Evidence", on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        verbose_name = _("evidence translation")
        verbose_name_plural = _("evidence translations")
        ordering = ["evidence", "field", "language", "script"]
        constraints = _checks("evidencetranslation", "evidence", ("title", "summary"))
        indexes = [_search_index("evidencetrans")]
        triggers = [
            PartOfPublished(
                owner_column="evidence_id", owner_table="claims_evidence", target="evidence_id"
            )
        ]


@audited()
class TopicTranslation(ContentTranslation):
    """A topic's description; its name in other languages is a ``TopicName``."""

    FIELDS = ("description",)
    RECORD = "topic"

    topic = models.ForeignKey("claims.Topic", on_delete=models.CASCADE, related_name="translations")

    class Meta:
        verbose_name = _("topic description translation")
        verbose_name_plural = _("topic description translations")
        ordering = ["topic", "field", "language", "script"]
        constraints = _checks("topictranslation", "topic", ("description",))
        triggers = [
            PartOfPublished(owner_column="topic_id", owner_table="claims_topic", target="topic_id")
        ]


@audited()
class StatusChangeTranslation(ContentTranslation):
    """The public reason of a status change."""

    FIELDS = ("reason",)
    RECORD = "status_change"

    status_change = models.ForeignKey(
        "claims.StatusChange", on_delete=models.PROTECT, related_name="translations"
    )

    class Meta:
        verbose_name = _("status reason translation")
        verbose_name_plural = _("status reason translations")
        ordering = ["status_change", "field", "language", "script"]
        constraints = _checks("statuschangetranslation", "status_change", ("reason",))
        triggers = [
            PartOfHistoryEntry(
                entry_column="status_change_id",
                entry_table="claims_statuschange",
                public_record='later."claim_id" = entry."claim_id"',
                # A draft claim's history is not public yet.
                published='EXISTS (SELECT 1 FROM "claims_claim" claim '
                'WHERE claim."id" = entry."claim_id" AND claim."published_at" IS NOT NULL)',
            )
        ]


@audited()
class CorrectionTranslation(ContentTranslation):
    """The public note of a correction or withdrawal."""

    FIELDS = ("note",)
    RECORD = "correction"

    correction = models.ForeignKey(
        "claims.Correction", on_delete=models.PROTECT, related_name="translations"
    )

    class Meta:
        verbose_name = _("correction note translation")
        verbose_name_plural = _("correction note translations")
        ordering = ["correction", "field", "language", "script"]
        constraints = _checks("correctiontranslation", "correction", ("note",))
        triggers = [
            PartOfHistoryEntry(
                entry_column="correction_id",
                entry_table="claims_correction",
                # A later correction of the same record, whichever kind of record it is.
                public_record='later."id" <> entry."id" AND ('
                + " OR ".join(f'later."{name}_id" = entry."{name}_id"' for name in TARGETS)
                + ")",
            )
        ]


# Every translation model, by the model of the record it translates.
TRANSLATION_MODELS: tuple[type[ContentTranslation], ...] = (
    ClaimTranslation,
    EvidenceTranslation,
    TopicTranslation,
    StatusChangeTranslation,
    CorrectionTranslation,
)
