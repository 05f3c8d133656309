"""The public record pages: published records only, status in words, fixed query counts."""

import json
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.claimreview import claim_review, for_claim_review
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    STATUS_DEFINITIONS,
    Claim,
    ClaimStatus,
    Evidence,
    Source,
    Statement,
)
from claimtracker.seeding.reference import load_reference_case
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed_claim(fact_checker):
    """A published claim asserted by a published statement, with evidence and one status."""
    statement = services.record_publish(
        by=fact_checker, record=StatementFactory(quote="all is well")
    )
    claim = ClaimFactory(text="All is well.", statements=[statement])
    link = ClaimEvidenceFactory(claim=claim, stance="contradicts", evidence__title="Court ruling")
    services.record_publish(by=fact_checker, record=link.evidence)
    services.claim_change_status(
        by=fact_checker,
        claim=claim,
        new_status=ClaimStatus.REFUTED,
        expected_status="",
        reason="The court found the opposite, in a ruling published in full.",
        as_of=PartialDate(2024, 1, 11),
        evidence=[link.evidence],
    )
    return services.record_publish(by=fact_checker, record=claim)


def test_a_claim_page_shows_the_claim_its_status_in_words_and_why(client, assessed_claim):
    page = client.get(assessed_claim.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>All is well.</h1>" in html
    assert '<section class="verdict status--refuted" aria-labelledby="verdict">' in html
    assert 'href="/en/methodology/#status-refuted">What “Refuted” means</a>' in html
    assert "as of 11 January 2024" in html
    assert "all is well" in html
    assert "Court ruling" in html
    assert "The court found the opposite, in a ruling published in full." in html


def test_a_claim_page_never_shows_a_draft_what_a_correction_adds_goes_public_with_it(
    client, assessed_claim, editor
):
    # A published claim cannot hold a draft: the database refuses one added outside a
    # correction, and a correction publishes the statements and evidence it adds.
    with pytest.raises(IntegrityError), transaction.atomic():
        assessed_claim.statements.add(StatementFactory(quote="a draft quote"))
    added = StatementFactory(quote="a quote found later")
    services.claim_update(
        by=editor,
        claim=assessed_claim,
        changes={"statements": [*assessed_claim.statements.all(), added]},
        correction_note="A second statement making the claim was found.",
    )
    services.claim_evidence_create(
        by=editor,
        claim=assessed_claim,
        evidence=EvidenceFactory(title="Evidence found later"),
        stance="supports",
        correction_note="A report bearing on the claim was found.",
    )

    html = client.get(assessed_claim.get_absolute_url()).content.decode()

    assert "a draft quote" not in html
    assert "a quote found later" in html
    assert "Evidence found later" in html
    assert "A second statement making the claim was found." in html
    assert client.get(added.get_absolute_url()).status_code == 200


def test_a_claim_nobody_assessed_says_so(client, fact_checker):
    claim = services.record_publish(by=fact_checker, record=ClaimFactory())

    html = client.get(claim.get_absolute_url()).content.decode()

    assert '<section class="verdict status--none" aria-labelledby="verdict">' in html
    assert 'href="/en/methodology/#status-none">What “No status yet” means</a>' in html
    assert "This is not the same as unconfirmed." in html


@pytest.mark.parametrize(
    ("factory", "route"),
    [
        (ClaimFactory, "web:claim"),
        (StatementFactory, "web:statement"),
        (EvidenceFactory, "web:evidence"),
    ],
)
def test_drafts_have_no_public_page(client, factory, route):
    draft = factory()
    key = draft.slug if route == "web:claim" else draft.pk
    assert client.get(reverse(route, args=[key])).status_code == 404


def test_every_record_page_escapes_what_curators_typed(client, fact_checker):
    statement = services.record_publish(
        by=fact_checker, record=StatementFactory(quote="<script>alert(1)</script>")
    )
    html = client.get(statement.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_actor_page_lists_names_roles_and_published_statements(client, fact_checker):
    actor = ActorFactory(slug="tokayev")
    services.record_publish(by=fact_checker, record=StatementFactory(speaker=actor, quote="said"))
    StatementFactory(speaker=actor, quote="unpublished words")

    html = client.get(actor.get_absolute_url()).content.decode()

    assert "said" in html
    assert "unpublished words" not in html


@pytest.mark.parametrize("count", [1, 6])
def test_pages_run_the_same_queries_however_much_they_show(
    client, fact_checker, django_assert_num_queries, count
):
    actor = ActorFactory(slug="speaker")
    topic = TopicFactory(slug="events")
    claim = ClaimFactory(slug="the-claim")
    claim.topics.add(topic)
    for _ in range(count):
        statement = services.record_publish(by=fact_checker, record=StatementFactory(speaker=actor))
        claim.statements.add(statement)
        link = ClaimEvidenceFactory(claim=claim)
        services.record_publish(by=fact_checker, record=link.evidence)
    services.record_publish(by=fact_checker, record=claim)

    # Each count includes the one query of the conditional-GET stamp (web/caching.py).
    # Each page reads the corrections of its own record (+1 since claims, actors and topics
    # are corrected in public, issue 11); the claim page +2 more for the corrections of its
    # statements and of its evidence; +2 for its contradiction links and related claims
    # (issue 14); +1 for the archive's captures of its statements' sources (issue 16). The
    # actor page +1 for its scorecard's counts per year, counted rather than loaded (issue 13).
    expected = {"web:claim": 13, "web:actor": 10, "web:topic": 14}
    for route, key in [
        ("web:claim", "the-claim"),
        ("web:actor", "speaker"),
        ("web:topic", "events"),
    ]:
        with django_assert_num_queries(expected[route]):
            assert client.get(reverse(route, args=[key])).status_code == 200


def ld_json_scripts(html):
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)


def test_an_assessed_claim_page_embeds_exactly_the_feeds_claimreview(client, assessed_claim):
    html = client.get(assessed_claim.get_absolute_url()).content.decode()

    (embedded,) = ld_json_scripts(html)
    review = json.loads(embedded)
    expected = claim_review(for_claim_review(Claim.objects.filter(pk=assessed_claim.pk)).get())
    assert review == expected
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Refuted"


def test_a_claim_nobody_assessed_embeds_no_claimreview(client, fact_checker):
    claim = services.record_publish(by=fact_checker, record=ClaimFactory())
    assert ld_json_scripts(client.get(claim.get_absolute_url()).content.decode()) == []


def test_text_in_the_claimreview_cannot_close_its_script_element(client, assessed_claim, editor):
    services.claim_update(
        by=editor,
        claim=assessed_claim,
        changes={"text": "</script><script>alert(1)</script>"},
        correction_note="The claim is quoted as it was posted.",
    )

    html = client.get(assessed_claim.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    (embedded,) = ld_json_scripts(html)
    assert json.loads(embedded)["claimReviewed"] == "</script><script>alert(1)</script>"


def test_the_methodology_page_defines_every_status_where_its_badges_link(client):
    html = client.get(reverse("web:methodology")).content.decode()

    for status, definition in STATUS_DEFINITIONS.items():
        assert f'id="status-{status.value}"' in html
        assert str(definition) in html
    assert 'id="status-none"' in html
    assert "This is not the same as unconfirmed." in html


def test_a_record_page_links_to_its_json_twin_visibly_and_in_the_head(client, assessed_claim):
    html = client.get(assessed_claim.get_absolute_url()).content.decode()

    twin = f"/api/v1/claims/{assessed_claim.slug}/"
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in html
    link = f"{twin}?format=json"
    assert f'href="{link}" type="application/json">This page\'s data as JSON' in html
    # A browser following the link gets JSON, not the API's HTML view.
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    followed = client.get(link, HTTP_ACCEPT=browser_accept)
    assert followed["Content-Type"] == "application/json"
    assert followed.json()["slug"] == assessed_claim.slug


def test_an_unknown_address_gets_the_sites_own_404_page_with_a_way_back(client, db, settings):
    settings.DEBUG = False

    page = client.get("/en/claims/no-such-claim/")

    assert page.status_code == 404
    html = page.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/en/">See all claims</a>' in html
    assert 'class="skip-link"' in html


def test_an_actor_page_names_each_names_language_in_words(client, fact_checker):
    actor = ActorFactory(slug="tokayev", primary_name__value="Kassym-Jomart Tokayev")
    actor.names.create(
        value="Қасым-Жомарт Тоқаев",
        language="kk",
        kind="alias",
        script="Cyrl",
        source=SourceFactory(),
    )
    services.record_publish(by=fact_checker, record=actor)

    html = client.get("/en/actors/tokayev/").content.decode()

    assert '<span lang="kk">Қасым-Жомарт Тоқаев</span> (Kazakh,' in html


def test_the_site_name_in_every_header_leads_home(client, assessed_claim):
    html = client.get(assessed_claim.get_absolute_url()).content.decode()

    assert '<p class="site-header__name"><a href="/en/">ClaimTracker</a></p>' in html


def test_no_page_shows_a_date_in_iso_form(client, db):
    """Readers get dates in words ("11 January 2024", "not after 11 January 2024"); the ISO
    form is for machines (datetime attributes, the API, feeds)."""
    load_reference_case()
    pages = [
        reverse("web:home"),
        reverse("web:claim", args=["law-enforcement-avoided-force-in-initial-clashes"]),
        reverse("web:actor", args=["kassym-jomart-tokayev"]),
        reverse("web:topic", args=["january-2022-events-qandy-qantar"]),
        *(statement.get_absolute_url() for statement in Statement.objects.published()),
        *(item.get_absolute_url() for item in Evidence.objects.published()),
        *(source.get_absolute_url() for source in Source.objects.published()),
    ]
    for address in pages:
        html = client.get(address).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        # Forms show the format a date is typed in; attribute values (datetime="…", links to
        # filtered lists) are for machines.
        main = re.sub(r"<form.*?</form>", " ", main, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", main)
        assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", text), address
