"""The collections the bulk export publishes, each defined once, here.

A collection is a list of columns and the rows they come from, as one ``SELECT`` streamed through
``COPY`` (see ``streaming.py``). ``tests/api/test_export.py`` compares the files byte for byte
with committed ones.

- Rows are public only: published actors, sources, topics, statements, claims and evidence,
  and rows that point only at published ones. Which rows are published is the QuerySets' rule
  (``.published()``): the SQL reads those rows from the QuerySet's own query
  (``published_rows``). Nothing names a staff account.
- The status changes and corrections carry every field their hash covers (``claims/chain.py``),
  so the history can be verified from the files alone (docs/export.md).
- Rows and arrays are ordered by id, never by text (collations differ between databases); the
  translations, from five tables, by kind of record and then id.
- Values are integers, text, null, JSON arrays, or JSON true/false (the same in both formats).
  Partial dates stay at their precision ("2023-04"); exact dates are ``YYYY-MM-DD``;
  timestamps are UTC with microseconds, ``2024-01-11T09:30:00.000000Z``.
- A JSON array is ``array_to_json(array_agg(... ORDER BY id))``, written without spaces
  (``json_agg`` would add spaces). Each array is aggregated once for the whole table and joined
  (``array_join``), not queried row by row: the difference is half the time of the claims file.
- In the CSV files, a text that a spreadsheet would run as a formula is neutralised
  (``spreadsheet_safe_sql``); the NDJSON files keep every text verbatim.
"""

# Every SQL text here is built from constants (model table names, fixed column lists), never from
# a request: hence no S608.
# ruff: noqa: S608

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations
from django.db.models import Model, QuerySet

from claimtracker.archive import state_sql
from claimtracker.claims.models import (
    END_KINDS,
    Actor,
    ActorName,
    ActorRole,
    Claim,
    ClaimEvidence,
    ClaimTranslation,
    ContentTranslation,
    ContradictionLink,
    Correction,
    CorrectionTranslation,
    Evidence,
    EvidenceTranslation,
    Source,
    Statement,
    StatusChange,
    StatusChangeEvidence,
    StatusChangeTranslation,
    Topic,
    TopicName,
    TopicTranslation,
)
from claimtracker.claims.models.corrections import TARGETS

# What a spreadsheet (Excel, LibreOffice, Google Sheets) may run as a formula, or strip and then
# run as one, when it is a cell's first character (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Their code points, as ascii() gives them (the first character's, in a UTF-8 database).
_FORMULA_CODE_POINTS = ", ".join(str(ord(char)) for char in FORMULA_STARTS)


def spreadsheet_safe_sql(sql: str) -> str:
    """A text expression for the CSV files: a text that begins with one of ``FORMULA_STARTS`` gets
    a single quote in front, as OWASP advises, so that a spreadsheet reads it as text instead of
    running it (``=HYPERLINK(…)`` becomes ``'=HYPERLINK(…)``). Null stays null, "" stays "".

    Done here, in the SELECT that COPY writes, rather than on the CSV stream: PostgreSQL compares
    one code point per text cell, and the stream is still passed on as COPY writes it, never
    parsed. ``ascii()`` makes no new text, unlike ``left(…, 1)`` or a regular expression: on the
    statements file it adds about 1% to the COPY's time, they about 6% and 10%."""
    return f"CASE WHEN ascii({sql}) IN ({_FORMULA_CODE_POINTS}) THEN '''' || {sql} ELSE {sql} END"


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # an expression of type integer, text or json
    # A text that people write (quotes, names, notes, slugs, addresses): the CSV files make it
    # spreadsheet-safe. Not numbers, JSON, dates, timestamps, hashes or fixed codes: none of them
    # is a formula, and a date or a number must stay what it is.
    text: bool = False


@dataclass(frozen=True)
class Collection:
    name: str
    columns: tuple[Column, ...]
    # FROM ... WHERE ..., with the table aliases the columns use. A function: a QuerySet's SQL
    # is compiled for the database connection, which importing this module must not need.
    sql_from: Callable[[], str]
    sql_order: str

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def select_sql(self, *, csv: bool = False) -> str:
        """The rows; for a CSV file (``csv``), with spreadsheet-safe texts."""
        columns = ", ".join(
            f"{spreadsheet_safe_sql(column.sql) if csv and column.text else column.sql} "
            f'AS "{column.name}"'
            for column in self.columns
        )
        return f"SELECT {columns} {self.sql_from()} ORDER BY {self.sql_order}"


def table(model: type[Model]) -> str:
    return model._meta.db_table


