"""An actor's page: names in every script, roles over time, their latest statements and their
claims, and a tally of the statuses of the claims they asserted over a range of dates the reader
sets. The tally and the scorecard are grouped counts; every claim they asserted is listed, page
by page, on the home page filtered to them, which the page links to."""

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

# The page shows this many statements, the latest first; one more is read to know there are more.
LATEST_STATEMENTS = 20


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
            "corrections",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        tally = scorecard = None
        if self.range_form.is_valid():
            start = self.range_form.cleaned_data["stated_from"]
            end = self.range_form.cleaned_data["stated_to"]
            tally = actor_tally(self.object, start=start, end=end)
            totals = {row.status: row.count for row in tally.rows}
            scorecard = actor_scorecard(tally.per_year, totals)
        # Read for this one actor, not as a sliced prefetch: that numbers every statement of
        # the actor (a window over tens of thousands) to keep the first; this walks the index
        # statement_speaker_latest and stops.
        statements = list(
            published_statements()
            .filter(speaker=self.object)
            .prefetch_related(Prefetch("claims", queryset=Claim.objects.published()))
            .latest_first()[: LATEST_STATEMENTS + 1]
        )
        return {
            **super().get_context_data(**kwargs),
            "range_form": self.range_form,
            "tally": tally,
            "scorecard": scorecard,
            "statements": statements[:LATEST_STATEMENTS],
            "more_statements": len(statements) > LATEST_STATEMENTS,
        }
