"""Pages of single records: a statement, a piece of evidence, a source."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView

from claimtracker.claims.models import (
    Claim,
    ClaimEvidence,
    ContradictionLink,
    Evidence,
    Source,
    Statement,
)
from claimtracker.claims.models.links import Facing, LinkEnd
from claimtracker.claims.models.statements import StatementQuerySet
from claimtracker.claims.selectors_translations import evidence_page_translations


def published_statements() -> StatementQuerySet:
    return Statement.objects.published().for_display()


def contradictions(*near: LinkEnd) -> list[Facing]:
    """Published contradiction links touching ``near`` (a record and its parts), seen from it."""
    links = ContradictionLink.objects.published().touching(*near).for_display()
    return [link.seen_from(*near) for link in links]


class WithContradictions(DetailView):  # type: ignore[type-arg]
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "contradictions": contradictions(self.object)}


class StatementDetailView(WithContradictions):
    template_name = "web/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self) -> QuerySet[Statement]:
        return published_statements().prefetch_related(
            Prefetch("claims", queryset=Claim.objects.published()), "corrections"
        )


class EvidenceDetailView(WithContradictions):
    template_name = "web/evidence_detail.html"
    context_object_name = "evidence"

    def get_queryset(self) -> QuerySet[Evidence]:
        return (
            Evidence.objects.published()
            .select_related("source")
            .prefetch_related(
                "corrections",
                Prefetch(
                    "claim_links",
                    queryset=ClaimEvidence.objects.published().select_related("claim"),
                ),
                # In the reader's language: one query each, none on English pages.
                *evidence_page_translations(),
            )
        )


class SourceDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/source_detail.html"
    context_object_name = "source"

    def get_queryset(self) -> QuerySet[Source]:
        return Source.objects.published().prefetch_related("corrections")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "statements": published_statements().filter(source=self.object),
            "evidence_items": Evidence.objects.published().filter(source=self.object),
        }
