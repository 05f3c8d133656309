"""The database's side of "published means frozen": triggers no write path can skip.

A published row, and the rows that make it up (an actor's names, a claim's evidence links),
change only in a transaction that also records a public ``Correction`` of that record: the
service writes the correction first (``services/corrections.py``), then the edit, which these
triggers let through because they find the correction by the transaction's id (``xact``).
Anyone else, the ORM, raw SQL or a database shell, is refused. A claim's status changes only
with a row of its history written in the same transaction.

The triggers compare the columns a reader sees; bookkeeping columns (``updated_at``, derived
search keys, the mirrored status) are left out. Their functions never consult the
``pgtrigger.ignore`` session setting (``claimtracker/claims/dbroles.py``).
"""

# The SQL below is assembled from model metadata (table and column names), never from input.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any

import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

# The current transaction's id, as the ``xact`` columns of corrections and status changes
# store it (``xid8`` has no Django field; its text is a plain 64-bit number).
CURRENT_XACT = "pg_current_xact_id()::text::bigint"

# Columns that change without a correction: bookkeeping, or guarded by their own trigger.
UNFROZEN = frozenset(
    {"updated_at", "search_key", "translations_document", "status", "status_changed_at"}
)


class CurrentTransaction(models.Func):
    """``db_default`` of an ``xact`` column: the id of the transaction that wrote the row."""

    template = CURRENT_XACT
    output_field = models.BigIntegerField()


class HistoryEntry(models.Model):
    """An entry of a record's public history (a status change, a correction): the transaction
    that wrote it, which alone may make the change it records (the triggers below), and its
    place in the record's hash chain (``claimtracker/claims/chain.py``)."""

    xact = models.BigIntegerField(db_default=CurrentTransaction(), editable=False)
    previous_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=_("The hash of the record's previous entry of this kind; empty for its first."),
    )
    hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=_("SHA-256 of this entry's content and the previous hash (chain.py)."),
    )

    class Meta:
        abstract = True


def _correction_exists(column: str, record_id: str) -> str:
    return (
        f'EXISTS (SELECT 1 FROM "claims_correction" WHERE "{column}" = {record_id} '
        f'AND "xact" = {CURRENT_XACT})'
    )


def _refuse(message: str) -> str:
    # check_violation, so Django raises IntegrityError (the services answer before it fires).
    return f"RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = {message};"


class CorrectedOnly(pgtrigger.Trigger):
    """BEFORE UPDATE of a published row that changes what readers see: refused unless this
    transaction recorded a correction of the row."""

    when = pgtrigger.Before
    operation = pgtrigger.Update

    def __init__(self, *, target: str) -> None:
        self.target = target  # the Correction column that points at this model
        super().__init__(name="published_changes_by_correction")

    def get_condition(self, model: Any) -> pgtrigger.Condition:
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if field.name not in UNFROZEN and not field.generated
        ]
        # One flat OR, not ROW(...) IS DISTINCT FROM ROW(...): PostgreSQL expands the latter
        # into nested ORs that a dump and restore would write back differently.
        changed = " OR ".join(
            f'OLD."{column}" IS DISTINCT FROM NEW."{column}"' for column in columns
        )
        return pgtrigger.Condition(f'OLD."published_at" IS NOT NULL AND ({changed})')

    def get_func(self, model: Any) -> str:
        message = (
            f"'{model._meta.db_table} ' || OLD.id "
            "|| ' is published: it changes only through a public correction'"
        )
        return f"""
            IF NOT {_correction_exists(self.target, 'OLD."id"')} THEN
                {_refuse(message)}
            END IF;
            RETURN NEW;
        """


