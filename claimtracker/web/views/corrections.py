"""The public corrections page: every correction and withdrawal, newest first (as IFCN asks)."""

from django.db.models import QuerySet
from django.views.generic import ListView

from claimtracker.claims.models import Correction


class CorrectionListView(ListView):  # type: ignore[type-arg]
    """Four queries whatever the page holds: the count, the corrections with their records,
    the speakers' names, and (through ``public_page``) the record stamp."""

    template_name = "web/corrections.html"
    context_object_name = "corrections"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Correction]:
        return Correction.objects.for_display().order_by("-recorded_at", "-pk")
