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

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from claimtracker.claims.claimreview import site_url
from claimtracker.claims.models import Actor, Claim, Topic
from claimtracker.i18n.languages import html_lang

LANGUAGE_CODE = settings.LANGUAGE_CODE


class SiteSitemap(Sitemap):  # type: ignore[type-arg]
    """Addresses on the deployment's ``SITE_URL``, whatever host the sitemap was fetched from."""

    # Every page in each interface language, with the others (and x-default, English) as
    # alternates: languages come from settings.LANGUAGES (docs/i18n.md).
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        # Django writes codes as they are in URLs (kk-latn) and points x-default at the
        # unprefixed address, which only redirects: write BCP 47 tags, and the English page.
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            alternates = url.get("alternates", [])
            english = {a["lang_code"]: a["location"] for a in alternates}.get(LANGUAGE_CODE)
            for alternate in alternates:
                if alternate["lang_code"] == "x-default" and english:
                    alternate["location"] = english
                else:
                    alternate["lang_code"] = html_lang(alternate["lang_code"])
        return urls

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
    sitemap_url = site_url() + reverse("site:sitemap")
    text = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