class PartOfPublished(pgtrigger.Trigger):
    """BEFORE INSERT, UPDATE or DELETE of a row that is part of a record (an actor's name, a
    claim's evidence link): refused while that record is published, unless this transaction
    recorded a correction of it."""

    when = pgtrigger.Before
    operation = pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete

    def __init__(self, *, owner_column: str, owner_table: str, target: str) -> None:
        self.owner_column = owner_column
        self.owner_table = owner_table
        self.target = target
        super().__init__(name="part_changes_by_correction")

    def _check(self, row: str) -> str:
        owner = f'{row}."{self.owner_column}"'
        message = (
            f"'{self.owner_table} ' || {owner} || ' is published: its ' || TG_TABLE_NAME "
            "|| ' rows change only through a public correction'"
        )
        return f"""
            IF EXISTS (
                SELECT 1 FROM "{self.owner_table}"
                WHERE "id" = {owner} AND "published_at" IS NOT NULL
            ) AND NOT {_correction_exists(self.target, owner)} THEN
                {_refuse(message)}
            END IF;
        """

    def get_func(self, model: Any) -> str:
        return f"""
            IF TG_OP <> 'INSERT' THEN {self._check("OLD")} END IF;
            IF TG_OP <> 'DELETE' THEN {self._check("NEW")} RETURN NEW; END IF;
            RETURN OLD;
        """


class StatusFromHistory(pgtrigger.Trigger):
    """BEFORE UPDATE of a claim's status: refused unless this transaction recorded the status
    change, so the status always equals its latest history entry."""

    name = "status_changes_with_history"
    when = pgtrigger.Before
    operation = pgtrigger.Update
    condition = pgtrigger.Condition(
        'OLD."status" IS DISTINCT FROM NEW."status" '
        'OR OLD."status_changed_at" IS DISTINCT FROM NEW."status_changed_at"'
    )
    func = f"""
        IF NOT EXISTS (
            SELECT 1 FROM "claims_statuschange"
            WHERE "claim_id" = NEW."id" AND "new_status" = NEW."status"
            AND "xact" = {CURRENT_XACT}
        ) THEN
            {_refuse("'claim ' || NEW.id || ': its status changes only with a recorded change'")}
        END IF;
        RETURN NEW;
    """


CITED_MESSAGE = (
    "'evidence ' || OLD.evidence_id || ' is cited by a status change of claim ' "
    "|| OLD.claim_id || ': it stays linked'"
)


class CitedStaysLinked(pgtrigger.Trigger):
    """A claim's evidence link that one of its status changes cites is never removed nor
    pointed elsewhere: the history would otherwise cite evidence the claim no longer has."""

    name = "cited_stays_linked"
    when = pgtrigger.Before
    operation = pgtrigger.Update | pgtrigger.Delete
    func = f"""
        IF (TG_OP = 'DELETE' OR OLD."claim_id" <> NEW."claim_id"
                OR OLD."evidence_id" <> NEW."evidence_id")
            AND EXISTS (
                SELECT 1 FROM "claims_statuschangeevidence" cited
                JOIN "claims_statuschange" change ON change."id" = cited."status_change_id"
                WHERE change."claim_id" = OLD."claim_id" AND cited."evidence_id" = OLD."evidence_id"
            ) THEN
            {_refuse(CITED_MESSAGE)}
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    """


class SealedAtCommit(pgtrigger.Trigger):
    """History rows are append-only. A correction's list of changes and its hashes are filled
    in by the transaction that wrote it (the edit comes after the correction, ``frozen``);
    from its commit on, nothing of it changes. Nothing is ever deleted."""

    name = "append_only"
    when = pgtrigger.Before
    operation = pgtrigger.Update | pgtrigger.Delete

    def __init__(self, *, sealed_late: tuple[str, ...] = ()) -> None:
        self.sealed_late = sealed_late
        super().__init__()

    def get_func(self, model: Any) -> str:
        table = model._meta.db_table
        refuse = _refuse(f"'{table} is append-only: rows are never edited or deleted'")
        if not self.sealed_late:
            return f"{refuse} RETURN NULL;"
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if field.name not in self.sealed_late
        ]
        old = ", ".join(f'OLD."{column}"' for column in columns)
        new = ", ".join(f'NEW."{column}"' for column in columns)
        return f"""
            IF TG_OP = 'DELETE' OR OLD."xact" <> {CURRENT_XACT}
                OR ROW({old}) IS DISTINCT FROM ROW({new}) THEN
                {refuse}
            END IF;
            RETURN NEW;
        """
