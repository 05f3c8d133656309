"""Reads for the public pages: the claim list and its cards, an actor's tally, a topic's timeline.

Each selector runs a fixed number of queries however many rows it returns; the docstrings say
how many. Only published records are counted or shown, and of a published actor or topic only
the names, posts and ties whose cited records are published too (``citing_only_published``).

"Newest change first" means the latest of a claim's last status change and its publication: a
claim nobody has assessed yet has no status change (NULL, which PostgreSQL would sort first in a
descending order), and a claim assessed while still a draft reached the public only when it was
published. Both cases sort by the moment the public could first see the claim as it is now.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Left
from django.utils.timesince import timesince

from claimtracker.claims.dates import PartialDate, describe_date
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRelation,
    ActorRole,
    Claim,
    ClaimEvidence,
    ClaimStatus,
    ClaimTranslation,
    Evidence,
    EvidenceTranslation,
    Stance,
    Statement,
    StatusChange,
    StatusChangeTranslation,
    Topic,
    TopicName,
)
from claimtracker.claims.models.claims import NO_STATUS, last_change
from claimtracker.claims.planner import planned
from claimtracker.claims.selectors_translations import carry_translation, translation_annotation

# How many asserting statements a card names; the card says how many there are in all.
CARD_STATEMENTS = 3

ClaimAsserted = Claim.statements.through


# The parts of a published actor or topic the public sees


def citing_only_published[QS: QuerySet[Any]](rows: QS, *cited: str) -> QS:
    """``rows`` whose records named by ``cited`` (foreign keys; an empty one cites nothing) are
    all published. No extra query: each condition joins the row it names.

    Publishing an actor or topic publishes what its rows cite (``services.record_publish``),
    so this hides only what that has not covered: a tie from a draft actor to a published one,
    or a row a correction added citing a draft. A part of a record citing something private
    waits, whole, for it: half a citation would mislead.
    """
    for name in cited:
        condition = Q(**{f"{name}__published_at__isnull": False})
        if rows.model._meta.get_field(name).null:
            condition |= Q(**{f"{name}__isnull": True})
        rows = rows.filter(condition)
    return rows


# Each takes the rows to narrow (default: all), so the API can add its select_related.


def public_actor_names(names: QuerySet[ActorName] | None = None) -> QuerySet[ActorName]:
    return citing_only_published(ActorName.objects.all() if names is None else names, "source")


def public_actor_roles(roles: QuerySet[ActorRole] | None = None) -> QuerySet[ActorRole]:
    rows = ActorRole.objects.all() if roles is None else roles
    return citing_only_published(rows, "source", "organisation")


def public_actor_relations(
    relations: QuerySet[ActorRelation] | None = None,
) -> QuerySet[ActorRelation]:
    """Ties from a published actor, shown on its page: the other actor must be public too."""
    rows = ActorRelation.objects.all() if relations is None else relations
    return citing_only_published(rows, "source", "other")


def public_actor_relations_towards(
    relations: QuerySet[ActorRelation] | None = None,
) -> QuerySet[ActorRelation]:
    """Ties towards a published actor: a draft actor's tie to it stays private with its owner."""
    rows = ActorRelation.objects.all() if relations is None else relations
    return citing_only_published(rows, "source", "subject")


def public_topic_names(names: QuerySet[TopicName] | None = None) -> QuerySet[TopicName]:
    return citing_only_published(TopicName.objects.all() if names is None else names, "source")


# The claim list and its cards


