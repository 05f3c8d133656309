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


def as_if_at_scale(monkeypatch, *, newest, candidates, few_matches):
    """The search's bounds made small, so that a few claims behave as a million do: ``newest``
    tested, ``candidates`` ranked, more than ``few_matches`` too many to list from the GIN
    index. The tables are analysed, so that the size the search reads from the planner's
    statistics is the one the test made (ANALYZE's counts outlive other tests' transactions)."""
    monkeypatch.setattr(selectors_search, "NEWEST", newest)
    monkeypatch.setattr(selectors_search, "CANDIDATES", candidates)
    monkeypatch.setattr(selectors_search, "FEW_MATCHES", few_matches)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim, claims_statement")


def test_a_total_beyond_the_ranked_candidates_is_an_estimate_said_as_such(
    client, published_claim, monkeypatch
):
    for number in range(5):
        published_claim(f"The harvest number {number} was good.")
    # Five matches, the newest three tested (all match, so more are predicted than the GIN
    # index is asked for) and room to rank three: the total is the planner's estimate.
    as_if_at_scale(monkeypatch, newest=3, candidates=3, few_matches=2)

    html = client.get(SEARCH, {"q": "harvest"}).content.decode()

    assert re.fullmatch(r"About [\d,]+ results for “harvest”", heading(html))
    assert "the total is an estimate" in html
    # Only the three newest were ranked, and they are shown.
    assert len(re.findall(r'href="/en/claims/claim-', html)) == 3


def test_paging_a_common_word_ends_with_the_ranked_candidates_and_says_so(
    client, published_claim, monkeypatch
):
    for number in range(5):
        published_claim(f"The harvest number {number} was good.")
    as_if_at_scale(monkeypatch, newest=3, candidates=3, few_matches=2)

    first = client.get(SEARCH, {"q": "harvest", "kind": "claims"}).content.decode()
    past = client.get(SEARCH, {"q": "harvest", "kind": "claims", "page": 2})

    assert re.fullmatch(r"About [\d,]+ results for “harvest”", heading(first))
    assert len(re.findall(r'href="/en/claims/claim-', first)) == 3
    assert "Only the best 3 matches among the newest are ranked" in first
    assert past.status_code == 404


def test_a_word_rare_among_the_newest_is_listed_whole_with_an_exact_total(
    client, published_claim, monkeypatch
):
    for number in range(4):
        published_claim(f"The harvest number {number} was good.")
    for number in range(6):
        published_claim(f"The weather on day {number} was fine.")
    # None among the newest three predicts few; the planner does not know the word as common
    # either (four in ten is fewer than the five the GIN index lists), so the index is asked,
    # and finds all four.
    as_if_at_scale(monkeypatch, newest=3, candidates=3, few_matches=5)

    html = client.get(SEARCH, {"q": "harvest"}).content.decode()

    assert heading(html) == "4 results for “harvest”"
    assert "the total is an estimate" not in html


def test_the_estimate_is_in_the_readers_language(client, published_claim, monkeypatch):
    for number in range(2):
        published_claim(f"The harvest number {number} was good.")
    as_if_at_scale(monkeypatch, newest=1, candidates=1, few_matches=1)

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
    as_if_at_scale(monkeypatch, newest=5, candidates=5, few_matches=2)

    # The record's stamp (the key of the kept page); the newest claims tested, those that
    # match ranked, those shown, their statements, the speakers' names; the newest statements
    # tested; actors;
    # topics (none match the last two kinds, so their names are not asked for). With six
    # claims, the newest five all match: more than FEW_MATCHES are predicted, so the walk
    # finds the rest and one EXPLAIN estimates the total; the statements, none of which match
    # among the newest five, are predicted few, and the planner does not know the word as
    # common in them (one EXPLAIN), so the GIN index is asked (none there: no more queries).
    with django_assert_num_queries(9 if count == 1 else 13):
        response = client.get(SEARCH, {"q": "harvest"})

    assert response.status_code == 200
