"""Atom feeds of status changes: the whole site, one claim, one actor's claims, one topic's claims.

A reader subscribes to learn when what is established changes. Every entry is one
``StatusChange`` of a published claim ("<claim>: Unconfirmed → Refuted"), linked to its place in
the claim's status history, and dated when it was recorded. Each feed lists the latest
``FEED_LENGTH`` changes and runs a fixed number of queries however many there are.

Addresses in the feeds are absolute on ``SITE_URL``, like the ClaimReview markup: a feed is read
away from the site, and entries must keep one identity wherever it is fetched from.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, get_tag_uri
from django.utils.html import format_html
from django.utils.translation import gettext as _

from claimtracker.claims.claimreview import publisher_name, site_url
from claimtracker.claims.models import Actor, Claim, ClaimStatus, StatusChange, Topic

FEED_LENGTH = 50


def absolute(path: str) -> str:
    return site_url() + path


def status_in_words(status: str) -> str:
    return str(ClaimStatus(status).label) if status else _("No status")


class StatusChangeFeed(Feed):  # type: ignore[type-arg]
    """Every published claim's status changes, newest first (``/feeds/status-changes/``)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def changes(self, obj: Any) -> QuerySet[StatusChange]:
        """The changes this feed covers; subclasses narrow it to their claims."""
        return StatusChange.objects.published()

    def items(self, obj: Any) -> list[StatusChange]:
        # One query: the claim comes along for the title and the link.
        changes = self.changes(obj).select_related("claim").order_by("-recorded_at", "-pk")
        return list(changes[:FEED_LENGTH])

    def title(self, obj: Any) -> str:
        return _("Status changes of claims · %(publisher)s") % {"publisher": publisher_name()}

    def subtitle(self, obj: Any) -> str:
        return _("Every change of a published claim's status: from, to, as of when, and why.")

    def link(self, obj: Any) -> str:
        return absolute("/")

    def feed_url(self, obj: Any) -> str:
        return absolute(reverse("web:feed"))

    def author_name(self, obj: Any) -> str:
        return publisher_name()

    def author_link(self, obj: Any) -> str:
        return absolute("/")

    def item_title(self, change: StatusChange) -> str:
        # Atom titles are plain text: the feed writer escapes them, so no escaping here.
        return _("%(claim)s: %(old)s → %(new)s") % {
            "claim": change.claim.text,
            "old": status_in_words(change.old_status),
            "new": status_in_words(change.new_status),
        }

    def item_description(self, change: StatusChange) -> str:
        # The summary is HTML (type="html"), so the curator's reason is escaped here.
        return format_html(
            "<p>{}</p><p>{}</p>",
            _("As of %(date)s.") % {"date": change.as_of.humanize()},
            change.reason,
        )

    def item_link(self, change: StatusChange) -> str:
        return absolute(change.get_absolute_url())

    def item_guid(self, change: StatusChange) -> str:
        # A tag: URI from the change's own address and day: never reused, and unchanged when
        # the claim's text or the feed it appears in changes.
        return get_tag_uri(self.item_link(change), change.recorded_at)

    item_guid_is_permalink = False

    def item_pubdate(self, change: StatusChange) -> datetime.datetime:
        return change.recorded_at

    def item_updateddate(self, change: StatusChange) -> datetime.datetime:
        return change.recorded_at

    def item_author_name(self, change: StatusChange) -> str:
        return publisher_name()

    def item_author_link(self, change: StatusChange) -> str:
        return absolute("/")


class ClaimStatusChangeFeed(StatusChangeFeed):
    """One published claim's status history (``/claims/<slug>/feed/``)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Claim:
        claim: Claim = get_object_or_404(Claim.objects.published(), slug=kwargs["slug"])
        return claim

    def changes(self, obj: Claim) -> QuerySet[StatusChange]:
        return StatusChange.objects.filter(claim=obj)

    def title(self, obj: Claim) -> str:
        return _("Status changes of “%(claim)s”") % {"claim": obj.text}

    def link(self, obj: Claim) -> str:
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Claim) -> str:
        return absolute(reverse("web:claim-feed", args=[obj.slug]))


class ActorStatusChangeFeed(StatusChangeFeed):
    """Changes to the claims an actor's published statements assert (``/actors/<slug>/feed/``)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Actor:
        actor: Actor = get_object_or_404(Actor.objects.with_names(), slug=kwargs["slug"])
        return actor

    def changes(self, obj: Actor) -> QuerySet[StatusChange]:
        return StatusChange.objects.filter(claim__in=Claim.objects.published().asserted_by(obj))

    def title(self, obj: Actor) -> str:
        return _("Status changes of claims asserted by %(actor)s") % {"actor": obj.display_name()}

    def link(self, obj: Actor) -> str:
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Actor) -> str:
        return absolute(reverse("web:actor-feed", args=[obj.slug]))


class TopicStatusChangeFeed(StatusChangeFeed):
    """Changes to the published claims under a topic (``/topics/<slug>/feed/``)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Topic:
        return get_object_or_404(Topic.objects.prefetch_related("names"), slug=kwargs["slug"])

    def changes(self, obj: Topic) -> QuerySet[StatusChange]:
        claims = Claim.objects.published().filter(topics=obj)
        return StatusChange.objects.filter(claim__in=claims)

    def title(self, obj: Topic) -> str:
        return _("Status changes of claims under %(topic)s") % {"topic": obj.display_name()}

    def link(self, obj: Topic) -> str:
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Topic) -> str:
        return absolute(reverse("web:topic-feed", args=[obj.slug]))
