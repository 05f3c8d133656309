"""Public pages: one queryset, one context, one template each.

Only published statements, claims and evidence appear, on their own pages and inside others.
"""

import json
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, TemplateView

from claimtracker.claims.claimreview import claim_review, for_claim_review
from claimtracker.claims.models import (
    Actor,
    Claim,
    ClaimEvidence,
    ClaimStatus,
    Evidence,
    Source,
    Statement,
    StatusChange,
    Topic,
)
from claimtracker.claims.models.claims import NO_STATUS_DEFINITION, STATUS_DEFINITIONS


def published_statements() -> QuerySet[Statement]:
    return Statement.objects.published().for_display()


class ClaimDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        # Everything the page shows, in a fixed number of queries.
        return Claim.objects.published().prefetch_related(
            Prefetch("statements", queryset=published_statements()),
            Prefetch(
                "evidence_links",
                queryset=ClaimEvidence.objects.filter(evidence__published_at__isnull=False)
                .select_related("evidence__source")
                .order_by("stance", "evidence__occurred_on"),
            ),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("recorded_by")
                .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.published()))
                .order_by("recorded_at", "pk"),
            ),
            "topics",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        history = list(self.object.status_changes.all())
        return {
            **super().get_context_data(**kwargs),
            "history": history,
            "latest": history[-1:],
            "claim_review_json": claim_review_json(self.object) if self.object.status else None,
        }


# Inside <script>, "</script>" or "<!--" in a curator's text must not end the element.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def claim_review_json(claim: Claim) -> str:
    """The schema.org ClaimReview fact-check aggregators read, as JSON safe inside <script>.

    Runs the feed's own fixed set of queries, so the page and the feed never disagree.
    """
    review = claim_review(for_claim_review(Claim.objects.filter(pk=claim.pk)).get())
    return mark_safe(json.dumps(review, ensure_ascii=False).translate(SCRIPT_SAFE))  # noqa: S308


class MethodologyView(TemplateView):
    """What each status means and how it is decided: the definitions are the domain's own."""

    template_name = "web/methodology.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        statuses = [
            (status.value, status.label, STATUS_DEFINITIONS[status]) for status in ClaimStatus
        ]
        return {
            **super().get_context_data(**kwargs),
            "statuses": statuses,
            "no_status": NO_STATUS_DEFINITION,
        }


class ActorDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/actor_detail.html"
    context_object_name = "actor"

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.prefetch_related(
            "names__source",
            "roles__organisation__names",
            "roles__source",
            Prefetch(
                "statements",
                queryset=published_statements().prefetch_related(
                    Prefetch("claims", queryset=Claim.objects.published())
                ),
            ),
        )


class TopicDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self) -> QuerySet[Topic]:
        return Topic.objects.prefetch_related(
            "names", Prefetch("claims", queryset=Claim.objects.published().order_by("slug"))
        )


class StatementDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self) -> QuerySet[Statement]:
        return published_statements().prefetch_related(
            Prefetch("claims", queryset=Claim.objects.published())
        )


class EvidenceDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/evidence_detail.html"
    context_object_name = "evidence"

    def get_queryset(self) -> QuerySet[Evidence]:
        return (
            Evidence.objects.published()
            .select_related("source")
            .prefetch_related(
                Prefetch(
                    "claim_links",
                    queryset=ClaimEvidence.objects.filter(
                        claim__published_at__isnull=False
                    ).select_related("claim"),
                )
            )
        )


class SourceDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/source_detail.html"
    context_object_name = "source"
    model = Source

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "statements": published_statements().filter(source=self.object),
            "evidence_items": Evidence.objects.published().filter(source=self.object),
        }
