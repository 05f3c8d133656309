from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from claimtracker.claims.models.base import (
    LocalizedName,
    Publishable,
    PublishableQuerySet,
    audited,
    publication_constraints,
    publication_triggers,
)
from claimtracker.claims.models.frozen import PartOfPublished
from claimtracker.claims.scripts import in_reader_script, script_of
from claimtracker.claims.search import SearchKeyed, SearchKeyField


@audited()
class Topic(SearchKeyed, Publishable):
    """A narrative or event that groups claims, e.g. the January 2022 events (Qandy Qantar)."""

    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Used in the public address; never change it.")
    )
    name = models.CharField(
        max_length=300, help_text=_("The English name, shown when none matches the reader.")
    )
    description = models.TextField(blank=True)
    search_key = SearchKeyField(sources=["name"])

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = publication_constraints("topic")
        triggers = publication_triggers("topic")
        indexes = [
            # Search: topics by name, folded (pg_trgm, see 0003_search).
            GinIndex(fields=["search_key"], opclasses=["gin_trgm_ops"], name="topic_search_trgm"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:topic", args=[self.slug])

    def display_name(self, language: str | None = None) -> str:
        """The name in the reader's language if there is one; runs a query unless prefetched."""
        code = (language or get_language() or "en").lower()
        wanted = code.split("-")[0]
        names = [n for n in self.names.all() if n.language.split("-")[0].lower() == wanted]
        names.sort(key=lambda n: n.script != script_of(code))  # the reader's script first
        if names:
            return in_reader_script(names[0].value, names[0].script, code)
        return self.name


@audited()
class TopicName(LocalizedName):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="names")

    class Meta:
        ordering = ["topic", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "value", "language"], name="topicname_unique_per_language"
            )
        ]
        triggers = [
            PartOfPublished(owner_column="topic_id", owner_table="claims_topic", target="topic_id")
        ]
        indexes = [
            # Search: topics by their names in other languages (pg_trgm).
            GinIndex(
                fields=["search_key"], opclasses=["gin_trgm_ops"], name="topicname_search_trgm"
            ),
        ]
