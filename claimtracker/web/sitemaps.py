"""The sitemap (``/sitemap.xml``) and ``/robots.txt`` that points crawlers to it.

Listed: published claims, actors and topics, and the pages about the record. Addresses are absolute
on ``SITE_URL``, the same canonical addresses the ClaimReview markup and the feeds give.

``lastmod`` is given only where it is true. A claim page changes when the claim is edited
(``updated_at``) or its status changes (``status_changed_at``; a status change does not touch
``updated_at``). Actor and topic pages show many records (statements, roles, the statuses of
their claims), and no single column says when the last of them changed; a wrong date would
tell crawlers to skip a changed page, so they get none.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from claimtracker.claims.claimreview import site_url
from claimtracker.claims.models import Actor, Claim, Topic


class SiteSitemap(Sitemap):  # type: ignore[type-arg]
    """Addresses on the deployment's ``SITE_URL``, whatever host the sitemap was fetched from."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(site_url()).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(site_url()).netloc


class ClaimSitemap(SiteSitemap):
    def items(self) -> QuerySet[Claim]:
        return (
            Claim.objects.published().only("slug", "updated_at", "status_changed_at").order_by("pk")
        )

    def lastmod(self, claim: Claim) -> datetime.datetime:
        return max(claim.updated_at, claim.status_changed_at or claim.updated_at)


class ActorSitemap(SiteSitemap):
    def items(self) -> QuerySet[Actor]:
        return Actor.objects.published().only("slug").order_by("pk")


class TopicSitemap(SiteSitemap):
    def items(self) -> QuerySet[Topic]:
        return Topic.objects.published().only("slug").order_by("pk")


class PageSitemap(SiteSitemap):
    """The pages about the whole record, by URL name (reversed when the sitemap is built)."""

    def items(self) -> list[str]:
        return ["web:home", "web:methodology", "web:corrections"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "pages": PageSitemap,
    "claims": ClaimSitemap,
    "actors": ActorSitemap,
    "topics": TopicSitemap,
}


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = site_url() + reverse("web:sitemap")
    text = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
