"""A topic's page: a narrative's claims with their statuses, and a timeline of what was said,
found and decided about them."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.views.generic import DetailView

from claimtracker.claims.models import ClaimCount, Topic
from claimtracker.claims.selectors import (
    claim_cards,
    public_topic_names,
    topic_timeline,
    with_status_held_for,
)
from claimtracker.claims.selectors_translations import topic_page_translations
from claimtracker.web.pictures import topic_years

# The page shows the newest cards; the full list is the home page filtered to the topic.
TOPIC_CARDS = 20


class TopicDetailView(DetailView):  # type: ignore[type-arg]
    template_name = "web/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self) -> QuerySet[Topic]:
        return Topic.objects.published().prefetch_related(
            Prefetch("names", queryset=public_topic_names()),
            "corrections",
            # In the reader's language: one query each, none on English pages.
            *topic_page_translations(),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        claims = claim_cards().filter(topics=self.object)
        timeline = topic_timeline(self.object)
        return {
            **super().get_context_data(**kwargs),
            "claims": with_status_held_for(list(claims[:TOPIC_CARDS]), timezone.localdate()),
            # From the counters: a topic may hold a large share of a million claims.
            "claim_count": sum(ClaimCount.objects.by_status(self.object).values()),
            "timeline": timeline,
            "topic_picture": topic_years(timeline),
        }
