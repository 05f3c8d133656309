"""Atom feeds of status changes: site-wide, per claim, per actor and per topic."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import ClaimStatus, Stance, StatusChange
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    StatementFactory,
    TopicFactory,
)
from tests.web import published

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "http://127.0.0.1:8000"


@pytest.fixture
def publish(fact_checker):
    def publish_all(*records):
        for record in records:
            services.record_publish(by=fact_checker, record=record)
        return records[0] if len(records) == 1 else records

    return publish_all


@pytest.fixture
def assess(fact_checker):
    """Give a claim each status in turn, as the fact-checker; returns the claim."""

    def change(claim, *statuses, reason="The court ruled on it, in a ruling published in full."):
        return published.assess(fact_checker, claim, *statuses, reason=reason)

    return change


def ruled_on(**fields):
    """A draft claim with a court ruling linked as contradicting it: evidence every status may
    cite, published with the claim (a published claim's links change only by correction)."""
    claim = ClaimFactory(**fields)
    ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS)
    return claim


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 (our own output, not untrusted)


def entries(feed):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def titles(url, client):
    return [entry["title"] for entry in entries(read_feed(client, url))]


def test_the_site_feed_lists_each_published_claims_changes_newest_first(client, publish, assess):
    first = assess(publish(ruled_on(text="Order was restored.")), ClaimStatus.UNCONFIRMED)
    assess(publish(ruled_on(text="Outsiders led it.")), ClaimStatus.DISPUTED)
    assess(first, ClaimStatus.REFUTED)
    assess(ClaimFactory(text="A draft claim."), ClaimStatus.CONFIRMED)

    assert titles(reverse("web:feed"), client) == [
        "Order was restored.: ? Unconfirmed → ✗ Refuted",
        "Outsiders led it.: ◌ No status → ⇄ Disputed",
        "Order was restored.: ◌ No status → ? Unconfirmed",
    ]


def test_an_entry_links_to_the_change_in_the_claims_history_and_is_dated_when_recorded(
    client, publish, assess
):
    claim = assess(publish(ruled_on(slug="order-restored")), ClaimStatus.REFUTED)
    change = StatusChange.objects.get(claim=claim)

    (entry,) = entries(read_feed(client, reverse("web:feed")))

    assert entry["link"] == f"{SITE}/en/claims/order-restored/#status-change-{change.pk}"
    assert entry["updated"] == change.recorded_at
    assert entry["author"] == "ClaimTracker"
    assert entry["id"].startswith("tag:127.0.0.1,")
    page = client.get("/en/claims/order-restored/").content.decode()
    assert f'id="status-change-{change.pk}"' in page


def test_an_entry_summary_says_as_of_when_and_why_with_the_reason_escaped(client, publish, assess):
    reason = '<script>alert("x")</script> & co, as the court ruled in full'
    assess(publish(ruled_on()), ClaimStatus.REFUTED, reason=reason)

    (entry,) = entries(read_feed(client, reverse("web:feed")))

    # The summary is HTML: the reason must arrive as text, never as markup.
    assert entry["summary"] == (
        "<p>As of 11 January 2024.</p>"
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co, "
        "as the court ruled in full</p>"
    )


def test_a_claim_text_with_markup_is_plain_text_in_the_title(client, publish, assess):
    assess(publish(ClaimFactory(text="Fish & <chips>")), ClaimStatus.UNCONFIRMED)

    assert titles(reverse("web:feed"), client) == ["Fish & <chips>: ◌ No status → ? Unconfirmed"]


def test_entry_ids_stay_the_same_when_the_claim_is_edited_and_more_changes_come(
    client, publish, assess, editor
):
    claim = assess(publish(ruled_on()), ClaimStatus.UNCONFIRMED)
    (before,) = entries(read_feed(client, reverse("web:feed")))
    services.claim_update(
        by=editor,
        claim=claim,
        changes={"text": "Reworded."},
        correction_note="Reworded to match the quote.",
    )
    assess(claim, ClaimStatus.CONFIRMED)

    after = entries(read_feed(client, reverse("web:feed")))

    assert [entry["id"] for entry in after][1] == before["id"]
    assert len({entry["id"] for entry in after}) == 2


def test_the_publisher_named_in_the_settings_signs_the_feed(client, publish, assess, settings):
    settings.PUBLISHER_NAME = "Example Fact Check"
    settings.SITE_URL = "https://claims.example.org"
    assess(publish(ClaimFactory(slug="c")), ClaimStatus.UNCONFIRMED)

    feed = read_feed(client, reverse("web:feed"))

    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Example Fact Check"
    (entry,) = entries(feed)
    assert entry["author"] == "Example Fact Check"
    assert entry["link"].startswith("https://claims.example.org/en/claims/c/#status-change-")
    assert entry["id"].startswith("tag:claims.example.org,")


