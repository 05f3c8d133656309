"""The sitemap and robots.txt: what crawlers are told exists, and where."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Claim, ClaimStatus
from claimtracker.web.sitemaps import ClaimSitemap
from tests.factories import ActorFactory, ClaimFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://127.0.0.1:8000"
LANGUAGES = ["en", "ru", "kk", "kk-latn"]


def xml(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own output, not untrusted)


def index(client):
    """The child sitemaps the index lists, as paths on this test server."""
    root = xml(client, "/sitemap.xml")
    return [loc.text.removeprefix(SITE) for loc in root.findall(f"{SITEMAP}sitemap/{SITEMAP}loc")]


def sitemap(client):
    """Every address of every child sitemap, with its lastmod."""
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for child in index(client)
        for url in xml(client, child).findall(f"{SITEMAP}url")
    }


def published_claim(by, *, speaker=None, topic=None, **fields):
    """A published claim, with the statement a claim needs to be published: publishing it
    publishes the statement's speaker and the claim's topic too."""
    claim = ClaimFactory(statements=[StatementFactory(speaker=speaker or ActorFactory())], **fields)
    if topic:
        claim.topics.add(topic)
    return services.record_publish(by=by, record=claim)


def test_the_sitemap_lists_published_claims_actors_topics_and_the_record_pages(
    client, fact_checker
):
    published_claim(
        fact_checker,
        slug="published",
        speaker=ActorFactory(slug="tokayev"),
        topic=TopicFactory(slug="january-events"),
    )
    # A journalist's drafts: not yet public, so not for crawlers either.
    ClaimFactory(slug="draft", statements=[StatementFactory(speaker=ActorFactory(slug="new"))])
    TopicFactory(slug="draft-topic")

    # Each page once in each interface language (docs/i18n.md).
    assert set(sitemap(client)) == {
        f"{SITE}/{language}{path}"
        for language in LANGUAGES
        for path in [
            "/",
            "/methodology/",
            "/corrections/",
            "/claims/published/",
            "/actors/tokayev/",
            "/topics/january-events/",
        ]
    }


def test_a_claims_lastmod_is_its_latest_edit_or_status_change(client, fact_checker):
    claim = published_claim(fact_checker, slug="the-claim")
    long_ago = datetime.datetime(2023, 5, 1, 12, tzinfo=datetime.UTC)
    Claim.objects.filter(pk=claim.pk).update(updated_at=long_ago)
    assert sitemap(client)[f"{SITE}/en/claims/the-claim/"] == "2023-05-01"

    services.claim_change_status(
        by=fact_checker,
        claim=Claim.objects.get(pk=claim.pk),
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="Nobody has confirmed it, and no source we found says it.",
        as_of=PartialDate(2024, 1, 11),
    )

    changed_at = Claim.objects.get(pk=claim.pk).status_changed_at
    assert changed_at is not None
    changed = changed_at.date().isoformat()
    assert sitemap(client)[f"{SITE}/ru/claims/the-claim/"] == changed


def test_the_sitemap_names_pages_on_the_sites_own_address(client, fact_checker, settings):
    settings.SITE_URL = "https://claims.example.org"
    published_claim(fact_checker, slug="the-claim")

    assert "https://claims.example.org/kk-latn/claims/the-claim/" in sitemap(client)


@pytest.mark.parametrize("count", [1, 5])
def test_the_sitemap_runs_the_same_queries_however_many_pages_it_lists(
    client, fact_checker, django_assert_num_queries, count
):
    for _ in range(count):
        published_claim(fact_checker, topic=TopicFactory())
        # Drafts, which the sitemap leaves out.
        ActorFactory()
        TopicFactory()

    # The index: the stamp (web/caching.py), then how many claims (from the counters), actors
    # and topics there are, to know each section's pages.
    with django_assert_num_queries(4):
        children = index(client)
    assert len(children) == 4
    # A page of one section: the stamp, the count (to know the page exists), its rows.
    with django_assert_num_queries(3):
        xml(client, "/sitemap-claims.xml")
    assert len(sitemap(client)) == len(LANGUAGES) * (3 + 3 * count)


def test_a_large_section_is_split_into_pages_the_index_lists(client, fact_checker, monkeypatch):
    monkeypatch.setattr(ClaimSitemap, "limit", 2 * len(LANGUAGES))  # two claims a page
    for number in range(5):
        published_claim(fact_checker, slug=f"claim-{number}")

    claims = [child for child in index(client) if "claims" in child]
    assert claims == [
        "/sitemap-claims.xml",
        "/sitemap-claims.xml?p=2",
        "/sitemap-claims.xml?p=3",
    ]
    pages = [
        [url.findtext(f"{SITEMAP}loc") for url in xml(client, child).findall(f"{SITEMAP}url")]
        for child in claims
    ]
    assert [len(page) for page in pages] == [8, 8, 4]
    assert pages[2] == [f"{SITE}/{language}/claims/claim-4/" for language in LANGUAGES]
    assert client.get("/sitemap-claims.xml?p=4").status_code == 404


def test_robots_txt_points_crawlers_to_the_sitemap_and_away_from_the_admin_and_forms(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}{reverse('site:sitemap')}" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /report/" in lines
    assert "User-agent: *" in lines
