"""The public site in four interface languages: prefixes, the first redirect, alternates and the
language switch, and no English left on a Russian or Kazakh page (docs/i18n.md)."""

# ruff: noqa: RUF001

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from claimtracker.claims.models import Actor, Claim, Evidence, Source, Statement, Topic
from claimtracker.seeding.reference import load_reference_case

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
CLAIM = "outside-terrorists-were-main-protagonists"
TRANSLATED = ["ru", "kk", "kk-latn"]
HTML_LANG = {"en": "en", "ru": "ru", "kk": "kk", "kk-latn": "kk-Latn"}


@pytest.fixture
def reference(role_groups):
    load_reference_case()


def page_addresses() -> dict[str, str]:
    """Every public page type, by name, in the active language."""
    claim = Claim.objects.get(slug=CLAIM)
    return {
        "home": reverse("web:home"),
        "claim": claim.get_absolute_url(),
        "statement": Statement.objects.published().earliest("pk").get_absolute_url(),
        "evidence": Evidence.objects.published().earliest("pk").get_absolute_url(),
        "source": Source.objects.published().earliest("pk").get_absolute_url(),
        "actor": Actor.objects.published().get(slug="kassym-jomart-tokayev").get_absolute_url(),
        "topic": Topic.objects.published().earliest("pk").get_absolute_url(),
        "people": reverse("web:actors"),
        "topics": reverse("web:topics"),
        "about": reverse("web:about"),
        "methodology": reverse("web:methodology"),
        "corrections": reverse("web:corrections"),
        "search": reverse("web:search") + "?q=Тоқаев",
        "404": reverse("web:home") + "no-such-page/",
    }


# --- the first redirect, old addresses, what stays unprefixed ---------------------------------


