"""Every public correction of a claim, source, actor or topic shows where readers look: on the
record's page, on /corrections/ and in the corrections feed (issue 11 §1)."""

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import ActorName
from tests.factories import ClaimFactory, SourceFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(fact_checker):
    """A published claim whose text, source, speaker and topic were each corrected once."""
    statement = StatementFactory(quote="Twenty thousand terrorists attacked.")
    topic = TopicFactory(slug="qandy-qantar", name="January events")
    claim = ClaimFactory(slug="the-claim", text="The first wording.", statements=[statement])
    claim.topics.add(topic)
    services.record_publish(by=fact_checker, record=claim)
    statement.refresh_from_db()
    services.claim_update(
        by=fact_checker,
        claim=claim,
        changes={"text": "The corrected wording."},
        correction_note="Claim note: the wording misquoted the speech.",
    )
    services.source_update(
        by=fact_checker,
        source=statement.source,
        changes={"title": "The corrected source title"},
        correction_note="Source note: the title had a typo.",
    )
    services.actor_update(
        by=fact_checker,
        actor=statement.speaker,
        changes={},
        names=services.RowEdits(
            added=[ActorName(value="Тоқаев", language="kk", script="Cyrl", source=SourceFactory())]
        ),
        correction_note="Actor note: added the Kazakh spelling.",
    )
    services.topic_update(
        by=fact_checker,
        topic=topic,
        changes={"name": "Qandy Qantar"},
        correction_note="Topic note: the name readers know.",
    )
    return statement


def test_each_record_page_shows_its_correction_with_before_and_after(client, corrected):
    claim_page = client.get("/en/claims/the-claim/").content.decode()
    source_page = client.get(corrected.source.get_absolute_url()).content.decode()
    actor_page = client.get(corrected.speaker.get_absolute_url()).content.decode()
    topic_page = client.get("/en/topics/qandy-qantar/").content.decode()

    assert "Claim note: the wording misquoted the speech." in claim_page
    assert "The first wording." in claim_page  # the text before, under "What changed"
    assert "Source note: the title had a typo." in source_page
    assert "Actor note: added the Kazakh spelling." in actor_page
    assert "Topic note: the name readers know." in topic_page
    assert "January events" in topic_page


def test_the_corrections_page_and_feed_list_every_kind_of_record(client, corrected):
    page = client.get(reverse("web:corrections")).content.decode()
    feed = client.get(reverse("web:corrections-feed"))

    for note in ["Claim note", "Source note", "Actor note", "Topic note"]:
        assert note in page
        assert note in feed.content.decode()
    assert "Claim: <a" in page
    assert 'href="/en/sources/' in page
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert reverse("web:corrections-feed") in page
