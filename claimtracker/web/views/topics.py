"""A topic's page: a narrative's claims with their statuses."""

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView

from claimtracker.claims.models import Claim, Topic


class TopicDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self) -> QuerySet[Topic]:
        return Topic.objects.prefetch_related(
            "names", Prefetch("claims", queryset=Claim.objects.published().order_by("slug"))
        )
