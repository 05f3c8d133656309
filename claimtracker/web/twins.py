"""Every public page names its JSON twin: the same record (or list) from the REST API.

Readers see the link in the footer; machines find it as ``<link rel="alternate">`` in the head.
"""

from typing import Any

from django.urls import reverse


class JsonTwinMixin:
    """For detail views: ``api_basename`` and the object's lookup give the API detail URL."""

    api_basename: str
    api_lookup: str = "pk"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        record = self.object  # type: ignore[attr-defined]
        lookup = {self.api_lookup: getattr(record, self.api_lookup)}
        context["json_twin"] = reverse(f"api:{self.api_basename}-detail", kwargs=lookup)
        return context
