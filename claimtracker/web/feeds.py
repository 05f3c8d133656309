"""Atom feeds of status changes (the whole site, one claim, one actor's claims, one topic's claims)
and of corrections.

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
from django.db.models import OuterRef, Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, get_tag_uri
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claimtracker.claims.claimreview import publisher_name, site_url
from claimtracker.claims.models import (
    Actor,
    Claim,
    ClaimStatus,
    ClaimTranslation,
    Correction,
    StatusChange,
    StatusChangeTranslation,
    Topic,
)
from claimtracker.claims.selectors import public_actor_names, public_topic_names
from claimtracker.claims.selectors_translations import translation_annotation
from claimtracker.i18n.languages import html_lang, unprefixed
from claimtracker.i18n.transliteration import to_kazakh_latin

FEED_LENGTH = 50


def feed_language() -> str:
    """The feed's xml:lang: the reader's language as a BCP 47 tag (kk-Latn, not kk-latn)."""
    return html_lang(get_language() or "en")


def in_reader_language(row: Any, name: str, original: str) -> str:
    """A text annotated in the reader's language on ``row`` (``translation_annotation``), else
    the English original."""
    annotated = getattr(row, f"tr_{name}", None)
    if not annotated:
        return original
    text: str = annotated["text"]
    if get_language() == "kk-latn" and annotated["script"] == "Cyrl":
        return to_kazakh_latin(text)
    return text


def absolute(path: str) -> str:
    return site_url() + path


# Feed titles are plain text, so each status's icon (templates/includes/status_icon.html) is the
# Unicode sign closest to its drawing: a tick, a half-filled circle, a question mark, opposed
# arrows, a cross, a dotted circle. The words stay; the sign only helps the eye.
STATUS_SIGNS = {
    ClaimStatus.CONFIRMED: "✓",
    ClaimStatus.PARTLY_CONFIRMED: "◐",
    ClaimStatus.UNCONFIRMED: "?",
    ClaimStatus.DISPUTED: "⇄",
    ClaimStatus.REFUTED: "✗",
    "": "◌",
}


def status_in_words(status: str) -> str:
    label = str(ClaimStatus(status).label) if status else _("No status")
    return f"{STATUS_SIGNS[status]} {label}"


class StatusChangeFeed(Feed):  # type: ignore[type-arg]
    """Every published claim's status changes, newest first (``/feeds/status-changes/``)."""

    feed_type = Atom1Feed
    language = property(lambda self: feed_language())

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def changes(self, obj: Any) -> QuerySet[StatusChange]:
        """The changes this feed covers; subclasses narrow it to their claims."""
        return StatusChange.objects.published()

    def items(self, obj: Any) -> list[StatusChange]:
        # One query: the claim comes along for the title and the link.
        changes = (
            self.changes(obj)
            .select_related("claim")
            # Texts in the reader's language, in the same query (none in English).
            .annotate(
                **translation_annotation(
                    ClaimTranslation, "text", record=OuterRef("claim_id"), name="claim_text"
                ),
                **translation_annotation(StatusChangeTranslation, "reason"),
            )
            .order_by("-recorded_at", "-pk")
        )
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
            "claim": in_reader_language(change, "claim_text", change.claim.text),
            "old": status_in_words(change.old_status),
            "new": status_in_words(change.new_status),
        }

    def item_description(self, change: StatusChange) -> str:
        # The summary is HTML (type="html"), so the curator's reason is escaped here.
        return format_html(
            "<p>{}</p><p>{}</p>",
            _("As of %(date)s.") % {"date": change.as_of.humanize_as_of()},
            in_reader_language(change, "reason", change.reason),
        )

    def item_link(self, change: StatusChange) -> str:
        return absolute(change.get_absolute_url())

    def item_guid(self, change: StatusChange) -> str:
        # A tag: URI from the change's own address and day: never reused, and unchanged when
        # the claim's text or the feed it appears in changes. The address without its language
        # prefix: the id stayed the same when prefixes came, and is one in every language.
        return get_tag_uri(absolute(unprefixed(change.get_absolute_url())), change.recorded_at)

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
        actor: Actor = get_object_or_404(
            Actor.objects.published().prefetch_related(Prefetch("names", public_actor_names())),
            slug=kwargs["slug"],
        )
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
        topics = Topic.objects.published().prefetch_related(Prefetch("names", public_topic_names()))
        topic: Topic = get_object_or_404(topics, slug=kwargs["slug"])
        return topic

    def changes(self, obj: Topic) -> QuerySet[StatusChange]:
        claims = Claim.objects.published().filter(topics=obj)
        return StatusChange.objects.filter(claim__in=claims)

    def title(self, obj: Topic) -> str:
        return _("Status changes of claims under %(topic)s") % {"topic": obj.display_name()}

    def link(self, obj: Topic) -> str:
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj: Topic) -> str:
        return absolute(reverse("web:topic-feed", args=[obj.slug]))


class CorrectionFeed(Feed):  # type: ignore[type-arg]
    """Every correction and withdrawal, newest first (``/feeds/corrections/``): what
    ``/corrections/`` lists, for readers who follow changes to the record itself."""

    feed_type = Atom1Feed
    language = property(lambda self: feed_language())

    def items(self) -> list[Correction]:
        # Two queries: the corrections with their records, and the speakers' and actors' names.
        return list(Correction.objects.for_display().order_by("-recorded_at", "-pk")[:FEED_LENGTH])

    def title(self) -> str:
        return _("Corrections · %(publisher)s") % {"publisher": publisher_name()}

    def subtitle(self) -> str:
        return _("Every public correction and withdrawal of a published record, with its note.")

    def link(self) -> str:
        return absolute(reverse("web:corrections"))

    def feed_url(self) -> str:
        return absolute(reverse("web:corrections-feed"))

    def author_name(self) -> str:
        return publisher_name()

    def item_title(self, correction: Correction) -> str:
        what = _("Withdrawn") if correction.is_withdrawal else _("Corrected")
        return f"{what}: {correction.target_label} “{correction.target}”"

    def item_description(self, correction: Correction) -> str:
        # HTML summary: the note and each change's before and after, escaped here.
        changes = format_html_join(
            "",
            "<li>{}: {} → {}</li>",
            (
                (change["label"], change["before"] or "—", change["after"] or "—")
                for change in correction.changes
            ),
        )
        return format_html("<p>{}</p><ul>{}</ul>", correction.note, changes)

    def item_link(self, correction: Correction) -> str:
        return absolute(correction.get_absolute_url())

    def item_guid(self, correction: Correction) -> str:
        return get_tag_uri(
            absolute(unprefixed(correction.get_absolute_url())), correction.recorded_at
        )

    item_guid_is_permalink = False

    def item_pubdate(self, correction: Correction) -> datetime.datetime:
        return correction.recorded_at

    def item_updateddate(self, correction: Correction) -> datetime.datetime:
        return correction.recorded_at
