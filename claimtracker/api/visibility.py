"""What a reader may see: drafts only for staff in a role, published records for everyone else.

Every queryset the API reads a record from goes through here, nested lists and filter lookups
included, so a published claim never leaks a draft statement, nor a published actor a draft
actor's tie to it. Sources, actors and topics are drafts until published too: publishing a
record publishes what it cites (``services.record_publish``), so a published record's sources,
speaker and topics are public; the nested parts hidden here are what that does not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from claimtracker.api.permissions import sees_drafts
from claimtracker.claims.models import (
    Actor,
    Claim,
    ContradictionLink,
    Evidence,
    Source,
    Statement,
    Topic,
)
from claimtracker.claims.models.actors import ActorQuerySet
from claimtracker.claims.models.base import PublishableQuerySet
from claimtracker.claims.models.claims import ClaimQuerySet
from claimtracker.claims.models.statements import StatementQuerySet


def visible[M: Model](
    queryset: QuerySet[M], request: Request, *, through: str | None = None
) -> QuerySet[M]:
    """``queryset`` as this reader may see it: everything for curators, else published rows.

    ``through`` names the publishable record each row belongs to, for rows that are not
    publishable themselves: ``visible(ClaimEvidence.objects.all(), request, through="claim")``.
    """
    if sees_drafts(request):
        return queryset
    return queryset.filter(
        **{f"{through}__published_at__isnull" if through else "published_at__isnull": False}
    )


def visible_statements(request: Request) -> StatementQuerySet:
    statements: StatementQuerySet = Statement.objects.all()
    return statements if sees_drafts(request) else statements.published()


def visible_claims(request: Request) -> ClaimQuerySet:
    claims: ClaimQuerySet = Claim.objects.all()
    return claims if sees_drafts(request) else claims.published()


def visible_evidence(request: Request) -> QuerySet[Evidence]:
    evidence = Evidence.objects.all()
    return evidence if sees_drafts(request) else evidence.published()


def visible_links(request: Request) -> QuerySet[ContradictionLink]:
    """Links whose two ends the reader may both see: a link to a draft is a draft too."""
    links = ContradictionLink.objects.all()
    return links if sees_drafts(request) else links.published()


def visible_actors(request: Request) -> ActorQuerySet:
    actors: ActorQuerySet = Actor.objects.all()
    return actors if sees_drafts(request) else actors.published()


def visible_sources(request: Request) -> PublishableQuerySet:
    sources: PublishableQuerySet = Source.objects.all()
    return sources if sees_drafts(request) else sources.published()


def visible_topics(request: Request) -> PublishableQuerySet:
    topics: PublishableQuerySet = Topic.objects.all()
    return topics if sees_drafts(request) else topics.published()


def visible_parts[QS: QuerySet[Any]](rows: QS, request: Request, public: Callable[[QS], QS]) -> QS:
    """Parts of a record (an actor's names, posts and ties, a topic's names) as this reader may
    see them: all for curators, else ``public(rows)``, the rule the public pages use
    (``selectors.public_actor_names`` and its siblings)."""
    return rows if sees_drafts(request) else public(rows)
