"""An actor's page: names in every script, roles over time, statements and their claims, and a
tally of the statuses of the claims they asserted over a range of dates the reader sets."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.generic import DetailView

from claimtracker.claims.models import Actor, Claim
from claimtracker.claims.selectors import (
    actor_tally,
    public_actor_names,
    public_actor_roles,
)
from claimtracker.web.filters import StatedRangeForm
from claimtracker.web.pictures import actor_scorecard
from claimtracker.web.views.records import published_statements


class ActorDetailView(DetailView):  # type: ignore[type-arg]
    """A malformed or reversed date range answers 400: the page, with the form and its error
    where the tally would be."""

    template_name = "web/actor_detail.html"
    context_object_name = "actor"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.range_form = StatedRangeForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if self.range_form.errors:
            response.status_code = 400
        return response

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.published().prefetch_related(
            Prefetch("names", queryset=public_actor_names()),
            "names__source",
            Prefetch("roles", queryset=public_actor_roles()),
            "roles__organisation__names",
            "roles__source",
            Prefetch(
                "statements",
                queryset=published_statements().prefetch_related(
                    Prefetch("claims", queryset=Claim.objects.published())
                ),
            ),
            "corrections",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        tally = scorecard = None
        if self.range_form.is_valid():
            start = self.range_form.cleaned_data["stated_from"]
            end = self.range_form.cleaned_data["stated_to"]
            tally = actor_tally(self.object, start=start, end=end)
            # Per year, from the statements and claims the page already loaded.
            scorecard = actor_scorecard(self.object.statements.all(), start=start, end=end)
        return {
            **super().get_context_data(**kwargs),
            "range_form": self.range_form,
            "tally": tally,
            "scorecard": scorecard,
        }