def count_per(rows: QuerySet[Any], key: str = "claim", expression: Any = None) -> Coalesce:
    """A correlated subquery counting ``rows`` per outer row, matched on ``key`` (no join fans
    out the outer rows, so ordering and paging stay on the outer table's index)."""
    counted = (
        rows.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(count=expression or Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def card_statements() -> QuerySet[Statement]:
    """The asserting statements a card names: published, earliest first, undated last."""
    return (
        Statement.objects.published()
        .filter(withdrawn_at__isnull=True)
        .select_related("speaker")
        .prefetch_related("speaker__names")
        .order_by(
            F("stated_on").asc(nulls_last=True), F("stated_not_after").asc(nulls_last=True), "pk"
        )
    )


def claim_cards() -> QuerySet[Claim]:
    """Published claims, newest change first, with everything a claim card shows.

    Annotations: ``last_change``, ``statement_count`` and ``speaker_count`` (published statements
    asserting the claim, and their distinct speakers), ``supporting_count`` and
    ``contradicting_count`` (published evidence by stance), ``status_as_of`` (the ``as_of``
    PartialDate of the latest status change, None when never assessed), ``status_reason`` (its
    reason, "" when never assessed). ``asserting`` holds the
    first ``CARD_STATEMENTS`` statements. Three queries once evaluated: the claims, the
    statements, the speakers' names.
    """
    # Withdrawn statements and evidence stay on their pages, marked, but no longer count.
    published_asserting = ClaimAsserted.objects.filter(
        statement__published_at__isnull=False, statement__withdrawn_at__isnull=True
    )
    published_evidence = ClaimEvidence.objects.filter(
        evidence__published_at__isnull=False, evidence__withdrawn_at__isnull=True
    )
    latest_change = StatusChange.objects.filter(claim=OuterRef("pk")).order_by(
        "-recorded_at", "-pk"
    )
    cards: QuerySet[Claim] = (
        Claim.objects.published()
        .annotate(
            last_change=last_change(),
            statement_count=count_per(published_asserting),
            speaker_count=count_per(
                published_asserting, expression=Count("statement__speaker", distinct=True)
            ),
            supporting_count=count_per(published_evidence.filter(stance=Stance.SUPPORTS)),
            contradicting_count=count_per(published_evidence.filter(stance=Stance.CONTRADICTS)),
            status_as_of=Subquery(latest_change.values("as_of")[:1]),
            status_reason=Coalesce(
                Subquery(latest_change.values("reason")[:1]), Value(""), output_field=TextField()
            ),
            # The text and reason in the reader's language, in the same query (none in English).
            **translation_annotation(ClaimTranslation, "text"),
            **translation_annotation(
                StatusChangeTranslation,
                "reason",
                record=Subquery(latest_change.values("pk")[:1]),
                name="status_reason",
            ),
        )
        .prefetch_related(
            Prefetch(
                "statements", queryset=card_statements()[:CARD_STATEMENTS], to_attr="asserting"
            )
        )
        .order_by("-last_change", "-pk")
    )
    return cards


def status_counts(claims: QuerySet[Claim]) -> dict[str, int]:
    """How many of ``claims`` hold each status (``NO_STATUS`` for none), in one query."""
    counts = dict.fromkeys([*ClaimStatus.values, NO_STATUS], 0)
    for row in claims.order_by().values("status").annotate(count=Count("pk")):
        counts[row["status"] or NO_STATUS] = row["count"]
    return counts


def status_held_for(as_of: PartialDate | None, today: datetime.date) -> str:
    """How long a claim has certainly had its status, in words ("2 years"); "" if under a day.

    Counted from the last day ``as_of`` can mean, so a month-only or year-only date never makes
    the status look older than the source says.
    """
    if as_of is None or as_of.latest() >= today:
        return ""
    return timesince(as_of.latest(), now=today, depth=1)


def with_status_held_for(claims: list[Claim], today: datetime.date) -> list[Claim]:
    """Set ``held_for`` on each claim of a page of ``claim_cards()``; runs no query."""
    for claim in claims:
        claim.held_for = status_held_for(claim.status_as_of, today)  # type: ignore[attr-defined]
    return claims


# An actor's tally


@dataclass(frozen=True)
class TallyRow:
    status: str  # "" for claims nobody has assessed yet
    label: str
    count: int


@dataclass(frozen=True)
class ActorTally:
    rows: list[TallyRow]
    total: int
    # The reader's range (either bound may be open) ...
    start: PartialDate | None
    end: PartialDate | None
    # ... and the dates of the actor's statements on record, to say what "all dates" covers.
    first_on_record: PartialDate | None
    last_on_record: PartialDate | None
    undated_on_record: int
    # Per year of the statements within the range (None: undated), how many claims asserted
    # that year have each status ("" for none yet); a claim asserted in two years counts in
    # both. The scorecard's figures.
    per_year: dict[int | None, dict[str, int]]


def actor_tally(
    actor: Actor, *, start: PartialDate | None = None, end: PartialDate | None = None
) -> ActorTally:
    """How many of the published claims ``actor`` asserted (in a published statement made
    within the range) have each status, overall and per year of the statement, and the dates
    of the actor's statements on record (whatever the range).

    One query: the links between the actor's published statements and published claims, read
    once and grouped three ways by PostgreSQL (``GROUPING SETS``: by year and status, by status,
    and all), each claim counted once per group. An actor with tens of thousands of statements
    made it three scans of the same links before.
    """
    statements = Statement.objects.published().filter(speaker=actor)
    in_range: Exists | Value = Value(True)
    if start is not None or end is not None:
        in_range = Exists(statements.stated_within(start, end).filter(pk=OuterRef("statement_id")))
    links = (
        ClaimAsserted.objects.filter(statement__in=statements, claim__published_at__isnull=False)
        .annotate(in_range=in_range, year=Left("statement__stated_on", 4, output_field=CharField()))
        # Compiled fields first, then annotations: the order ``columns`` names them in.
        .values_list(  # type: ignore[misc]  # django-stubs does not see a conditional annotation
            "statement_id", "statement__stated_on", "claim_id", "claim__status", "in_range", "year"
        )
        .order_by()
    )
    sql, params = links.query.sql_with_params()
    columns = "statement_id, stated_on, claim_id, status, in_range, year"
    # Django compiled the inner query, every value in it a parameter.
    grouped = (
        "SELECT year, status, GROUPING(year, status), "  # noqa: S608
        "COUNT(DISTINCT claim_id) FILTER (WHERE in_range), MIN(stated_on), MAX(stated_on), "
        "COUNT(DISTINCT statement_id) FILTER (WHERE stated_on IS NULL) "
        f"FROM ({sql}) AS links ({columns}) "
        "GROUP BY GROUPING SETS ((year, status), (status), ())"
    )
    # Every link is found by key (the actor's statements, their claims, each claim's status,
    # all from covering indexes). With those indexes the planner prefers, for an actor of a few
    # thousand statements, to read every link of every claim in a parallel scan and hash them:
    # more rows read than the page needs, at any size.
    rows = planned(grouped, params, ("enable_seqscan",), using=links.db)
    counts: dict[str, int] = {}
    per_year: dict[int | None, dict[str, int]] = {}
    first = last = None
    undated = 0
    for year, status, grouping, claims, earliest, latest, undated_statements in rows:
        if grouping == 0 and claims:  # by year and status
            per_year.setdefault(int(year) if year else None, {})[status] = claims
        elif grouping == 2:  # by status
            counts[status] = claims
        elif grouping == 3:  # all
            first, last, undated = earliest, latest, undated_statements
    statuses = [(status.value, str(status.label)) for status in ClaimStatus]
    tally_rows = [
        TallyRow(status, label, counts.get(status, 0))
        for status, label in [*statuses, ("", str(Claim(status="").status_label))]
    ]
    return ActorTally(
        rows=tally_rows,
        total=sum(row.count for row in tally_rows),
        start=start,
        end=end,
        first_on_record=PartialDate.parse(first) if first else None,
        last_on_record=PartialDate.parse(last) if last else None,
        undated_on_record=undated,
        per_year=per_year,
    )


# A topic's timeline


@dataclass
class TimelineEntry:
    """One dated happening under a topic: a statement, a piece of evidence or a status change.

    ``record`` is the Statement, Evidence or StatusChange; ``claims`` are the topic's claims it
    bears on (with the stance, for evidence).
    """

    kind: str  # "statement", "evidence" or "status_change"
    record: Any
    when: PartialDate | None
    when_display: str
    claims: list[tuple[Claim, str]] = field(default_factory=list)

    def sort_key(self) -> tuple[tuple[int, int, int], int, int]:
        when = self.when.sort_key() if self.when else (0, 0, 0)
        return (when, KIND_ORDER[self.kind], self.record.pk)


# On the same date, what was said comes before what was found, and both before the verdict.
KIND_ORDER = {"statement": 0, "evidence": 1, "status_change": 2}


# A topic page shows the latest this many items; every item is also on its claims' pages.
TIMELINE_LIMIT = 100


@dataclass(frozen=True)
class TopicTimeline:
    dated: list[TimelineEntry]
    # Statements and evidence whose source gives no date; status changes always have one.
    undated: list[TimelineEntry]
    # True when older (or undated) items were left out to keep the page readable.
    shortened: bool


def topic_timeline(topic: Topic, limit: int = TIMELINE_LIMIT) -> TopicTimeline:
    """The topic's latest ``limit`` published statements, evidence and status changes, in date
    order, and the undated ones while fewer than ``limit`` items are dated.

    Partial dates sort as their ISO text does (a year alone before the months of that year),
    in the database and here. Each kind is read latest first up to ``limit``; merged, the
    latest ``limit`` of all are then exactly the latest ``limit`` of the topic. Items with no
    date are kept apart rather than guessed into place. Six queries: statements, their
    speakers' names and claims; evidence and its links to the topic's claims; status changes.
    """
    claims = Claim.objects.published().filter(topics=topic)
    # Texts in the reader's language ride on the rows already read (no query; none in English).
    claim_text = translation_annotation(
        ClaimTranslation, "text", record=OuterRef("claim_id"), name="claim_text"
    )
    topic_claims = Prefetch(
        "claims",
        queryset=claims.annotate(**translation_annotation(ClaimTranslation, "text")).order_by(
            "slug"
        ),
        to_attr="topic_claims",
    )
    said = (
        Statement.objects.published()
        .filter(pk__in=ClaimAsserted.objects.filter(claim__in=claims).values("statement"))
        .select_related("speaker")
        .prefetch_related("speaker__names", topic_claims)
        .latest_first()[:limit]
    )
    found = (
        Evidence.objects.published()
        .filter(pk__in=ClaimEvidence.objects.filter(claim__in=claims).values("evidence"))
        .select_related("source")
        .prefetch_related(
            Prefetch(
                "claim_links",
                queryset=ClaimEvidence.objects.filter(claim__in=claims)
                .select_related("claim")
                .annotate(**claim_text)
                .order_by("claim__slug"),
                to_attr="topic_links",
            )
        )
        .annotate(**translation_annotation(EvidenceTranslation, "title"))
        .order_by(F("occurred_on").desc(nulls_last=True), "-pk")[:limit]
    )
    decided = (
        StatusChange.objects.filter(claim__in=claims)
        .select_related("claim")
        .annotate(**claim_text, **translation_annotation(StatusChangeTranslation, "reason"))
        .order_by("-as_of", "-recorded_at", "-pk")[:limit]
    )
    entries = [
        *(
            TimelineEntry(
                "statement",
                statement,
                statement.stated_on,
                statement.date_display,
                [(claim, "") for claim in statement.topic_claims],
            )
            for statement in said
        ),
        *(
            TimelineEntry(
                "evidence",
                evidence,
                evidence.occurred_on,
                evidence.date_display,
                [
                    (carry_translation(link, link.claim), link.get_stance_display())
                    for link in evidence.topic_links
                ],
            )
            for evidence in found
        ),
        *(
            TimelineEntry(
                "status_change",
                change,
                change.as_of,
                describe_date(change.as_of),
                [(carry_translation(change, change.claim), "")],
            )
            for change in decided
        ),
    ]
    dated = sorted((e for e in entries if e.when), key=TimelineEntry.sort_key)
    undated = [e for e in entries if not e.when]
    shortened = len(dated) > limit or any(len(rows) == limit for rows in (said, found, decided))
    dated = dated[-limit:]
    # Undated items come last in each latest-first read, so all of them were read only when
    # their kind did not reach the limit; show them only while the page has room.
    undated = sorted(undated, key=lambda e: (KIND_ORDER[e.kind], e.record.pk))
    undated = undated[: max(0, limit - len(dated))]
    return TopicTimeline(dated=dated, undated=undated, shortened=shortened)
