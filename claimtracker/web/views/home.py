"""The home page: claims first. Status tabs with counts, then the cards, newest change first;
the other filters folded away until a reader opens them or uses one.

Unfiltered, or filtered by status and topic only, the tabs' counts and the number of pages come
from the claim counters (``claims.models.ClaimCount``), a few rows kept by the database, not
from counting every published claim per request; a filter by actor or dates counts its claims.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView

from claimtracker.claims.models import Claim, ClaimCount
from claimtracker.claims.models.claims import STATUS_CHOICES_WITH_NONE
from claimtracker.claims.selectors import claim_cards, status_counts, with_status_held_for
from claimtracker.web.filters import ClaimListFilter
from claimtracker.web.pagination import IdsFirstPaginator


class HomeView(ListView):  # type: ignore[type-arg]
    """Bad filter values answer 400 with the form and its errors; a page number past the end
    (or not a number) is a 404, as Django's ListView does."""

    template_name = "web/home.html"
    context_object_name = "claims"
    paginate_by = 20
    paginator_class = IdsFirstPaginator
    filterset: ClaimListFilter
    # Claims per status under the filters other than the status ("none" for none yet).
    counts: dict[str, int]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.filterset = ClaimListFilter(request.GET or None, queryset=claim_cards())
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = self.filterset.queryset.none()
            return self.render_to_response({"filter": self.filterset}, status=400)
        self.counts = self.status_counts()
        return super().get(request, *args, **kwargs)

    def status_counts(self) -> dict[str, int]:
        """From the counters when only status and topic filter; else counted. One query."""
        data = self.filterset.form.cleaned_data if self.filterset.is_bound else {}
        counts = dict.fromkeys([status for status, _label in STATUS_CHOICES_WITH_NONE], 0)
        if not any(data.get(name) for name in ("actor", "stated_from", "stated_to")):
            return counts | ClaimCount.objects.by_status(data.get("topic"))
        claims = self.filterset.filter_queryset(Claim.objects.published(), by_status=False)
        return status_counts(claims)

    def get_paginator(self, *args: Any, **kwargs: Any) -> IdsFirstPaginator:
        """The list's length is a tab's count: no second count of the same claims."""
        status = self.request.GET.get("status", "")
        count = self.counts[status] if status else sum(self.counts.values())
        return IdsFirstPaginator(*args, count=count, **kwargs)

    def get_queryset(self) -> Any:
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        claims: list[Claim] = with_status_held_for(list(context["claims"]), timezone.localdate())
        others = [name for name in self.filterset.form.fields if name != "status"]
        return {
            **context,
            "claims": claims,
            "filter": self.filterset,
            "tabs": self.status_tabs(),
            "current_status": self.request.GET.get("status", ""),
            # Folded unless the reader is using one of them.
            "filters_open": any(self.request.GET.get(name) for name in others),
        }

    def status_tabs(self) -> list[tuple[str, str, int]]:
        """(status, its label, how many claims the other filters leave with it) for each status
        some claim holds, "All" first; the current status always shows, even at 0."""
        counts = self.counts
        current = self.request.GET.get("status", "")
        return [("", str(_("All")), sum(counts.values()))] + [
            (status, str(label), counts[status])
            for status, label in STATUS_CHOICES_WITH_NONE
            if counts[status] or status == current
        ]
