"""A claim page as a reader meets it (issue 14): the verdict and its reason first, then the
quotes, the evidence, what contradicts what, the history newest first and related claims."""

import re

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.models import Claim, ClaimStatus, Evidence, Statement
from claimtracker.seeding.reference import load_reference_case
from tests.factories import TopicFactory
from tests.web.html import element, text_of
from tests.web.published import change_status, published_claim

pytestmark = pytest.mark.django_db

DISPUTED = "law-enforcement-avoided-force-in-initial-clashes"
UNCONFIRMED = "outside-terrorists-were-main-protagonists"


def section(html: str, css_class: str) -> str:
    return element(html, "section", css_class)


def claim_page(client, slug: str) -> str:
    response = client.get(reverse("web:claim", args=[slug]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_verdict_comes_first_with_its_reason_as_the_articles_words(client, db):
    load_reference_case()

    html = claim_page(client, DISPUTED)

    # Nothing but the claim itself comes before the verdict.
    assert html.index("<h1>") < html.index('<section class="verdict') < html.index('id="asserted"')
    verdict = text_of(section(html, "verdict"))
    assert verdict.startswith("Verdict: Disputed as of 11 January 2024 What we found")
    # The reason quotes the article as printed, garbled sentence included, and says so.
    assert (
        "“a version with which observers and journalists disagree. is not confirmed by the "
        "observations of journalists.” In the words of the source:"
    ) in verdict
    assert "quoted as printed" in verdict
    assert "Evidence: Supports: 0 · Contradicts: 1 · Context: 0" in verdict
    assert "Last updated" in verdict
    assert "What “Disputed” means" in verdict
    assert 'class="verdict status--disputed"' in html


def test_a_reason_in_the_fact_checkers_own_words_is_not_shown_as_a_quote(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(
        fact_checker,
        claim,
        ClaimStatus.REFUTED,
        reason="Our own summary of two court rulings that say the opposite.",
    )

    verdict = section(claim_page(client, claim.slug), "verdict")

    assert '<p class="status-reason">Our own summary of two court rulings' in verdict
    assert "<blockquote" not in verdict


def test_the_disputed_claim_shows_what_contradicts_its_statement_and_why(client, db):
    load_reference_case()
    statement = Statement.objects.get(quote="law enforcement agencies")
    evidence = Evidence.objects.get(title__startswith="The article: observers and journalists")

    html = claim_page(client, DISPUTED)

    match = re.search(r'<h2 id="contradictions">.*?</ul>', html, re.S)
    assert match, "the disputed claim's page has no Contradictions section"
    contradictions = text_of(match.group(0))
    assert (
        "On the statement by Kassym-Jomart Tokayev “law enforcement agencies”: "
        "Contradicted by the evidence The article: observers and journalists disagree"
    ) in contradictions
    assert "the article calls this “a version with which observers and journalists" in (
        contradictions
    )
    assert f'href="{statement.get_absolute_url()}"' in match.group(0)
    assert f'href="{evidence.get_absolute_url()}"' in match.group(0)


def test_statement_and_evidence_pages_show_the_link_from_their_side(client, db):
    load_reference_case()
    statement = Statement.objects.get(quote="law enforcement agencies")
    evidence = Evidence.objects.get(title__startswith="The article: observers and journalists")

    on_statement = text_of(client.get(statement.get_absolute_url()).content.decode())
    on_evidence = text_of(client.get(evidence.get_absolute_url()).content.decode())

    assert "Contradictions Contradicted by the evidence The article: observers" in on_statement
    assert (
        "Contradictions Contradicts the statement by Kassym-Jomart Tokayev "
        "“law enforcement agencies”"
    ) in on_evidence


def test_a_claim_without_contradictions_has_no_empty_section(client, db):
    load_reference_case()

    assert 'id="contradictions"' not in claim_page(client, UNCONFIRMED)


def test_the_history_runs_newest_first(client, fact_checker):
    claim = published_claim(fact_checker, stances=["contradicts"])
    change_status(fact_checker, claim, ClaimStatus.UNCONFIRMED)
    claim.refresh_from_db()
    change_status(fact_checker, claim, ClaimStatus.REFUTED)

    html = claim_page(client, claim.slug)
    history = text_of(html[html.index('id="timeline"') :])

    assert history.index("Unconfirmed → Refuted") < history.index("No status → Unconfirmed")
    assert text_of(section(html, "verdict")).startswith("Verdict: Refuted")


def test_a_claim_links_to_its_topics_and_related_claims(client, fact_checker):
    topic = services.record_publish(by=fact_checker, record=TopicFactory(name="Elections"))
    claim = published_claim(fact_checker, topics=[topic], text="The vote was fair.")
    other = published_claim(fact_checker, topics=[topic], text="Turnout was 80%.")
    unrelated = published_claim(fact_checker, text="The weather was fine.")

    html = claim_page(client, claim.slug)

    assert f'<a href="{topic.get_absolute_url()}">Elections</a>' in html
    related = html[html.index("Related claims") :]
    assert f'href="{other.get_absolute_url()}"' in related
    assert unrelated.text not in html
    assert Claim.objects.count() == 3


def test_withdrawn_evidence_does_not_count_in_the_verdicts_tally(client, fact_checker, editor):
    claim = published_claim(fact_checker, stances=["supports", "contradicts"])
    link = claim.evidence_links.get(stance="supports")
    services.record_withdraw(by=editor, record=link.evidence, note="The report was retracted.")

    verdict = text_of(section(claim_page(client, claim.slug), "verdict"))

    assert "Supports: 0 · Contradicts: 1" in verdict


def test_each_quote_links_to_its_statements_own_page(client, db):
    load_reference_case()
    statement = Statement.objects.get(quote="law enforcement agencies")

    html = claim_page(client, DISPUTED)
    on_its_page = client.get(statement.get_absolute_url()).content.decode()

    assert (
        f'<a href="{statement.get_absolute_url()}" title="This statement on its own page">' in html
    )
    assert 'title="This statement on its own page"' not in on_its_page