def test_a_claim_feed_lists_that_claims_changes_only(client, publish, assess):
    claim = assess(publish(ruled_on(text="Mine.", slug="mine")), ClaimStatus.UNCONFIRMED)
    assess(publish(ruled_on(text="Other.")), ClaimStatus.DISPUTED)
    assess(claim, ClaimStatus.REFUTED)

    feed = read_feed(client, reverse("web:claim-feed", args=["mine"]))

    assert [entry["title"] for entry in entries(feed)] == [
        "Mine.: ? Unconfirmed → ✗ Refuted",
        "Mine.: ◌ No status → ? Unconfirmed",
    ]
    assert feed.findtext(f"{ATOM}title") == "Status changes of “Mine.”"


def test_an_actor_feed_lists_changes_to_the_claims_their_published_statements_assert(
    client, publish, assess
):
    actor = ActorFactory(slug="speaker", primary_name__value="Kassym Example")
    said, said_again = publish(StatementFactory(speaker=actor), StatementFactory(speaker=actor))
    unpublished = StatementFactory(speaker=actor)
    asserted_twice = publish(ClaimFactory(text="Asserted twice.", statements=[said, said_again]))
    # Publishing a claim publishes its statements: only a draft claim rests on a draft one.
    only_in_a_draft = ClaimFactory(text="Only in a draft.", statements=[unpublished])
    someone_else = publish(
        ClaimFactory(text="Someone else's.", statements=[publish(StatementFactory())])
    )
    for claim in (asserted_twice, only_in_a_draft, someone_else):
        assess(claim, ClaimStatus.UNCONFIRMED)

    feed = read_feed(client, reverse("web:actor-feed", args=["speaker"]))

    assert [entry["title"] for entry in entries(feed)] == [
        "Asserted twice.: ◌ No status → ? Unconfirmed"
    ]
    assert feed.findtext(f"{ATOM}title") == "Status changes of claims asserted by Kassym Example"


def test_a_topic_feed_lists_changes_to_the_published_claims_under_it(client, publish, assess):
    topic = TopicFactory(slug="january-events", name="January events")
    under = ruled_on(text="Under the topic.")
    draft = ClaimFactory(text="A draft under the topic.")
    for claim in (under, draft):
        claim.topics.add(topic)
    publish(under)
    for claim in (under, draft):
        assess(claim, ClaimStatus.DISPUTED)
    assess(publish(ruled_on(text="Elsewhere.")), ClaimStatus.DISPUTED)

    feed = read_feed(client, reverse("web:topic-feed", args=["january-events"]))

    assert [entry["title"] for entry in entries(feed)] == [
        "Under the topic.: ◌ No status → ⇄ Disputed"
    ]
    assert feed.findtext(f"{ATOM}title") == "Status changes of claims under January events"


@pytest.mark.parametrize(
    "url",
    [
        "/en/claims/no-such-claim/feed/",
        "/en/actors/no-such-actor/feed/",
        "/en/topics/no-such-topic/feed/",
    ],
)
def test_an_unknown_slug_is_a_404(client, db, url):
    assert client.get(url).status_code == 404


def test_a_draft_claim_has_no_feed(client, assess):
    assess(ClaimFactory(slug="draft"), ClaimStatus.UNCONFIRMED)

    assert client.get(reverse("web:claim-feed", args=["draft"])).status_code == 404


def test_a_feed_keeps_the_latest_50_changes(client, publish, assess):
    claim = publish(ruled_on(text="Flip-flop."))
    assess(claim, *[ClaimStatus.CONFIRMED, ClaimStatus.REFUTED] * 26)  # 52 changes

    listed = entries(read_feed(client, reverse("web:claim-feed", args=[claim.slug])))

    assert len(listed) == 50
    assert listed[0]["title"] == "Flip-flop.: ✓ Confirmed → ✗ Refuted"
    newest = StatusChange.objects.filter(claim=claim).order_by("-recorded_at", "-pk")[:50]
    assert [entry["link"].rsplit("-", 1)[1] for entry in listed] == [str(c.pk) for c in newest]


@pytest.mark.parametrize("count", [1, 5])
def test_feeds_run_the_same_queries_however_many_changes_they_list(
    client, publish, assess, django_assert_num_queries, count
):
    actor = ActorFactory(slug="speaker")
    topic = TopicFactory(slug="events")
    for _ in range(count):
        statement = publish(StatementFactory(speaker=actor))
        claim = ruled_on(statements=[statement])
        claim.topics.add(topic)
        publish(claim)
        assess(claim, ClaimStatus.UNCONFIRMED, ClaimStatus.REFUTED)

    # Each count includes the one query of the conditional-GET stamp (web/caching.py).
    expected = {
        reverse("web:feed"): 2,
        reverse("web:claim-feed", args=[claim.slug]): 3,
        reverse("web:actor-feed", args=["speaker"]): 4,
        reverse("web:topic-feed", args=["events"]): 4,
    }
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            read_feed(client, url)


def test_an_unchanged_feed_is_answered_304(client, publish, assess):
    assess(publish(ClaimFactory()), ClaimStatus.UNCONFIRMED)
    etag = client.get(reverse("web:feed"))["ETag"]

    assert client.get(reverse("web:feed"), headers={"if-none-match": etag}).status_code == 304
