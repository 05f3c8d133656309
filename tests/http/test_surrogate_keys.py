"""Pages name the records they show, and each commit that changes records asks the CDN to drop
every page naming them: a status change leaves the CDN as soon as it is committed."""

import logging
import time

import pytest
from django.db import transaction
from django.urls import reverse
from knox.models import AuthToken

from claimtracker.claims import services
from claimtracker.claims.models import Claim
from tests.http.conftest import REFERENCE_CLAIM

pytestmark = pytest.mark.django_db


def keys_of(response) -> set[str]:
    keys = set(response["Surrogate-Key"].split())
    # Cloudflare's header names the same keys, comma-separated.
    assert set(response["Cache-Tag"].split(",")) == keys
    return keys


@pytest.fixture
def claim(reference):
    return Claim.objects.get(slug=REFERENCE_CLAIM)


def test_a_claim_page_names_the_claim_its_speakers_and_its_topics(client, claim):
    response = client.get(claim.get_absolute_url())

    speakers = {f"actor-{pk}" for pk in claim.statements.values_list("speaker_id", flat=True)}
    topics = {f"topic-{pk}" for pk in claim.topics.values_list("pk", flat=True)}
    assert speakers
    assert topics
    assert {f"claim-{claim.pk}", *speakers, *topics} <= keys_of(response)
    assert "lists" not in keys_of(response)


def test_an_actor_page_names_the_actor_and_the_claims_it_shows(client, claim):
    actor = claim.statements.first().speaker

    keys = keys_of(client.get(actor.get_absolute_url()))

    assert f"actor-{actor.pk}" in keys
    assert f"claim-{claim.pk}" in keys


def test_a_topic_page_names_the_topic_and_its_claims(client, claim):
    topic = claim.topics.first()

    keys = keys_of(client.get(topic.get_absolute_url()))

    assert f"topic-{topic.pk}" in keys
    assert f"claim-{claim.pk}" in keys


@pytest.mark.parametrize(
    "address",
    [
        lambda: reverse("web:home"),
        lambda: reverse("web:feed"),
        lambda: reverse("api:export:file", kwargs={"collection": "claims", "file_format": "csv"}),
        lambda: reverse("api:export:claimreview"),
    ],
    ids=["home", "feed", "export", "claimreview"],
)
def test_lists_feeds_and_exports_carry_the_site_wide_key(client, reference, address):
    assert "lists" in keys_of(client.get(address()))


def test_a_committed_edit_purges_the_claim_and_every_list(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            by=editor,
            claim=claim,
            changes={"text": "Outside terrorists were the main protagonists, he said."},
            correction_note="The claim now says who made it.",
        )

    requests = purge_receiver.wait_for(1)
    assert len(requests) == 1
    assert {f"claim-{claim.pk}", "lists"} <= purge_receiver.purged_keys()
    request = requests[0]
    assert request["path"] == "/purge"
    assert set(request["body"]["tags"]) == set(request["surrogate_key"].split())
    assert request["authorization"] == "Bearer purge-token"


def test_renaming_a_topic_purges_the_topic_whose_key_its_claims_pages_carry(
    client, claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    topic = claim.topics.first()
    assert f"topic-{topic.pk}" in keys_of(client.get(claim.get_absolute_url()))

    with django_capture_on_commit_callbacks(execute=True):
        services.topic_update(
            by=editor,
            topic=topic,
            changes={"description": "The protests of January 2022 and what followed."},
            correction_note="The description now says when.",
        )

    purge_receiver.wait_for(1)
    assert f"topic-{topic.pk}" in purge_receiver.purged_keys()


def test_a_write_through_the_api_purges_too(
    client, reference, editor, purge_receiver, django_capture_on_commit_callbacks
):
    _instance, token = AuthToken.objects.create(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/claims/",
            {"slug": "a-new-claim", "text": "A new claim."},
            content_type="application/json",
            headers={"Authorization": f"Token {token}"},
        )

    assert response.status_code == 201
    purge_receiver.wait_for(1)
    new = Claim.objects.get(slug="a-new-claim")
    assert {f"claim-{new.pk}", "lists"} <= purge_receiver.purged_keys()


def test_a_write_that_rolls_back_purges_nothing(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.claim_update(
            by=editor,
            claim=claim,
            changes={"text": "Never published."},
            correction_note="A mistake, undone.",
        )
        transaction.set_rollback(True)

    time.sleep(0.5)
    assert purge_receiver.requests == []


def test_a_slow_cdn_does_not_slow_the_write(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    purge_receiver.delay = 3

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            by=editor,
            claim=claim,
            changes={"text": "Outside terrorists led, he said."},
            correction_note="Shorter.",
        )
    took = time.monotonic() - started

    assert took < 1.5
    assert Claim.objects.get(pk=claim.pk).text == "Outside terrorists led, he said."


def test_a_failing_cdn_fails_no_write_and_the_failure_is_logged(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks, caplog
):
    purge_receiver.status = 503

    def logged() -> list[str]:
        messages = [record.getMessage() for record in caplog.records]
        return [text for text in messages if f"claim-{claim.pk} " in text]

    with caplog.at_level(logging.WARNING, logger="claimtracker.cdn"):
        with django_capture_on_commit_callbacks(execute=True):
            services.claim_update(
                by=editor,
                claim=claim,
                changes={"text": "Outside terrorists led the riots, he said."},
                correction_note="Clearer.",
            )
        purge_receiver.wait_for(1)
        deadline = time.monotonic() + 5
        while not logged() and time.monotonic() < deadline:
            time.sleep(0.05)

    assert Claim.objects.get(pk=claim.pk).text == "Outside terrorists led the riots, he said."
    assert logged()
    assert logged()[0].startswith("CDN purge of")


def test_a_purge_the_cdn_could_not_take_is_sent_again_until_it_goes_through(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    purge_receiver.unavailable_first = 2  # two 503s, then the CDN is back

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            by=editor, claim=claim, changes={"text": "Sent again."}, correction_note="Again."
        )
    requests = purge_receiver.wait_for(3)
    time.sleep(0.8)  # a retry after the one that went through would have arrived by now

    assert len(requests) == 3
    assert requests[0]["surrogate_key"] == requests[2]["surrogate_key"]
    assert f"claim-{claim.pk}" in requests[2]["surrogate_key"]


def test_a_purge_the_cdn_refused_is_not_sent_again(
    claim, editor, purge_receiver, django_capture_on_commit_callbacks
):
    # A 403 (a wrong key) stays a 403 however often it is asked.
    purge_receiver.status = 403

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            by=editor, claim=claim, changes={"text": "Refused."}, correction_note="Once."
        )
    purge_receiver.wait_for(1)
    time.sleep(0.8)

    assert len(purge_receiver.requests) == 1


def test_without_a_purge_url_nothing_is_sent(
    claim, editor, purge_receiver, settings, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_URL = ""

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_update(
            by=editor,
            claim=claim,
            changes={"text": "Nobody is told."},
            correction_note="Quietly.",
        )

    time.sleep(0.5)
    assert purge_receiver.requests == []