@pytest.mark.parametrize(
    ("accept_language", "home"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/"),
        ("kk-Latn,kk;q=0.9", "/kk-latn/"),
        ("de-DE,ru;q=0.5", "/ru/"),
        ("fr-FR,de;q=0.5", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_front_door_sends_a_browser_to_the_home_page_in_its_language(
    client, accept_language, home
):
    response = client.get("/", headers={"Accept-Language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == home
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


def test_the_front_door_keeps_the_query_string(client):
    response = client.get("/?page=2", headers={"Accept-Language": "ru"})

    assert response["Location"] == "/ru/?page=2"


def test_an_old_unprefixed_address_moves_permanently_to_the_english_page(client, reference):
    # Feeds, ClaimReview markup and shared links carry these; a Russian browser still gets the
    # English page the link meant, and can switch from there.
    response = client.get(f"/claims/{CLAIM}/?ref=feed", headers={"Accept-Language": "ru"})

    assert response.status_code == 301
    assert response["Location"] == f"/en/claims/{CLAIM}/?ref=feed"
    assert client.get("/feeds/status-changes/")["Location"] == "/en/feeds/status-changes/"
    assert client.get("/methodology")["Location"] == "/en/methodology/"


def test_an_address_that_never_existed_is_still_not_found(client):
    assert client.get("/no-such-page/").status_code == 404


def test_the_api_robots_txt_sitemap_and_admin_stay_unprefixed(client, reference):
    assert client.get("/api/v1/claims/").status_code == 200
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_the_admin_follows_the_browser_language(client):
    page = client.get("/admin/login/", headers={"Accept-Language": "ru"}).content.decode()

    assert '<html lang="ru"' in page
    assert "Войти" in page  # Django's own Russian catalog


# --- every page: lang, alternates, the switch, no cookie ---------------------------------------


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_every_page_says_its_language_links_its_alternates_and_offers_the_switch(
    client, reference, language
):
    with translation.override(language):
        pages = page_addresses()
    for name, address in pages.items():
        response = client.get(address)
        html = response.content.decode()
        path = address.split("?")[0]

        assert response.status_code == (404 if name == "404" else 200), name
        assert f'<html lang="{HTML_LANG[language]}">' in html, name
        assert not response.cookies, name
        alternates = dict(
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        )
        rest = path.removeprefix(f"/{language}")
        assert set(alternates) == {"en", "ru", "kk", "kk-Latn", "x-default"}, name
        assert alternates["kk-Latn"].startswith(settings.SITE_URL + "/kk-latn" + rest), name
        assert alternates["x-default"].startswith(settings.SITE_URL + "/en" + rest), name
        switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S)
        assert switch, name
        links = re.findall(
            r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"([^>]*)>'
            r'<span class="language-switch__name">([^<]+)</span>',
            switch[0],
        )
        assert [(href.split("?")[0], lang, text) for href, lang, _, text in links] == [
            (f"/en{rest}", "en", "English"),
            (f"/ru{rest}", "ru", "Русский"),
            (f"/kk{rest}", "kk", "Қазақша"),
            (f"/kk-latn{rest}", "kk-Latn", "Qazaqşa"),
        ], name
        current = [lang for _, lang, attributes, _ in links if "aria-current" in attributes]
        assert current == [HTML_LANG[language]], name


def test_each_language_has_its_own_etag_and_no_accept_language_vary(client, reference):
    english = client.get(f"/en/claims/{CLAIM}/")
    russian = client.get(f"/ru/claims/{CLAIM}/")

    assert english["ETag"] != russian["ETag"]
    # The language is in the address, so one address is one language for every browser.
    assert "Accept-Language" not in russian.get("Vary", "")
    assert (
        client.get(f"/ru/claims/{CLAIM}/", headers={"If-None-Match": russian["ETag"]}).status_code
        == 304
    )


def test_the_sitemap_lists_each_page_with_its_language_alternates(client, reference):
    site = settings.SITE_URL
    # /sitemap.xml is an index of paged sitemaps, one section each (web/sitemaps.py).
    assert f"<loc>{site}/sitemap-claims.xml</loc>" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-claims.xml").content.decode()

    assert f"<loc>{site}/kk-latn/claims/{CLAIM}/</loc>" in xml
    assert f'hreflang="kk-Latn" href="{site}/kk-latn/claims/{CLAIM}/"' in xml
    assert f'hreflang="x-default" href="{site}/en/claims/{CLAIM}/"' in xml


# --- no English interface text on a translated page --------------------------------------------


def catalog_msgids() -> list[str]:
    """The interface's English strings: every msgid of the project's catalog."""
    text = (ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po").read_text()
    msgids = []
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M):
        msgid = "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"')
        if msgid:
            msgids.append(msgid)
    return msgids


class VisibleText(HTMLParser):
    """The text a reader sees or hears in the page's language: text nodes and the attributes
    read aloud, leaving out what is marked with another ``lang`` (a quote in its original
    language, the language switch's names, each in its own language)."""

    ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments: list[str] = []
        self.hidden = 0
        self.page_language = ""
        # Elements in another language still open: [tag, how many of that tag are open].
        self.foreign: list[list[Any]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page_language = attributes.get("lang") or ""
        if tag in {"script", "style"}:
            self.hidden += 1
        if self.foreign and self.foreign[-1][0] == tag:
            self.foreign[-1][1] += 1
        language = attributes.get("lang")
        if language and language != self.page_language:
            self.foreign.append([tag, 1])
            return
        if self.foreign:
            return
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.segments.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.hidden:
            self.hidden -= 1
        if self.foreign and self.foreign[-1][0] == tag:
            self.foreign[-1][1] -= 1
            if not self.foreign[-1][1]:
                self.foreign.pop()

    def handle_data(self, data):
        if not self.hidden and not self.foreign and data.strip():
            self.segments.append(" ".join(data.split()))


def visible_segments(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.segments


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are the same in every language here: product names and formats.
SAME_EVERYWHERE = {"ClaimTracker", "JSON", "REST API", "Atom", "security.txt", "API"}


def english_left(html: str, msgids: list[str]) -> list[str]:
    """Interface strings found on the page as English: a text node that is exactly a msgid, or
    a msgid's words between placeholders (three words or more) anywhere in the page's text.
    Content (quotes, claims, names) is not in the catalog, so it is not reported."""
    segments = visible_segments(html)
    stripped = {segment.strip(" .:,·()–-") for segment in segments}
    text = " ".join(segments)
    found = []
    for msgid in msgids:
        if msgid in SAME_EVERYWHERE or not WORD.search(msgid):
            continue
        plain = " ".join(re.sub(r"<[^>]+>", " ", msgid).split())
        if not PLACEHOLDER.search(plain) and plain.strip(" .:,·()–-") in stripped:
            found.append(msgid)
            continue
        for part in PLACEHOLDER.split(plain):
            part = part.strip(" .:,·()–-“”«»")
            if len(WORD.findall(part)) >= 3 and part in text:
                found.append(msgid)
                break
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_interface_text_is_left_on_any_page_type(client, reference, language):
    msgids = catalog_msgids()
    with translation.override(language):
        pages = page_addresses()
    left = {}
    for name, address in pages.items():
        found = english_left(client.get(address).content.decode(), msgids)
        if found:
            left[name] = found
    assert left == {}, f"English interface text on {language} pages"


def test_the_check_finds_english_on_the_english_pages(client, reference):
    # The check itself: on the English home page it finds the interface strings it looks for.
    found = english_left(client.get("/en/").content.decode(), catalog_msgids())

    assert "Skip to content" in found
    assert "Search claims, statements, people and topics" in found


def test_kazakh_latin_pages_read_in_latin_script(client, reference):
    html = client.get("/kk-latn/methodology/").content.decode()

    assert "Ädısteme" in html  # Әдістеме, transliterated by the catalog generator
    assert "Әдістеме" not in html


def test_a_feed_entry_keeps_the_id_it_had_before_the_language_prefixes(client, reference):
    # Feed readers know an entry by its id: a new id would show every old change again.
    def ids(feed: str) -> list[str]:
        return re.findall(r"<id>(tag:[^<]+)</id>", client.get(feed).content.decode())

    english, russian = ids("/en/feeds/status-changes/"), ids("/ru/feeds/status-changes/")

    assert english
    assert english == russian
    assert all(":/claims/" in entry_id for entry_id in english)
