"""``?q=`` on the claim, statement, actor and topic lists: the public search, through the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claimtracker.seeding.reference import load_reference_case
from tests.api.records import publish
from tests.factories import ClaimFactory, StatementFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def reference(role_groups):
    load_reference_case()


@pytest.mark.parametrize("query", ["Тоқаев", "Токаев", "tokayev", "Tokaev"])
def test_actors_are_found_by_a_name_in_any_script(anonymous, reference, query):
    response = anonymous.get("/api/v1/actors/", {"q": query})

    assert response.status_code == 200
    assert slugs(response) == ["kassym-jomart-tokayev"]


def test_claims_are_found_by_words_of_their_text(anonymous, reference):
    response = anonymous.get("/api/v1/claims/", {"q": "outside terrorists"})

    assert slugs(response) == ["outside-terrorists-were-main-protagonists"]


def test_the_search_combines_with_the_other_filters(anonymous, reference):
    found = anonymous.get("/api/v1/claims/", {"q": "January", "status": "unconfirmed"})
    everything = anonymous.get("/api/v1/claims/", {"status": "unconfirmed"})

    assert "outside-terrorists-were-main-protagonists" in slugs(found)
    assert set(slugs(found)) <= set(slugs(everything))


def test_statements_are_found_by_words_of_their_quote(anonymous, reference):
    response = anonymous.get("/api/v1/statements/", {"q": "pogroms"})

    quotes = [row["quote"] for row in response.json()["results"]]
    assert quotes == ["these were not peaceful demonstrations, but mass riots and pogroms"]


def test_topics_are_found_by_their_kazakh_name_in_cyrillic(anonymous, reference):
    response = anonymous.get("/api/v1/topics/", {"q": "Қанды Қаңтар"})

    assert slugs(response) == ["january-2022-events-qandy-qantar"]


def test_anonymous_readers_find_no_drafts_and_curators_do(anonymous, as_user, fact_checker):
    ClaimFactory(slug="draft-claim", text="Zebras are secret.")
    publish(ClaimFactory(slug="public-claim", text="Zebras are striped."), fact_checker)
    StatementFactory(quote="zebras, in a draft")

    public = anonymous.get("/api/v1/claims/", {"q": "zebras"})
    curator = as_user(fact_checker).get("/api/v1/claims/", {"q": "zebras"})

    assert slugs(public) == ["public-claim"]
    assert set(slugs(curator)) == {"public-claim", "draft-claim"}
    assert anonymous.get("/api/v1/statements/", {"q": "zebras"}).json()["results"] == []


def test_an_empty_search_filters_nothing(anonymous, fact_checker):
    publish(ClaimFactory(), fact_checker)

    assert len(anonymous.get("/api/v1/claims/", {"q": ""}).json()["results"]) == 1


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/actors/"])
def test_a_too_long_search_is_a_400_naming_the_parameter(anonymous, path):
    response = anonymous.get(path, {"q": "a" * 201})

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "q"


def test_a_search_with_a_nul_character_is_a_400_not_a_500(anonymous):
    assert anonymous.get("/api/v1/claims/", {"q": "tok\x00ayev"}).status_code == 400


def test_search_is_not_offered_where_it_is_not_documented(anonymous):
    response = anonymous.get("/api/v1/sources/", {"q": "anything"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "unknown_parameter"


def test_the_q_parameter_is_documented_with_its_limit(openapi_schema):
    for path in ("/api/v1/claims/", "/api/v1/statements/", "/api/v1/actors/", "/api/v1/topics/"):
        (q,) = [p for p in openapi_schema["paths"][path]["get"]["parameters"] if p["name"] == "q"]
        assert q["schema"]["maxLength"] == 200
        assert q["description"]


def test_a_searched_claim_list_runs_as_many_queries_for_many_claims_as_for_one(
    anonymous, fact_checker
):
    def add_claims(count):
        for _ in range(count):
            statement = publish(StatementFactory(quote="harvest words"), fact_checker)
            publish(ClaimFactory(text="A good harvest.", statements=[statement]), fact_checker)

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get("/api/v1/claims/", params)
        return len(captured), len(slugs(response))

    add_claims(1)
    one, unsearched = queries({"q": "harvest"}), queries({})
    add_claims(5)
    many = queries({"q": "harvest"})

    # The search asks the GIN index which claims match (one query, however many), and the
    # page's queries are the same as without it.
    assert (one, many) == ((unsearched[0] + 1, 1), (unsearched[0] + 1, 6))
