"""An actor's page: names in every script, roles over time, statements and their claims."""

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView

from claimtracker.claims.models import Actor, Claim
from claimtracker.web.views.records import published_statements


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
