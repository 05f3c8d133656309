"""/api/v1/contradiction-links/: two items that contradict each other, and why."""

import pytest

from tests.api.records import draft_link, publish, rich_link
from tests.factories import ClaimFactory, EvidenceFactory, StatementFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/contradiction-links/"


def detail(link):
    return f"/api/v1/contradiction-links/{link.pk}/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_a_link_with_a_draft_at_either_end_is_hidden_from_an_anonymous_reader(
    readers, fact_checker
):
    public = rich_link(fact_checker)
    hidden = draft_link(fact_checker)

    assert ids(readers["anonymous"].get(LIST)) == [public.pk]
    assert ids(readers["outsider"].get(LIST)) == [public.pk]
    assert readers["anonymous"].get(detail(hidden)).status_code == 404


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_staff_in_a_role_see_links_to_drafts(readers, fact_checker, persona):
    public = rich_link(fact_checker)
    hidden = draft_link(fact_checker)

    assert set(ids(readers[persona].get(LIST))) == {public.pk, hidden.pk}


def test_a_link_describes_both_ends_and_its_explanation(anonymous, fact_checker):
    link = rich_link(fact_checker)

    body = anonymous.get(detail(link)).json()

    statement, evidence = link.a_statement, link.b_evidence
    assert body["a"] == {
        "kind": "statement",
        "id": statement.pk,
        "slug": None,
        "url": f"http://testserver/api/v1/statements/{statement.pk}/",
        "page_url": f"http://testserver/statements/{statement.pk}/",
        "text": statement.quote,
    }
    assert body["b"]["kind"] == "evidence"
    assert body["b"]["text"] == evidence.title
    assert body["explanation"] == "The ruling says the opposite."
    assert body["page_url"] is None


def test_a_claim_end_is_named_by_its_slug(anonymous, fact_checker):
    link = draft_link(fact_checker)
    publish(link.a_statement, fact_checker)

    body = anonymous.get(detail(link)).json()

    # Statements sort before claims, so the claim is the second end.
    claim = link.b_claim
    assert (body["b"]["kind"], body["b"]["id"], body["b"]["slug"]) == ("claim", None, claim.slug)
    assert body["b"]["url"] == f"http://testserver/api/v1/claims/{claim.slug}/"


def test_links_filter_by_either_end(anonymous, fact_checker):
    link = rich_link(fact_checker)
    other = draft_link(fact_checker)
    publish(other.a_statement, fact_checker)

    assert ids(anonymous.get(LIST, {"statement": link.a_statement.pk})) == [link.pk]
    assert ids(anonymous.get(LIST, {"evidence": link.b_evidence.pk})) == [link.pk]
    assert ids(anonymous.get(LIST, {"claim": other.b_claim.slug})) == [other.pk]


@pytest.mark.parametrize(
    ("parameter", "make"),
    [
        ("statement", lambda: StatementFactory().pk),
        ("evidence", lambda: EvidenceFactory().pk),
        ("claim", lambda: ClaimFactory().slug),
        ("statement", lambda: "first"),
        ("evidence", lambda: 10**30),
    ],
)
def test_filtering_links_by_a_draft_or_unknown_end_is_a_400_naming_the_parameter(
    anonymous, parameter, make
):
    response = anonymous.get(LIST, {parameter: make()})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == parameter


def test_the_link_list_runs_two_queries_whatever_its_length(
    anonymous, fact_checker, django_assert_num_queries
):
    rich_link(fact_checker)
    # One query: both ends of every kind are joined.
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(2):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_link(fact_checker)

    with django_assert_num_queries(2):
        many = anonymous.get(LIST)

    assert (len(ids(one)), len(ids(many))) == (1, 5)
