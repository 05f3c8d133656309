"""The public corrections page, and corrections shown next to what they correct."""

import pytest
from django.urls import reverse

from claimtracker.claims import services
from tests.factories import ClaimEvidenceFactory, ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db


def corrected_claim(by, count=1):
    """A claim published with ``count`` statements and pieces of evidence (built first: a
    published claim's statements and links change only by correction), then each statement
    corrected and each piece of evidence withdrawn, in turn."""
    statements = [StatementFactory(quote=f"Quote {number}") for number in range(count)]
    claim = ClaimFactory(slug="the-claim", statements=statements)
    links = [ClaimEvidenceFactory(claim=claim) for _ in range(count)]
    services.record_publish(by=by, record=claim)  # with its statements and evidence
    for number, (statement, link) in enumerate(zip(statements, links, strict=True)):
        services.record_correct(
            by=by, record=statement, changes={"place": "Astana"}, note=f"Place added {number}."
        )
        services.record_withdraw(by=by, record=link.evidence, note=f"Retracted {number}.")
    return claim


def test_the_corrections_page_lists_every_correction_newest_first(client, fact_checker):
    corrected_claim(fact_checker, count=2)

    html = client.get(reverse("web:corrections")).content.decode()

    assert html.index("Retracted 1.") < html.index("Place added 1.") < html.index("Retracted 0.")
    assert "Withdrawn" in html
    assert "Corrected" in html


def test_the_claim_page_shows_each_correction_next_to_its_item(client, fact_checker):
    corrected_claim(fact_checker)

    html = client.get("/en/claims/the-claim/").content.decode()

    assert "Corrected on" in html
    assert "Place added 0." in html
    assert "Withdrawn on" in html
    assert "Retracted 0." in html


def test_notes_are_escaped(client, fact_checker):
    statement = services.record_publish(by=fact_checker, record=StatementFactory())
    services.record_withdraw(by=fact_checker, record=statement, note="<script>alert(1)</script>")

    for url in (reverse("web:corrections"), statement.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("count", [1, 5])
def test_the_corrections_page_runs_the_same_queries_however_many_it_lists(
    client, fact_checker, django_assert_num_queries, count
):
    corrected_claim(fact_checker, count=count)

    # The stamp (web/caching.py), the count, the corrections with their records, the names.
    with django_assert_num_queries(4):
        assert client.get(reverse("web:corrections")).status_code == 200


def test_the_navigation_the_footer_and_the_methodology_link_to_the_corrections(client):
    html = client.get(reverse("web:methodology")).content.decode()

    assert html.count(f'href="{reverse("web:corrections")}"') == 3
