"""The collections the bulk export publishes, each defined once, here.

A collection is a list of columns and the rows they come from, written twice side by side: as one
PostgreSQL ``SELECT`` (streamed through ``COPY``, see ``streaming.py``) and as an ORM queryset
with a Python function per column (the path SQLite takes). Both must give the same text for the
same rows; ``tests/api/test_export.py`` compares them byte for byte, and against committed files.

What the two sides agree on:

- Rows are public only: published statements, claims and evidence, and rows that point only at
  published ones. Actors, sources and topics have no drafts. Nothing names a staff account.
- Rows and arrays are ordered by id, never by text (collations differ between databases).
- Values are integers, text, null, or JSON arrays. Partial dates stay at their precision
  ("2023-04"); exact dates are ``YYYY-MM-DD``; timestamps are UTC with microseconds,
  ``2024-01-11T09:30:00.000000Z``.
- A JSON array in SQL is ``array_to_json(array_agg(... ORDER BY id))``, written without spaces
  like ``json.dumps(..., separators=(",", ":"))`` (``json_agg`` would add spaces). Each array is
  aggregated once for the whole table and joined (``array_join``), not queried row by row: the
  difference is half the time of the claims file.
"""

# Every SQL text here is built from constants (model table names, fixed column lists), never from
# a request: hence no S608.
# ruff: noqa: S608

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Model, OuterRef, Prefetch, Q, QuerySet, Subquery

from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    END_KINDS,
    Actor,
    ActorName,
    ActorRole,
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Evidence,
    Source,
    Statement,
    StatusChange,
    StatusChangeEvidence,
    Topic,
    TopicName,
)

type Value = int | str | list[Any] | None
type Row = Any  # a model instance from the collection's queryset


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # a PostgreSQL expression of type integer, text or json
    value: Callable[[Row], Value]  # the same value from an ORM row


@dataclass(frozen=True)
class Collection:
    name: str
    columns: tuple[Column, ...]
    sql_from: str  # FROM ... WHERE ..., with the table aliases the columns use
    sql_order: str
    queryset: Callable[[], QuerySet[Any]]  # the same rows in the same order

    def __post_init__(self) -> None:
        # PostgreSQL's CSV writer quotes a lone "\." only in a one-column file; with two or more
        # columns, its quoting rules are the ones streaming.csv_cell copies.
        if len(self.columns) < 2:
            raise ValueError(f"{self.name}: a collection needs two columns or more")

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def select_sql(self) -> str:
        columns = ", ".join(f'{column.sql} AS "{column.name}"' for column in self.columns)
        return f"SELECT {columns} {self.sql_from} ORDER BY {self.sql_order}"

    def row_values(self, row: Row) -> list[Value]:
        return [column.value(row) for column in self.columns]


def table(model: type[Model]) -> str:
    return model._meta.db_table


# What the columns are made of, in SQL and in Python.


def utc_timestamp_sql(sql: str) -> str:
    return f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"


@overload
def utc_timestamp(value: datetime.datetime) -> str: ...
@overload
def utc_timestamp(value: None) -> None: ...
def utc_timestamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_date_sql(sql: str) -> str:
    return f"to_char({sql}, 'YYYY-MM-DD')"


def iso(value: PartialDate | datetime.date | None) -> str | None:
    """A partial date at its precision, or an exact date."""
    return None if value is None else value.isoformat()


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


def field(name: str) -> Callable[[Row], Value]:
    def value(row: Row) -> Value:
        item: Value = getattr(row, name)
        return item

    return value


def text_or_null(name: str) -> Callable[[Row], Value]:
    """For the status columns, where "" means "no status": exported as null."""
    return lambda row: getattr(row, name) or None


def published(alias: str) -> str:
    """The SQL twin of ``.published()``."""
    return f"{alias}.published_at IS NOT NULL"


# Actors, their names and posts.

_NAME_ITEM, _NAME_OBJECT = json_object_sql(
    "n.value", "n.language", "n.script", "n.kind", "n.source_id"
)
_ROLE_ITEM, _ROLE_OBJECT = json_object_sql(
    "r.id", "r.title", "r.organisation_id", "r.start", 'r."end"', "r.note", "r.source_id"
)


def _actor_names(actor: Actor) -> Value:
    return [
        {
            "value": name.value,
            "language": name.language,
            "script": name.script,
            "kind": name.kind,
            "source_id": name.source_id,
        }
        for name in actor.names.all()
    ]


