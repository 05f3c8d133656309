"""The search's queries read few rows of claims and statements, whether a word is in every row,
in one, or is the start of many: no query reads more than the candidates' bounds
(``NEWEST`` rows tested in order, ``FEW_MATCHES`` + 1 keys), never a table whole, with the
planner's statistics of twenty thousand rows. The rows read are counted from ``EXPLAIN
ANALYZE``: what the database did, not what it planned.

The rows are written with SQL (``generate_series``), not factories: thousands of them, fast.
Nothing is forced on the planner (no ``enable_seqscan``); the tables are ANALYZEd, as
autovacuum does in production.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claimtracker.claims import selectors_search
from claimtracker.claims.planner import explain
from claimtracker.claims.selectors_search import search
from tests.factories import ActorFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

ROWS = 20000
LARGE_TABLES = ("claims_claim", "claims_statement")
# Words of the synthetic rows: "government" is in every one, "wordN" in one each (and
# "word19999", the rare word, is the start of no other); "prot" starts a word of every claim,
# "word1" the words of 1 111 rows.
COMMON, RARE = "government", "word19999"
QUERIES = [COMMON, RARE, "prot", "word1", f"{COMMON} {RARE}", "протест"]


@pytest.fixture
def many_rows(db):
    user, speaker, source = UserFactory(), ActorFactory(), SourceFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO claims_claim (created_at, updated_at, published_at, published_by_id,
                slug, text, status, search_key)
            SELECT now(), now(), now() - g * interval '1 minute', %(user)s, 'synthetic-' || g,
                'The government said word' || g || ' about protests.', '',
                'the government said word' || g || ' about protests'
            FROM generate_series(1, %(rows)s) g;
            INSERT INTO claims_statement (created_at, updated_at, published_at, published_by_id,
                speaker_id, source_id, mode, quote, language, translation, translation_language,
                context, stated_on_wording, place, search_key)
            SELECT now(), now(), now(), %(user)s, %(speaker)s, %(source)s, 'direct',
                'The government will answer word' || g, 'en', '', '', '', '', '',
                'the government will answer word' || g
            FROM generate_series(1, %(rows)s) g;
            ANALYZE claims_claim;
            ANALYZE claims_statement;
            """,
            {"user": user.pk, "speaker": speaker.pk, "source": source.pk, "rows": ROWS},
        )


def rows_read(sql):
    """Per large table, how many rows the query read (returned or filtered out), as EXPLAIN
    ANALYZE reports it."""
    ((plan,),) = explain(sql, "ANALYZE, FORMAT JSON")
    if isinstance(plan, str):
        plan = json.loads(plan)
    read = dict.fromkeys(LARGE_TABLES, 0)

    def visit(node):
        if node.get("Relation Name") in read:
            loops = node.get("Actual Loops", 1)
            read[node["Relation Name"]] += loops * (
                node.get("Actual Rows", 0)
                + node.get("Rows Removed by Filter", 0)
                + node.get("Rows Removed by Index Recheck", 0)
            )
        for child in node.get("Plans", []):
            visit(child)

    visit(plan[0]["Plan"])
    return read


def most_read(queries):
    """The most rows of a large table that one of ``queries`` read."""
    return max(
        (count for sql in queries for count in rows_read(sql).values()),
        default=0,
    )


def bound():
    return max(selectors_search.NEWEST, selectors_search.FEW_MATCHES + 1)


def searched(captured):
    return [
        executed["sql"]
        for executed in captured.captured_queries
        if "search_document" in executed["sql"] and not executed["sql"].startswith("EXPLAIN")
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_the_search_page_reads_few_rows_whatever_the_query(many_rows, query):
    with CaptureQueriesContext(connection) as captured:
        search(query)

    queries = searched(captured)
    assert queries
    assert most_read(queries) <= bound(), query


def test_a_rare_word_finds_its_one_row_among_many_with_an_exact_total(many_rows):
    results = search(RARE)

    assert [claim.slug for claim in results.claims] == ["synthetic-19999"]
    assert results.claims_total == 1
    assert not results.estimated


def test_a_prefix_of_many_words_finds_the_newest_and_says_the_total_is_an_estimate(many_rows):
    results = search("word1")

    # word1, word10…word19, word100…, word10000…word19999: 11 111 claims, more than
    # FEW_MATCHES, so the newest are ranked and the total is estimated, never below what the
    # search knows (more than FEW_MATCHES).
    assert results.claims[0].slug == "synthetic-1"
    assert results.estimated
    assert results.claims_total > selectors_search.FEW_MATCHES


def test_a_word_in_every_row_ranks_only_the_newest_candidates_and_estimates_the_total(
    many_rows,
):
    results = search(COMMON)

    assert [claim.slug for claim in results.claims][:3] == [
        "synthetic-1",
        "synthetic-2",
        "synthetic-3",
    ]
    assert results.estimated
    # The planner's estimate of the 20,000 rows, rounded: near, not counted.
    assert 10000 <= results.claims_total <= 40000


@pytest.mark.parametrize("query", QUERIES)
def test_the_api_claim_list_with_q_reads_few_rows(client, many_rows, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("api:claim-list"), {"q": query})

    assert response.status_code == 200
    queries = searched(captured)
    assert queries
    assert most_read(queries) <= bound(), query


def test_the_api_finds_the_rare_word_and_every_row_of_the_common_one(client, many_rows):
    rare = client.get(reverse("api:claim-list"), {"q": RARE}).json()
    common = client.get(reverse("api:claim-list"), {"q": COMMON}).json()

    assert [claim["slug"] for claim in rare["results"]] == ["synthetic-19999"]
    assert len(common["results"]) == 50


def test_a_word_common_only_in_older_rows_finds_its_newest_and_estimates_the_total(many_rows):
    # In the older half of the claims (10 000 rows), in none of the newest thousand: the newest
    # predict no match, but the planner's statistics know the word is common.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET search_key = search_key || ' harvest' "
            "WHERE slug LIKE 'synthetic-%%' AND substr(slug, 11)::int > %s",
            [ROWS // 2],
        )
        cursor.execute("ANALYZE claims_claim")

    results = search("harvest")

    assert [claim.slug for claim in results.claims][:2] == ["synthetic-10001", "synthetic-10002"]
    assert results.estimated
    assert results.claims_total > selectors_search.FEW_MATCHES