type Published = Statement | Claim | Evidence | ContradictionLink | Actor | Source | Topic


def published_rows(model: type[Published], alias: str) -> str:
    """The published rows of ``model`` as a FROM item named ``alias``, from the SQL of
    ``model.objects.published()``: the rule is the QuerySet's, written once. PostgreSQL pulls
    such a subquery up into the outer query, so it costs what the condition written out would.
    COPY takes no parameters, so the query's own (such as an EXISTS's ``LIMIT 1``) are bound
    here by psycopg, which quotes them."""
    queryset: QuerySet[Any] = model.objects.published().order_by()
    sql, params = queryset.query.sql_with_params()
    operations = cast(DatabaseOperations, connection.ops)  # the one engine: PostgreSQL
    return f"({operations.compose_sql(sql, params)}) {alias}"


# What the columns are made of.


def utc_timestamp_sql(sql: str) -> str:
    return f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"


def utc_timestamp(value: datetime.datetime) -> str:
    """A timestamp as the files write it, for headers and release manifests."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_date_sql(sql: str) -> str:
    return f"to_char({sql}, 'YYYY-MM-DD')"


def array_join(alias: str, *, key: str, item: str, order: str, source: str, on: str) -> str:
    """LEFT JOIN ``alias`` (``alias.key``, ``alias.items``): for each ``key`` in ``source`` (a FROM
    clause with its WHERE), the JSON array of ``item`` ordered by ``order``. Read it through
    ``array_column(alias)``, which is ``[]`` for rows with no items."""
    return (
        f"LEFT JOIN (SELECT {key} AS key, "
        f"array_to_json(array_agg({item} ORDER BY {order})) AS items "
        f"{source} GROUP BY {key}) {alias} ON {alias}.key = {on}"
    )


def array_column(alias: str) -> str:
    return f"COALESCE({alias}.items, '[]')"


def json_object_sql(*columns: str) -> tuple[str, str]:
    """A JSON object of ``columns`` (SQL ``alias.column``, keyed by the column's name), as an
    item for ``array_join`` and the LATERAL join its ``source`` needs."""
    return "row_to_json(o)", f"CROSS JOIN LATERAL (SELECT {', '.join(columns)}) o"


# Actors, their names and posts.

_NAME_ITEM, _NAME_OBJECT = json_object_sql(
    "n.value", "n.language", "n.script", "n.kind", "n.source_id"
)
_ROLE_ITEM, _ROLE_OBJECT = json_object_sql(
    "r.id", "r.title", "r.organisation_id", "r.start", 'r."end"', "r.note", "r.source_id"
)


ACTORS = Collection(
    name="actors",
    columns=(
        Column("id", "a.id"),
        Column("slug", "a.slug", text=True),
        Column("kind", "a.kind"),
        Column("name", "primary_name.value", text=True),
        Column("description", "a.description", text=True),
        Column("names", array_column("names")),
        Column("roles", array_column("roles")),
    ),
    sql_from=lambda: (
        f"FROM {published_rows(Actor, 'a')} "
        # At most one primary name per actor: a unique constraint says so.
        f"LEFT JOIN {table(ActorName)} primary_name "
        "ON primary_name.actor_id = a.id AND primary_name.kind = 'primary' "
        + array_join(
            "names",
            key="n.actor_id",
            item=_NAME_ITEM,
            order="n.id",
            source=f"FROM {table(ActorName)} n {_NAME_OBJECT}",
            on="a.id",
        )
        + " "
        + array_join(
            "roles",
            key="r.actor_id",
            item=_ROLE_ITEM,
            order="r.id",
            source=f"FROM {table(ActorRole)} r {_ROLE_OBJECT}",
            on="a.id",
        )
    ),
    sql_order="a.id",
)

SOURCES = Collection(
    name="sources",
    columns=(
        Column("id", "so.id"),
        Column("title", "so.title", text=True),
        Column("publisher", "so.publisher", text=True),
        Column("author", "so.author", text=True),
        Column("published_on", "so.published_on"),
        Column("language", "so.language"),
        Column("url", "so.url", text=True),
        Column("archive_url", "so.archive_url", text=True),
        Column("accessed_on", iso_date_sql("so.accessed_on")),
        # What the archive knows of its web address (docs/archiving.md), as the API says it.
        Column("archive_state", state_sql.ARCHIVE_STATE_SQL),
        Column("archive_since", utc_timestamp_sql(state_sql.ARCHIVE_SINCE_SQL)),
        Column("archive_cited_sha256", state_sql.ARCHIVE_CITED_SHA256_SQL),
        Column("archive_latest_at", utc_timestamp_sql(state_sql.ARCHIVE_LATEST_AT_SQL)),
        Column("archive_latest_outcome", state_sql.ARCHIVE_LATEST_OUTCOME_SQL),
        Column("archive_latest_sha256", state_sql.ARCHIVE_LATEST_SHA256_SQL),
    ),
    sql_from=lambda: f"FROM {published_rows(Source, 'so')} {state_sql.archive_joins('so')}",
    sql_order="so.id",
)


_TOPIC_NAME_ITEM, _TOPIC_NAME_OBJECT = json_object_sql(
    "n.value", "n.language", "n.script", "n.source_id"
)


TOPICS = Collection(
    name="topics",
    columns=(
        Column("id", "t.id"),
        Column("slug", "t.slug", text=True),
        Column("name", "t.name", text=True),
        Column("description", "t.description", text=True),
        Column("names", array_column("names")),
    ),
    sql_from=lambda: (
        f"FROM {published_rows(Topic, 't')} "
        + array_join(
            "names",
            key="n.topic_id",
            item=_TOPIC_NAME_ITEM,
            order="n.id",
            source=f"FROM {table(TopicName)} n {_TOPIC_NAME_OBJECT}",
            on="t.id",
        )
    ),
    sql_order="t.id",
)

STATEMENTS = Collection(
    name="statements",
    columns=(
        Column("id", "s.id"),
        Column("speaker_id", "s.speaker_id"),
        Column("speaker_slug", "sp.slug", text=True),
        Column("speaker_role_id", "s.speaker_role_id"),
        Column("mode", "s.mode"),
        Column("quote", "s.quote", text=True),
        Column("language", "s.language"),
        Column("translation", "s.translation", text=True),
        Column("translation_language", "s.translation_language"),
        Column("context", "s.context", text=True),
        Column("stated_on", "s.stated_on"),
        Column("stated_on_wording", "s.stated_on_wording", text=True),
        Column("stated_not_after", iso_date_sql("s.stated_not_after")),
        Column("place", "s.place", text=True),
        Column("source_id", "s.source_id"),
        Column("first_appearance_id", "s.first_appearance_id"),
        Column("published_at", utc_timestamp_sql("s.published_at")),
        Column("withdrawn_at", utc_timestamp_sql("s.withdrawn_at")),
    ),
    sql_from=lambda: (
        f"FROM {published_rows(Statement, 's')} JOIN {table(Actor)} sp ON sp.id = s.speaker_id"
    ),
    sql_order="s.id",
)

_CLAIM_STATEMENTS = Claim.statements.through._meta.db_table
_CLAIM_TOPICS = Claim.topics.through._meta.db_table

CLAIMS = Collection(
    name="claims",
    columns=(
        Column("id", "c.id"),
        Column("slug", "c.slug", text=True),
        Column("text", "c.text", text=True),
        Column("status", "NULLIF(c.status, '')"),
        Column("status_as_of", "latest.as_of"),
        Column("status_reason", "latest.reason", text=True),
        Column("status_changed_at", utc_timestamp_sql("c.status_changed_at")),
        Column("statement_ids", array_column("statements")),
        Column("topic_slugs", array_column("topics")),
        Column("published_at", utc_timestamp_sql("c.published_at")),
    ),
    sql_from=lambda: (
        f"FROM {published_rows(Claim, 'c')} "
        # The latest status change of every claim, in one pass over the history.
        "LEFT JOIN (SELECT DISTINCT ON (sc.claim_id) sc.claim_id, sc.as_of, sc.reason "
        f"FROM {table(StatusChange)} sc ORDER BY sc.claim_id, sc.recorded_at DESC, sc.id DESC"
        ") latest ON latest.claim_id = c.id "
        + array_join(
            "statements",
            key="cs.claim_id",
            item="cs.statement_id",
            order="cs.statement_id",
            source=f"FROM {_CLAIM_STATEMENTS} cs JOIN {published_rows(Statement, 's')} "
            "ON s.id = cs.statement_id",
            on="c.id",
        )
        + " "
        + array_join(
            "topics",
            key="ct.claim_id",
            item="t.slug",
            order="t.id",
            source=f"FROM {_CLAIM_TOPICS} ct JOIN {published_rows(Topic, 't')} "
            "ON t.id = ct.topic_id",
            on="c.id",
        )
    ),
    sql_order="c.id",
)

CLAIM_EVIDENCE = Collection(
    name="claim-evidence",
    columns=(
        Column("id", "ce.id"),
        Column("claim_id", "ce.claim_id"),
        Column("claim_slug", "c.slug", text=True),
        Column("evidence_id", "ce.evidence_id"),
        Column("stance", "ce.stance"),
        Column("note", "ce.note", text=True),
    ),
    sql_from=lambda: (
        f"FROM {table(ClaimEvidence)} ce JOIN {published_rows(Claim, 'c')} ON c.id = ce.claim_id "
        f"JOIN {published_rows(Evidence, 'e')} ON e.id = ce.evidence_id"
    ),
    sql_order="ce.id",
)

EVIDENCE = Collection(
    name="evidence",
    columns=(
        Column("id", "e.id"),
        Column("kind", "e.kind"),
        Column("title", "e.title", text=True),
        Column("summary", "e.summary", text=True),
        Column("occurred_on", "e.occurred_on"),
        Column("occurred_on_wording", "e.occurred_on_wording", text=True),
        Column("occurred_not_after", iso_date_sql("e.occurred_not_after")),
        Column("source_id", "e.source_id"),
        Column("published_at", utc_timestamp_sql("e.published_at")),
        Column("withdrawn_at", utc_timestamp_sql("e.withdrawn_at")),
    ),
    sql_from=lambda: f"FROM {published_rows(Evidence, 'e')}",
    sql_order="e.id",
)

_STATUS_CHANGE_EVIDENCE = table(StatusChangeEvidence)

STATUS_CHANGES = Collection(
    name="status-changes",
    columns=(
        Column("id", "sc.id"),
        Column("claim_id", "sc.claim_id"),
        Column("claim_slug", "c.slug", text=True),
        Column("old_status", "NULLIF(sc.old_status, '')"),
        Column("new_status", "sc.new_status"),
        Column("as_of", "sc.as_of"),
        Column("reason", "sc.reason", text=True),
        Column("recorded_at", utc_timestamp_sql("sc.recorded_at")),
        Column("evidence_ids", array_column("cited")),
        Column("previous_hash", "sc.previous_hash"),
        Column("hash", "sc.hash"),
    ),
    sql_from=lambda: (
        f"FROM {table(StatusChange)} sc JOIN {published_rows(Claim, 'c')} ON c.id = sc.claim_id "
        + array_join(
            "cited",
            key="sce.status_change_id",
            item="sce.evidence_id",
            order="sce.evidence_id",
            source=f"FROM {_STATUS_CHANGE_EVIDENCE} sce JOIN {published_rows(Evidence, 'e')} "
            "ON e.id = sce.evidence_id",
            on="sc.id",
        )
    ),
    sql_order="sc.id",
)

# The records a correction may be of, each a column of its own (``TARGETS``).
_TARGET_MODELS: dict[str, type[Published]] = {
    name: Correction._meta.get_field(name).related_model  # type: ignore[misc]
    for name in TARGETS
}


def _correction_record_type_sql() -> str:
    whens = " ".join(f"WHEN co.{name}_id IS NOT NULL THEN '{name}'" for name in TARGETS)
    return f"CASE {whens} END"


def _corrections_from() -> str:
    # Only published records are corrected, and none is ever unpublished; the join still says
    # so, in case a correction's record is not (yet) public.
    joins = " ".join(
        f"LEFT JOIN {published_rows(model, f'target_{name}')} ON target_{name}.id = co.{name}_id"
        for name, model in _TARGET_MODELS.items()
    )
    public = " OR ".join(f"target_{name}.id IS NOT NULL" for name in _TARGET_MODELS)
    return f"FROM {table(Correction)} co {joins} WHERE {public}"


CORRECTIONS = Collection(
    name="corrections",
    columns=(
        Column("id", "co.id"),
        Column("record_type", _correction_record_type_sql()),
        Column(
            "record_id",
            "COALESCE(" + ", ".join(f"co.{name}_id" for name in TARGETS) + ")",
        ),
        Column("kind", "co.kind"),
        Column("note", "co.note", text=True),
        # As stored (jsonb): the hash covers the parsed value, not its spacing.
        Column("changes", "co.changes"),
        Column("recorded_at", utc_timestamp_sql("co.recorded_at")),
        Column("previous_hash", "co.previous_hash"),
        Column("hash", "co.hash"),
    ),
    sql_from=_corrections_from,
    sql_order="co.id",
)

# A link's end kinds by rank (1 statement, 2 claim, 3 evidence), as ContradictionLink stores them.
_KIND_NAMES = {rank: kind for kind, rank in END_KINDS.items()}


def _end_kind_sql(side: str) -> str:
    whens = " ".join(f"WHEN {rank} THEN '{kind}'" for rank, kind in _KIND_NAMES.items())
    return f"CASE l.{side}_kind {whens} END"


CONTRADICTION_LINKS = Collection(
    name="contradiction-links",
    columns=(
        Column("id", "l.id"),
        Column("a_type", _end_kind_sql("a")),
        Column("a_id", "l.a_id"),
        Column("b_type", _end_kind_sql("b")),
        Column("b_id", "l.b_id"),
        Column("explanation", "l.explanation", text=True),
    ),
    sql_from=lambda: f"FROM {published_rows(ContradictionLink, 'l')}",
    sql_order="l.id",
)


# Content translations: every translated text of a published record, one row per record, field,
# language and script, with its provenance. The five translation tables are read as one UNION ALL,
# each joined to the public rows of the record it translates, by the same rules as those
# records' own collections: a draft claim's text, its status reasons, and draft evidence and
# topics stay out. ``reviewed_by`` is a staff account: the file says whether and when a curator
# reviewed a translation, never who (as the API does).


def _translation_rows(model: type[ContentTranslation], *, rank: int, slug: str, joins: str) -> str:
    """One kind of record's public translations, as rows of the ``tr`` subquery. ``joins``
    joins the translation ``x`` to the public record; ``slug`` is the record's slug or NULL."""
    return (
        f"SELECT {rank} AS rank, '{model.RECORD}' AS record_type, "
        f"x.{model.RECORD}_id AS record_id, {slug} AS record_slug, x.id, x.field, x.language, "
        "x.script, x.text, x.origin, x.translated_by, x.reviewed_at "
        f"FROM {table(model)} x {joins}"
    )


def _translations_from() -> str:
    branches = [
        _translation_rows(
            ClaimTranslation,
            rank=1,
            slug="c.slug",
            joins=f"JOIN {published_rows(Claim, 'c')} ON c.id = x.claim_id",
        ),
        _translation_rows(
            EvidenceTranslation,
            rank=2,
            slug="NULL",
            joins=f"JOIN {published_rows(Evidence, 'e')} ON e.id = x.evidence_id",
        ),
        _translation_rows(
            TopicTranslation,
            rank=3,
            slug="t.slug",
            joins=f"JOIN {published_rows(Topic, 't')} ON t.id = x.topic_id",
        ),
        # A status change is public with its claim, as in ``status-changes``.
        _translation_rows(
            StatusChangeTranslation,
            rank=4,
            slug="NULL",
            joins=f"JOIN {table(StatusChange)} sc ON sc.id = x.status_change_id "
            f"JOIN {published_rows(Claim, 'c')} ON c.id = sc.claim_id",
        ),
        # A correction is public with its record, as in ``corrections``.
        _translation_rows(
            CorrectionTranslation,
            rank=5,
            slug="NULL",
            joins=f"JOIN (SELECT co.id {_corrections_from()}) public_co "
            "ON public_co.id = x.correction_id",
        ),
    ]
    return "FROM (" + " UNION ALL ".join(branches) + ") tr"


TRANSLATIONS = Collection(
    name="translations",
    columns=(
        Column("record_type", "tr.record_type"),
        Column("record_id", "tr.record_id"),
        Column("record_slug", "tr.record_slug", text=True),
        Column("field", "tr.field"),
        Column("language", "tr.language"),
        Column("script", "tr.script"),
        Column("text", "tr.text", text=True),
        Column("origin", "tr.origin"),
        Column("translated_by", "tr.translated_by", text=True),
        # JSON, so that both formats write true or false (COPY's CSV would write t or f).
        Column("reviewed", "to_json(tr.reviewed_at IS NOT NULL)"),
        Column("reviewed_at", utc_timestamp_sql("tr.reviewed_at")),
    ),
    sql_from=_translations_from,
    # By kind of record (as listed above), then in the order the rows were written: no text.
    sql_order="tr.rank, tr.id",
)

# In the order the export index and a release list them: what others point at comes first.
COLLECTIONS: dict[str, Collection] = {
    collection.name: collection
    for collection in [
        ACTORS,
        SOURCES,
        TOPICS,
        STATEMENTS,
        CLAIMS,
        CLAIM_EVIDENCE,
        EVIDENCE,
        STATUS_CHANGES,
        CORRECTIONS,
        CONTRADICTION_LINKS,
        TRANSLATIONS,
    ]
}
