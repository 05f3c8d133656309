"""Pages about the record rather than of it."""

from typing import Any

from django.views.generic import TemplateView

from claimtracker.claims.models import ClaimStatus
from claimtracker.claims.models.claims import NO_STATUS_DEFINITION, STATUS_DEFINITIONS


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
