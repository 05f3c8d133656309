"""The API's lists built the cheap way (claimtracker/api/lean.py) read as they always did.

Addresses are filled into a template reversed once per request instead of a reverse() per row:
every one must still be the address reverse() gives, in whatever language the client asks, and
a full page must cost the same queries as a short one.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claimtracker.i18n.languages import unprefixed
from tests.api.records import published_claim, rich_claim

pytestmark = pytest.mark.django_db

LIST = "/api/v1/claims/"


def absolute(path):
    return f"http://testserver{path}"


def page(record):
    return absolute(unprefixed(record.get_absolute_url()))


def api(name, lookup):
    return absolute(reverse(f"api:{name}-detail", args=[lookup]))


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_address_in_the_claim_list_is_the_one_reverse_gives(
    anonymous, fact_checker, language
):
    rich = rich_claim(fact_checker)
    claim, statement, evidence = rich.claim, rich.statement, rich.evidence

    body = anonymous.get(LIST, headers={"accept-language": language}).json()

    [item] = body["results"]
    assert (item["url"], item["page_url"]) == (api("claim", claim.slug), page(claim))
    assert item["contradiction_links_url"] == absolute(
        f"{reverse('api:contradictionlink-list')}?claim={claim.slug}"
    )
    shown = {part["id"]: part for part in item["statements"]}
    assert (shown[statement.pk]["url"], shown[statement.pk]["page_url"]) == (
        api("statement", statement.pk),
        page(statement),
    )
    speaker = statement.speaker
    assert (shown[statement.pk]["speaker"]["url"], shown[statement.pk]["speaker"]["page_url"]) == (
        api("actor", speaker.slug),
        page(speaker),
    )
    cited = {link["evidence"]["id"]: link["evidence"] for link in item["evidence"]}
    assert (cited[evidence.pk]["url"], cited[evidence.pk]["page_url"]) == (
        api("evidence", evidence.pk),
        page(evidence),
    )
    for topic, shown_topic in zip(claim.topics.order_by("slug"), item["topics"], strict=True):
        assert (shown_topic["url"], shown_topic["page_url"]) == (
            api("topic", topic.slug),
            page(topic),
        )
    changes = claim.status_changes.order_by("pk")
    assert [change["url"] for change in item["status_changes"]] == [
        api("statuschange", change.pk) for change in changes
    ]


def test_a_status_changes_page_address_points_into_its_claims_page(anonymous, fact_checker):
    # The one page address that depends on more than the record's own pk or slug: it is built
    # the slow way, and must still name the change's claim.
    claim = rich_claim(fact_checker).claim

    results = anonymous.get("/api/v1/status-changes/").json()["results"]

    assert {change["page_url"] for change in results} == {
        f"{page(claim)}#status-change-{change.pk}" for change in claim.status_changes.all()
    }


def test_a_full_claim_page_and_the_next_cost_the_queries_of_a_page_of_one(
    anonymous, fact_checker, django_assert_max_num_queries
):
    # Compared with the page of one rather than a number: tests/api/test_claims.py names the
    # number and what each query reads.
    rich_claim(fact_checker)
    with CaptureQueriesContext(connection) as page_of_one:
        one = anonymous.get(LIST).json()
    # Past one page (50): the page is full, and following its cursor costs no more. (A page of
    # claims with no statements or topics skips the prefetches of their parts: fewer queries.)
    for _ in range(60):
        published_claim(fact_checker)

    with django_assert_max_num_queries(len(page_of_one)):
        full = anonymous.get(LIST).json()
    with django_assert_max_num_queries(len(page_of_one)):
        following = anonymous.get(full["next"]).json()

    assert (len(one["results"]), len(full["results"]), len(following["results"])) == (1, 50, 11)