def _actor_roles(actor: Actor) -> Value:
    return [
        {
            "id": role.pk,
            "title": role.title,
            "organisation_id": role.organisation_id,
            "start": iso(role.start),
            "end": iso(role.end),
            "note": role.note,
            "source_id": role.source_id,
        }
        for role in actor.roles.all()
    ]


def _primary_name(actor: Actor) -> Value:
    return next((name.value for name in actor.names.all() if name.kind == "primary"), None)


ACTORS = Collection(
    name="actors",
    columns=(
        Column("id", "a.id", field("pk")),
        Column("slug", "a.slug", field("slug")),
        Column("kind", "a.kind", field("kind")),
        Column("name", "primary_name.value", _primary_name),
        Column("description", "a.description", field("description")),
        Column("names", array_column("names"), _actor_names),
        Column("roles", array_column("roles"), _actor_roles),
    ),
    sql_from=(
        f"FROM {table(Actor)} a "
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
    queryset=lambda: Actor.objects.order_by("pk").prefetch_related(
        Prefetch("names", queryset=ActorName.objects.order_by("pk")),
        Prefetch("roles", queryset=ActorRole.objects.order_by("pk")),
    ),
)

SOURCES = Collection(
    name="sources",
    columns=(
        Column("id", "so.id", field("pk")),
        Column("title", "so.title", field("title")),
        Column("publisher", "so.publisher", field("publisher")),
        Column("author", "so.author", field("author")),
        Column("published_on", "so.published_on", lambda row: iso(row.published_on)),
        Column("language", "so.language", field("language")),
        Column("url", "so.url", field("url")),
        Column("archive_url", "so.archive_url", field("archive_url")),
        Column("accessed_on", iso_date_sql("so.accessed_on"), lambda row: iso(row.accessed_on)),
    ),
    sql_from=f"FROM {table(Source)} so",
    sql_order="so.id",
    queryset=lambda: Source.objects.order_by("pk"),
)


_TOPIC_NAME_ITEM, _TOPIC_NAME_OBJECT = json_object_sql(
    "n.value", "n.language", "n.script", "n.source_id"
)


def _topic_names(topic: Topic) -> Value:
    return [
        {
            "value": name.value,
            "language": name.language,
            "script": name.script,
            "source_id": name.source_id,
        }
        for name in topic.names.all()
    ]


TOPICS = Collection(
    name="topics",
    columns=(
        Column("id", "t.id", field("pk")),
        Column("slug", "t.slug", field("slug")),
        Column("name", "t.name", field("name")),
        Column("description", "t.description", field("description")),
        Column("names", array_column("names"), _topic_names),
    ),
    sql_from=f"FROM {table(Topic)} t "
    + array_join(
        "names",
        key="n.topic_id",
        item=_TOPIC_NAME_ITEM,
        order="n.id",
        source=f"FROM {table(TopicName)} n {_TOPIC_NAME_OBJECT}",
        on="t.id",
    ),
    sql_order="t.id",
    queryset=lambda: Topic.objects.order_by("pk").prefetch_related(
        Prefetch("names", queryset=TopicName.objects.order_by("pk"))
    ),
)

STATEMENTS = Collection(
    name="statements",
    columns=(
        Column("id", "s.id", field("pk")),
        Column("speaker_id", "s.speaker_id", field("speaker_id")),
        Column("speaker_slug", "sp.slug", lambda row: row.speaker.slug),
        Column("speaker_role_id", "s.speaker_role_id", field("speaker_role_id")),
        Column("mode", "s.mode", field("mode")),
        Column("quote", "s.quote", field("quote")),
        Column("language", "s.language", field("language")),
        Column("translation", "s.translation", field("translation")),
        Column("translation_language", "s.translation_language", field("translation_language")),
        Column("context", "s.context", field("context")),
        Column("stated_on", "s.stated_on", lambda row: iso(row.stated_on)),
        Column("stated_on_wording", "s.stated_on_wording", field("stated_on_wording")),
        Column(
            "stated_not_after",
            iso_date_sql("s.stated_not_after"),
            lambda row: iso(row.stated_not_after),
        ),
        Column("place", "s.place", field("place")),
        Column("source_id", "s.source_id", field("source_id")),
        Column("first_appearance_id", "s.first_appearance_id", field("first_appearance_id")),
        Column(
            "published_at",
            utc_timestamp_sql("s.published_at"),
            lambda row: utc_timestamp(row.published_at),
        ),
    ),
    sql_from=(
        f"FROM {table(Statement)} s JOIN {table(Actor)} sp ON sp.id = s.speaker_id "
        f"WHERE {published('s')}"
    ),
    sql_order="s.id",
    queryset=lambda: Statement.objects.published().select_related("speaker").order_by("pk"),
)

# The latest status change of each claim, for the claim's current status.
_LATEST_CHANGE = StatusChange.objects.filter(claim=OuterRef("pk")).order_by("-recorded_at", "-pk")
_CLAIM_STATEMENTS = Claim.statements.through._meta.db_table
_CLAIM_TOPICS = Claim.topics.through._meta.db_table

CLAIMS = Collection(
    name="claims",
    columns=(
        Column("id", "c.id", field("pk")),
        Column("slug", "c.slug", field("slug")),
        Column("text", "c.text", field("text")),
        Column("status", "NULLIF(c.status, '')", text_or_null("status")),
        Column("status_as_of", "latest.as_of", lambda row: iso(row.latest_as_of)),
        Column("status_reason", "latest.reason", field("latest_reason")),
        Column(
            "status_changed_at",
            utc_timestamp_sql("c.status_changed_at"),
            lambda row: utc_timestamp(row.status_changed_at),
        ),
        Column(
            "statement_ids",
            array_column("statements"),
            lambda row: [statement.pk for statement in row.statements.all()],
        ),
        Column(
            "topic_slugs",
            array_column("topics"),
            lambda row: [topic.slug for topic in row.topics.all()],
        ),
        Column(
            "published_at",
            utc_timestamp_sql("c.published_at"),
            lambda row: utc_timestamp(row.published_at),
        ),
    ),
    sql_from=(
        f"FROM {table(Claim)} c "
        # The latest status change of every claim, in one pass over the history.
        "LEFT JOIN (SELECT DISTINCT ON (sc.claim_id) sc.claim_id, sc.as_of, sc.reason "
        f"FROM {table(StatusChange)} sc ORDER BY sc.claim_id, sc.recorded_at DESC, sc.id DESC"
        ") latest ON latest.claim_id = c.id "
        + array_join(
            "statements",
            key="cs.claim_id",
            item="cs.statement_id",
            order="cs.statement_id",
            source=f"FROM {_CLAIM_STATEMENTS} cs JOIN {table(Statement)} s "
            f"ON s.id = cs.statement_id WHERE {published('s')}",
            on="c.id",
        )
        + " "
        + array_join(
            "topics",
            key="ct.claim_id",
            item="t.slug",
            order="t.id",
            source=f"FROM {_CLAIM_TOPICS} ct JOIN {table(Topic)} t ON t.id = ct.topic_id",
            on="c.id",
        )
        + f" WHERE {published('c')}"
    ),
    sql_order="c.id",
    queryset=lambda: (
        Claim.objects.published()
        .annotate(
            latest_as_of=Subquery(_LATEST_CHANGE.values("as_of")[:1]),
            latest_reason=Subquery(_LATEST_CHANGE.values("reason")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "statements", queryset=Statement.objects.published().order_by("pk").only("pk")
            ),
            Prefetch("topics", queryset=Topic.objects.order_by("pk").only("pk", "slug")),
        )
        .order_by("pk")
    ),
)

CLAIM_EVIDENCE = Collection(
    name="claim-evidence",
    columns=(
        Column("id", "ce.id", field("pk")),
        Column("claim_id", "ce.claim_id", field("claim_id")),
        Column("claim_slug", "c.slug", lambda row: row.claim.slug),
        Column("evidence_id", "ce.evidence_id", field("evidence_id")),
        Column("stance", "ce.stance", field("stance")),
        Column("note", "ce.note", field("note")),
    ),
    sql_from=(
        f"FROM {table(ClaimEvidence)} ce JOIN {table(Claim)} c ON c.id = ce.claim_id "
        f"JOIN {table(Evidence)} e ON e.id = ce.evidence_id "
        f"WHERE {published('c')} AND {published('e')}"
    ),
    sql_order="ce.id",
    queryset=lambda: (
        ClaimEvidence.objects.filter(
            claim__published_at__isnull=False, evidence__published_at__isnull=False
        )
        .select_related("claim")
        .order_by("pk")
    ),
)

EVIDENCE = Collection(
    name="evidence",
    columns=(
        Column("id", "e.id", field("pk")),
        Column("kind", "e.kind", field("kind")),
        Column("title", "e.title", field("title")),
        Column("summary", "e.summary", field("summary")),
        Column("occurred_on", "e.occurred_on", lambda row: iso(row.occurred_on)),
        Column("occurred_on_wording", "e.occurred_on_wording", field("occurred_on_wording")),
        Column(
            "occurred_not_after",
            iso_date_sql("e.occurred_not_after"),
            lambda row: iso(row.occurred_not_after),
        ),
        Column("source_id", "e.source_id", field("source_id")),
        Column(
            "published_at",
            utc_timestamp_sql("e.published_at"),
            lambda row: utc_timestamp(row.published_at),
        ),
    ),
    sql_from=f"FROM {table(Evidence)} e WHERE {published('e')}",
    sql_order="e.id",
    queryset=lambda: Evidence.objects.published().order_by("pk"),
)

_STATUS_CHANGE_EVIDENCE = table(StatusChangeEvidence)

STATUS_CHANGES = Collection(
    name="status-changes",
    columns=(
        Column("id", "sc.id", field("pk")),
        Column("claim_id", "sc.claim_id", field("claim_id")),
        Column("claim_slug", "c.slug", lambda row: row.claim.slug),
        Column("old_status", "NULLIF(sc.old_status, '')", text_or_null("old_status")),
        Column("new_status", "sc.new_status", field("new_status")),
        Column("as_of", "sc.as_of", lambda row: iso(row.as_of)),
        Column("reason", "sc.reason", field("reason")),
        Column(
            "recorded_at",
            utc_timestamp_sql("sc.recorded_at"),
            lambda row: utc_timestamp(row.recorded_at),
        ),
        Column(
            "evidence_ids",
            array_column("cited"),
            lambda row: [item.pk for item in row.evidence.all()],
        ),
    ),
    sql_from=(
        f"FROM {table(StatusChange)} sc JOIN {table(Claim)} c ON c.id = sc.claim_id "
        + array_join(
            "cited",
            key="sce.status_change_id",
            item="sce.evidence_id",
            order="sce.evidence_id",
            source=f"FROM {_STATUS_CHANGE_EVIDENCE} sce JOIN {table(Evidence)} e "
            f"ON e.id = sce.evidence_id WHERE {published('e')}",
            on="sc.id",
        )
        + f" WHERE {published('c')}"
    ),
    sql_order="sc.id",
    queryset=lambda: (
        StatusChange.objects.filter(claim__published_at__isnull=False)
        .select_related("claim")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.published().order_by("pk").only("pk"))
        )
        .order_by("pk")
    ),
)

