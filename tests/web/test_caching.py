"""Public pages answer conditional GETs: an unchanged page costs one query and no rendering,
and any change to the record (a status change, a publication, an edit, a bulk update) is seen at
once, while a write that rolled back changes nothing."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    ActorName,
    ClaimEvidence,
    ClaimStatus,
    Evidence,
    Source,
    Stance,
    Statement,
)
from claimtracker.claims.services.common import writing
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    StatementFactory,
    status_basis,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory(quote="calm"))
    claim = ClaimFactory(slug="all-calm", text="All is calm.", statements=[statement])
    # What a verdict on it cites, linked before publishing (then only a correction links it).
    ClaimEvidenceFactory(claim=claim, stance=Stance.CONTRADICTS, evidence__title="Field report")
    return services.record_publish(by=fact_checker, record=claim)


def change_status(by, claim, new_status, expected_status=""):
    evidence = [] if new_status == ClaimStatus.UNCONFIRMED else [status_basis(claim, new_status)]
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=expected_status,
        reason="Reporters on the ground saw otherwise, and filed the field report.",
        as_of=PartialDate(2024, 2, 1),
        evidence=evidence,
    )


def test_a_public_page_says_it_may_be_kept_but_must_be_revalidated(client, claim):
    response = client.get(claim.get_absolute_url())

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    # Without CDN purges (CDN_PURGE_URL unset) a shared cache revalidates every time too;
    # tests/http/test_cache_control.py checks the shared lifetimes once purges are on.
    assert directives == {"public", "max-age=0", "s-maxage=0", "stale-while-revalidate=0"}
    assert response["ETag"].startswith('W/"')
    assert "Last-Modified" in response


def test_an_unchanged_page_is_not_modified_for_its_etag(client, claim, django_assert_num_queries):
    etag = client.get(claim.get_absolute_url())["ETag"]

    # One query reads the record's stamp; the page itself is not built.
    with django_assert_num_queries(1):
        response = client.get(claim.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "max-age=0" in response["Cache-Control"]


def test_an_unchanged_page_is_not_modified_since_its_last_modified_time(client, claim):
    last_modified = client.get(claim.get_absolute_url())["Last-Modified"]

    response = client.get(claim.get_absolute_url(), headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_status_change_makes_the_next_request_a_full_page_with_the_new_status(
    client, claim, fact_checker
):
    first = client.get(claim.get_absolute_url())
    assert "No status yet" in first.content.decode()

    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)
    response = client.get(
        claim.get_absolute_url(),
        headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]},
    )

    assert response.status_code == 200
    assert "verdict status--unconfirmed" in response.content.decode()
    assert response["ETag"] != first["ETag"]


def test_a_second_status_change_in_the_same_second_is_seen_too(client, claim, fact_checker):
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)
    before = client.get(claim.get_absolute_url())["ETag"]

    change_status(fact_checker, claim, ClaimStatus.REFUTED, expected_status="unconfirmed")
    response = client.get(claim.get_absolute_url(), headers={"If-None-Match": before})

    assert response.status_code == 200
    assert "verdict status--refuted" in response.content.decode()


def test_publishing_a_statement_changes_the_page_of_its_speaker(client, claim, fact_checker):
    actor = claim.statements.get().speaker
    before = client.get(actor.get_absolute_url())["ETag"]

    statement = StatementFactory(speaker=actor, quote="the new words")
    unchanged = client.get(actor.get_absolute_url(), headers={"If-None-Match": before})
    services.record_publish(by=fact_checker, record=statement)
    response = client.get(actor.get_absolute_url(), headers={"If-None-Match": before})

    # A draft is part of the record too, so the stamp moves; what matters is that the
    # published statement is never hidden behind a 304.
    assert unchanged.status_code in {200, 304}
    assert response.status_code == 200
    assert "the new words" in response.content.decode()


def test_an_edit_to_a_published_claim_changes_its_page(client, claim, editor):
    before = client.get(claim.get_absolute_url())["ETag"]

    services.claim_update(
        by=editor,
        claim=claim,
        changes={"text": "All is calm, said the minister."},
        correction_note="The claim now says who made it.",
    )
    response = client.get(claim.get_absolute_url(), headers={"If-None-Match": before})

    assert response.status_code == 200
    assert "said the minister" in response.content.decode()


def test_a_new_name_without_a_timestamp_of_its_own_still_changes_the_actor_page(
    client, claim, editor
):
    actor = claim.statements.get().speaker
    before = client.get(actor.get_absolute_url())["ETag"]

    # A name alone: the actor's own row, and its timestamp, stay as they were.
    services.actor_update(
        by=editor,
        actor=actor,
        changes={},
        names=services.RowEdits(
            added=[ActorName(value="Тоқаев", language="kk", source=actor.names.get().source)]
        ),
        correction_note="His name in Kazakh was added.",
    )
    response = client.get(actor.get_absolute_url(), headers={"If-None-Match": before})

    assert response.status_code == 200
    assert "Тоқаев" in response.content.decode()


def test_a_bulk_update_of_a_link_table_changes_the_claim_page(client, claim, editor):
    # QuerySet.update() calls no save() and touches no timestamp; the database still sees it.
    services.claim_evidence_create(
        by=editor,
        claim=claim,
        evidence=EvidenceFactory(),
        stance=Stance.SUPPORTS,
        note="first reading",
        correction_note="A report was found.",
    )
    before = client.get(claim.get_absolute_url())
    assert "first reading" in before.content.decode()

    # The claim is published: its links change only inside a correction of it.
    note = "The court read the reports again."
    with writing(by=editor, why=note), services.correcting(by=editor, record=claim, note=note):
        ClaimEvidence.objects.filter(claim=claim).update(note="read again by the court")
    response = client.get(claim.get_absolute_url(), headers={"If-None-Match": before["ETag"]})

    assert response.status_code == 200
    assert "read again by the court" in response.content.decode()


def test_a_write_that_rolls_back_leaves_pages_not_modified(client, claim, fact_checker):
    before = client.get(claim.get_absolute_url())["ETag"]

    with transaction.atomic():
        change_status(fact_checker, claim, ClaimStatus.REFUTED)
        # The editor's request failed after the write.
        transaction.set_rollback(True)
    response = client.get(claim.get_absolute_url(), headers={"If-None-Match": before})

    assert response.status_code == 304


def test_a_page_in_another_language_has_its_own_etag(client, claim):
    english = client.get(claim.get_absolute_url())
    with translation.override("ru"):
        russian = client.get(claim.get_absolute_url())

    assert english["ETag"] != russian["ETag"]
    # The language is in the address (/ru/…), not negotiated: no Vary on Accept-Language.
    assert "Accept-Language" not in russian.get("Vary", "")


@pytest.mark.parametrize("route", ["web:methodology"])
def test_pages_without_records_are_validated_too(client, route):
    etag = client.get(reverse(route))["ETag"]

    assert client.get(reverse(route), headers={"If-None-Match": etag}).status_code == 304


# Public pages are shared by every reader, so nothing in them may depend on who asks: no
# session read (it would add "Vary: Cookie"), no CSRF cookie (the search form is a GET).
@pytest.fixture
def public_urls(role_groups):
    load_reference_case()
    return {
        "home": "/en/",
        "search": "/en/search/?q=Тоқаев",
        "methodology": "/en/methodology/",
        "claim": "/en/claims/outside-terrorists-were-main-protagonists/",
        "actor": "/en/actors/kassym-jomart-tokayev/",
        "topic": "/en/topics/january-2022-events-qandy-qantar/",
        "statement": Statement.objects.published().earliest("pk").get_absolute_url(),
        "evidence": Evidence.objects.published().earliest("pk").get_absolute_url(),
        "source": Source.objects.get(title="Not Everyone Fits the Mold").get_absolute_url(),
        "feed": "/en/feeds/status-changes/",
        "claim feed": "/en/claims/outside-terrorists-were-main-protagonists/feed/",
        "sitemap": "/sitemap.xml",
    }


PAGE_TYPES = [
    "home",
    "search",
    "methodology",
    "claim",
    "actor",
    "topic",
    "statement",
    "evidence",
    "source",
    "feed",
    "claim feed",
    "sitemap",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_public_page_sets_no_cookie_and_does_not_vary_on_cookies(client, public_urls, page_type):
    response = client.get(public_urls[page_type])

    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_signed_in_curator_gets_the_very_page_an_anonymous_reader_gets(
    client, public_urls, editor, page_type
):
    anonymous = client.get(public_urls[page_type])
    client.force_login(editor)
    signed_in = client.get(public_urls[page_type])

    # A CDN may hand the curator's copy to readers, or the reverse.
    assert signed_in.content == anonymous.content
    assert signed_in.get("ETag") == anonymous.get("ETag")
    assert "Set-Cookie" not in signed_in
    assert "cookie" not in signed_in.get("Vary", "").lower()
