"""A claim's page: the verdict first, then the quotes, the evidence by stance, what contradicts
what, the history newest first and related claims."""

import json
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from claimtracker.claims.claimreview import claim_review, for_claim_review
from claimtracker.claims.models import (
    Claim,
    ClaimEvidence,
    Evidence,
    Stance,
    StatusChange,
    Topic,
)
from claimtracker.claims.models.claims import last_change
from claimtracker.claims.selectors_translations import claim_page_translations
from claimtracker.web.pictures import claim_timeline
from claimtracker.web.views.records import contradictions, published_statements


class ClaimDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        # Everything the page shows, in a fixed number of queries.
        return Claim.objects.published().prefetch_related(
            Prefetch(
                "statements",
                # The sources' captures: a quote whose page changed or vanished since it was
                # cited says so (claimtracker/archive).
                queryset=published_statements().prefetch_related("corrections", "source__captures"),
            ),
            Prefetch(
                "evidence_links",
                queryset=ClaimEvidence.objects.published()
                .select_related("evidence__source")
                .prefetch_related("evidence__corrections")
                .order_by("stance", "evidence__occurred_on"),
            ),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("recorded_by")
                .prefetch_related(
                    Prefetch(
                        "evidence", queryset=Evidence.objects.published().select_related("source")
                    )
                )
                .order_by("-recorded_at", "-pk"),
            ),
            # Publishing the claim published its topics, and a correction publishes those it
            # adds: published() is a safeguard.
            Prefetch("topics", queryset=Topic.objects.published()),
            "corrections",
            # In the reader's language: one query each, none on English pages.
            *claim_page_translations(),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        claim = self.object
        history = list(claim.status_changes.all())
        evidence_links = list(claim.evidence_links.all())
        return {
            **super().get_context_data(**kwargs),
            # Newest first: what holds now leads, how it came to be follows.
            "history": history,
            "latest": history[:1],
            "stance_counts": stance_counts(evidence_links),
            # The status timeline, drawn from what the page already loaded.
            "claim_picture": claim_timeline(list(claim.statements.all()), evidence_links, history),
            # What contradicts the claim, its statements or its evidence.
            "contradictions": contradictions(
                claim, *claim.statements.all(), *(link.evidence for link in evidence_links)
            ),
            "related": related_claims(claim),
            "claim_review_json": claim_review_json(claim) if claim.status else None,
        }


def stance_counts(links: list[ClaimEvidence]) -> list[tuple[str, str, int]]:
    """(stance, its label, how many) for the verdict's summary, in the stances' own order;
    withdrawn evidence no longer counts, as its mark says."""
    counted = [link for link in links if link.evidence.withdrawn_at is None]
    return [
        (stance.value, str(stance.label), sum(link.stance == stance for link in counted))
        for stance in Stance
    ]


RELATED_LIMIT = 5


def related_claims(claim: Claim) -> QuerySet[Claim]:
    """Other published claims on the claim's topics, most recently changed first."""
    topics = [topic.pk for topic in claim.topics.all()]
    shares_topic = Claim.topics.through.objects.filter(claim=OuterRef("pk"), topic__in=topics)
    return (
        Claim.objects.published()
        .filter(Exists(shares_topic))
        .exclude(pk=claim.pk)
        .order_by(last_change().desc(), "pk")[:RELATED_LIMIT]
    )


# Inside <script>, "</script>" or "<!--" in a curator's text must not end the element.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def claim_review_json(claim: Claim) -> str:
    """The schema.org ClaimReview fact-check aggregators read, as JSON safe inside <script>.

    Runs the feed's own fixed set of queries, so the page and the feed never disagree.
    """
    review = claim_review(for_claim_review(Claim.objects.filter(pk=claim.pk)).get())
    return mark_safe(json.dumps(review, ensure_ascii=False).translate(SCRIPT_SAFE))  # noqa: S308
