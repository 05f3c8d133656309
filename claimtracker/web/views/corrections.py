"""The public corrections page: every correction and withdrawal, newest first (as IFCN asks)."""

from django.db.models import OuterRef, QuerySet
from django.views.generic import ListView

from claimtracker.claims.models import (
    ClaimTranslation,
    Correction,
    CorrectionTranslation,
    EvidenceTranslation,
)
from claimtracker.claims.selectors_translations import translation_annotation


class CorrectionListView(ListView):  # type: ignore[type-arg]
    """Four queries whatever the page holds: the count, the corrections with their records,
    the speakers' names, and (through ``public_page``) the record stamp."""

    template_name = "web/corrections.html"
    context_object_name = "corrections"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Correction]:
        corrections: QuerySet[Correction] = (
            Correction.objects.for_display()
            # Notes, claims and evidence titles in the reader's language, in the same query.
            .annotate(
                **translation_annotation(CorrectionTranslation, "note"),
                **translation_annotation(
                    ClaimTranslation, "text", record=OuterRef("claim_id"), name="claim_text"
                ),
                **translation_annotation(
                    EvidenceTranslation,
                    "title",
                    record=OuterRef("evidence_id"),
                    name="evidence_title",
                ),
            )
            .order_by("-recorded_at", "-pk")
        )
        return corrections
