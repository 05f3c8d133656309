"""What a reader may see: drafts only for staff in a role, published records for everyone else.

Every queryset the API reads a statement, claim or piece of evidence from goes through here,
nested lists and filter lookups included, so a published claim never leaks a draft statement.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from claimtracker.api.permissions import sees_drafts
from claimtracker.claims.models import Claim, ContradictionLink, Evidence, Statement
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