# A link's end kinds by rank (1 statement, 2 claim, 3 evidence), as ContradictionLink stores them.
_KIND_NAMES = {rank: kind for kind, rank in END_KINDS.items()}
_LINK_END_TABLES = {
    "statement": table(Statement),
    "claim": table(Claim),
    "evidence": table(Evidence),
}


def _end_kind_sql(side: str) -> str:
    whens = " ".join(f"WHEN {rank} THEN '{kind}'" for rank, kind in _KIND_NAMES.items())
    return f"CASE l.{side}_kind {whens} END"


def _link_ends_published_sql() -> str:
    """Both ends published. Each side has one end among three columns: the first of their rows'
    ``published_at`` that exists. One index lookup per end, so the cost follows the links, not
    the size of the tables they point into (a join would hash every statement)."""
    return " AND ".join(
        "COALESCE("
        + ", ".join(
            f"(SELECT x.published_at FROM {end_table} x WHERE x.id = l.{side}_{kind}_id)"
            for kind, end_table in _LINK_END_TABLES.items()
        )
        + ") IS NOT NULL"
        for side in "ab"
    )


def _link_ends_published() -> Q:
    condition = Q()
    for side in "ab":
        for kind in END_KINDS:
            condition &= Q(**{f"{side}_{kind}__isnull": True}) | Q(
                **{f"{side}_{kind}__published_at__isnull": False}
            )
    return condition


CONTRADICTION_LINKS = Collection(
    name="contradiction-links",
    columns=(
        Column("id", "l.id", field("pk")),
        Column("a_type", _end_kind_sql("a"), lambda row: _KIND_NAMES[row.a_kind]),
        Column("a_id", "l.a_id", field("a_id")),
        Column("b_type", _end_kind_sql("b"), lambda row: _KIND_NAMES[row.b_kind]),
        Column("b_id", "l.b_id", field("b_id")),
        Column("explanation", "l.explanation", field("explanation")),
    ),
    sql_from=f"FROM {table(ContradictionLink)} l WHERE {_link_ends_published_sql()}",
    sql_order="l.id",
    queryset=lambda: ContradictionLink.objects.filter(_link_ends_published()).order_by("pk"),
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
        CONTRADICTION_LINKS,
    ]
}
