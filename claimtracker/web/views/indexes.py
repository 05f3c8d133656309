"""The ways in besides the claim list: everyone on record, every topic, and who runs the site."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.views.generic import ListView, TemplateView

from claimtracker.claims.models import Actor, Claim, Statement, Topic
from claimtracker.claims.selectors import count_per, public_actor_names, public_topic_names

# Enough to scan on one page; the rest are a page away (the home page's pager).
INDEX_PAGE_SIZE = 100


class ActorIndexView(ListView):  # type: ignore[type-arg]
    """People and institutions with published statements counted, in address order (which
    follows the Latin spelling of the primary name)."""

    template_name = "web/actor_index.html"
    context_object_name = "actors"
    paginate_by = INDEX_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Actor]:
        actors: QuerySet[Actor] = (
            Actor.objects.published()
            .prefetch_related(Prefetch("names", queryset=public_actor_names()))
            .annotate(statement_count=count_per(Statement.objects.published(), "speaker"))
            .order_by("slug")
        )
        return actors


class TopicIndexView(ListView):  # type: ignore[type-arg]
    """Topics with their published claims counted, by name."""

    template_name = "web/topic_index.html"
    context_object_name = "topics"
    paginate_by = INDEX_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Topic]:
        topics: QuerySet[Topic] = (
            Topic.objects.published()
            .prefetch_related(Prefetch("names", queryset=public_topic_names()))
            .annotate(
                claim_count=count_per(
                    Claim.topics.through.objects.filter(claim__published_at__isnull=False), "topic"
                )
            )
            .order_by("name", "pk")
        )
        return topics


class AboutView(TemplateView):
    """Who runs this deployment, who pays for it and how to reach them: each deployment sets
    its own (docs/operations.md, "The About page"); unset, the page says it is not stated."""

    template_name = "web/about.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "operator": settings.PUBLISHER_NAME,
            "about": [part for part in settings.ABOUT_TEXT.split("\n\n") if part.strip()],
            "funding": settings.ABOUT_FUNDING,
            "contact_email": settings.CONTACT_EMAIL,
        }
