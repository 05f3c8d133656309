"""What the search page shows: best matches first, an honest total, a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from claimtracker.claims import selectors_search
from claimtracker.claims.selectors_search import search

pytestmark = pytest.mark.django_db

SEARCH = reverse("web:search")


def heading(html):
    found = re.search(r'<h2 id="results-heading">(.*?)</h2>', html, re.S)
    assert found, "the results heading is on the page"
    return found.group(1)


def test_the_claim_that_matches_best_comes_first_even_when_older(published_claim):
    often = published_claim("The airport, its runway and the airport tower: the airport fell.")
    once = published_claim("Protesters entered the airport.")
    unrelated = published_claim("The internet was shut down.")

    found = search("airport").claims

    assert [claim.slug for claim in found] == [often.slug, once.slug]
    assert unrelated.slug not in {claim.slug for claim in found}


def test_claims_that_match_alike_come_newest_first(published_claim):
    older = published_claim("Troops arrived in Almaty.")
    newer = published_claim("Troops left Almaty.")

    assert [claim.slug for claim in search("almaty").claims] == [newer.slug, older.slug]


def test_a_word_start_finds_the_word(published_claim):
    claim = published_claim("Zhanaozen workers went on strike.")

    assert [c.slug for c in search("zhanao").claims] == [claim.slug]


def test_a_small_total_is_exact_and_said_plainly(client, published_claim):
    for number in range(3):
        published_claim(f"The harvest number {number} was good.")

    html = client.get(SEARCH, {"q": "harvest"}).content.decode()

    assert heading(html) == "3 results for “harvest”"
    assert "the total is an estimate" not in html


def test_a_total_beyond_the_ranked_candidates_is_an_estimate_said_as_such(
    client, published_claim, monkeypatch
):
    for number in range(5):
        published_claim(f"The harvest number {number} was good.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    # Five matches, the newest three tested and room to rank three: the total is the planner's
    # estimate.
    monkeypatch.setattr(selectors_search, "CANDIDATES", 3)
    monkeypatch.setattr(selectors_search, "NEWEST", 3)

    html = client.get(SEARCH, {"q": "harvest"}).content.decode()

    assert re.fullmatch(r"About [\d,]+ results for “harvest”", heading(html))
    assert "the total is an estimate" in html
    # Only the three newest were ranked, and they are shown.
    assert len(re.findall(r'href="/en/claims/claim-', html)) == 3


def test_the_estimate_is_in_the_readers_language(client, published_claim, monkeypatch):
    for number in range(2):
        published_claim(f"The harvest number {number} was good.")
    monkeypatch.setattr(selectors_search, "CANDIDATES", 1)
    monkeypatch.setattr(selectors_search, "NEWEST", 1)

    with translation.override("ru"):
        url = reverse("web:search")
    html = client.get(url, {"q": "harvest"}).content.decode()

    assert heading(html).startswith("Около ")


@pytest.mark.parametrize("url", [SEARCH, reverse("api:claim-list")])
def test_a_query_over_200_characters_is_refused_with_400(client, db, url):
    assert client.get(url, {"q": "a" * 201}).status_code == 400
    assert client.get(url, {"q": "a" * 200}).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_search_runs_a_fixed_number_of_queries(
    client, published_claim, django_assert_num_queries, monkeypatch, count
):
    for number in range(count):
        published_claim(f"The harvest number {number} was good.")
    monkeypatch.setattr(selectors_search, "CANDIDATES", 5)
    monkeypatch.setattr(selectors_search, "NEWEST", 5)

    # the newest claims tested, those that match, their statements, the speakers' names; the
    # newest statements tested; actors; topics (none match the last two kinds, so their names
    # are not asked for). When the newest five claims all match, one EXPLAIN for the estimate
    # of the total; and the statements, none of which match among the newest five, are asked
    # of the GIN index (none there either: no more queries).
    # And first the record's stamp, the key of the kept page.
    with django_assert_num_queries(8 if count == 1 else 10):
        response = client.get(SEARCH, {"q": "harvest"})

    assert response.status_code == 200
