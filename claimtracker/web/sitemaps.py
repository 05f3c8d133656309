"""The sitemap (``/sitemap.xml``, an index of paged sitemaps per section) and ``/robots.txt``
that points crawlers to it.

Each child sitemap (``/sitemap-claims.xml?p=2``) lists ``RECORDS_PER_PAGE`` records in every
language, so a page costs the same at a thousand claims or a million: its rows are read by slice
(never the whole table, as Django's i18n sitemaps do), the index's page count comes from the
claim counters, and addresses are formatted from one reversed address per language.

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
import math
from collections.abc import Sequence
from typing import Any, overload
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from claimtracker.claims.claimreview import site_url
from claimtracker.claims.models import Actor, Claim, ClaimCount, Topic
from claimtracker.i18n.languages import html_lang

LANGUAGE_CODE = settings.LANGUAGE_CODE
# Records per child sitemap page; each is listed once per language, with its alternates.
RECORDS_PER_PAGE = 250
# Stands for a record's slug in an address reversed once per language.
SLUG = "0slug0"


class InLanguages(Sequence[tuple[Any, str]]):
    """(record, language) pairs of ``rows`` (ordered) in each of ``languages``, read by slice:
    what Django's i18n sitemap builds as a list of the whole table. ``count``, when known (from
    the counters), saves counting the rows."""

    def __init__(self, rows: QuerySet[Any], languages: list[str], count: int | None = None):
        self.rows, self.languages, self.count_ = rows, languages, count

    def __len__(self) -> int:
        rows = self.rows.count() if self.count_ is None else self.count_
        return rows * len(self.languages)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, str]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            return self[index : index + 1][0]
        per = len(self.languages)
        start, stop = index.start or 0, index.stop
        first, last = start // per, math.ceil(stop / per)
        pairs = [(row, language) for row in self.rows[first:last] for language in self.languages]
        return pairs[start - first * per : stop - first * per]


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


class RecordSitemap(SiteSitemap):
    """Published records at ``url_name`` with their slug, paged (see the module docstring)."""

    limit = RECORDS_PER_PAGE * len(settings.LANGUAGES)
    model: type[Claim] | type[Actor] | type[Topic]
    url_name = ""
    # Only what the address and lastmod need is read.
    fields: tuple[str, ...] = ("slug",)

    def items(self) -> QuerySet[Any]:
        return self.model.objects.published().only(*self.fields).order_by("pk")

    def count(self) -> int | None:
        return None

    def _items(self) -> InLanguages:
        languages = [code for code, _name in settings.LANGUAGES]
        return InLanguages(self.items(), languages, self.count())

    def location(self, record: Any) -> str:
        # One reverse per language and page, not one per address (six per record).
        addresses = self.__dict__.setdefault("addresses", {})
        language = get_language()
        if language not in addresses:
            addresses[language] = reverse(self.url_name, args=[SLUG])
        return str(addresses[language].replace(SLUG, record.slug))


class ClaimSitemap(RecordSitemap):
    model = Claim
    url_name = "web:claim"
    fields = ("slug", "updated_at", "status_changed_at")

    def count(self) -> int:
        return sum(ClaimCount.objects.by_status().values())

    def lastmod(self, claim: Claim) -> datetime.datetime:
        return max(claim.updated_at, claim.status_changed_at or claim.updated_at)


class ActorSitemap(RecordSitemap):
    model = Actor
    url_name = "web:actor"


class TopicSitemap(RecordSitemap):
    model = Topic
    url_name = "web:topic"


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


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of every section's pages, on ``SITE_URL``: one count per section."""
    addresses = []
    for section, sitemap_class in SITEMAPS.items():
        address = site_url() + reverse("site:sitemap-section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages
        addresses += [address] + [f"{address}?p={page}" for page in range(2, pages + 1)]
    sitemaps = [{"location": address} for address in addresses]
    text = render_to_string("sitemap_index.xml", {"sitemaps": sitemaps})
    return HttpResponse(text, content_type="application/xml")


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = site_url() + reverse("site:sitemap")
    text = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
