"""A claim's page: its status first, then who asserted it, the evidence and the history."""

import json
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from claimtracker.claims.claimreview import claim_review, for_claim_review
from claimtracker.claims.models import Claim, ClaimEvidence, Evidence, StatusChange, Topic
from claimtracker.web.views.records import published_statements


class ClaimDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        # Everything the page shows, in a fixed number of queries.
        return Claim.objects.published().prefetch_related(
            Prefetch("statements", queryset=published_statements().prefetch_related("corrections")),
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
                .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.published()))
                .order_by("recorded_at", "pk"),
            ),
            # Publishing the claim published its topics, and a correction publishes those it
            # adds: published() is a safeguard.
            Prefetch("topics", queryset=Topic.objects.published()),
            "corrections",
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
