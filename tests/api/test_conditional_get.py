"""Detail endpoints carry an ETag and answer If-None-Match with 304 when nothing changed."""

import pytest

from claimtracker.claims import services
from claimtracker.claims.models import ClaimStatus
from tests.api.records import (
    published_source,
    rich_actor,
    rich_claim,
    rich_correction,
    rich_evidence,
    rich_link,
    rich_statement,
    rich_status_change,
    rich_topic,
    set_status,
)
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

DETAILS = {
    "actors": lambda by: rich_actor(by).slug,
    "sources": lambda by: published_source(by).pk,
    "statements": lambda by: rich_statement(by).pk,
    "claims": lambda by: rich_claim(by).claim.slug,
    "evidence": lambda by: rich_evidence(by).pk,
    "contradiction-links": lambda by: rich_link(by).pk,
    "topics": lambda by: rich_topic(by).slug,
    "status-changes": lambda by: rich_status_change(by).pk,
    "corrections": lambda by: rich_correction(by).pk,
}


@pytest.mark.parametrize("collection", DETAILS)
def test_a_detail_answers_304_with_no_body_when_the_client_has_it(
    anonymous, fact_checker, collection
):
    url = f"/api/v1/{collection}/{DETAILS[collection](fact_checker)}/"
    first = anonymous.get(url)
    etag = first["ETag"]

    again = anonymous.get(url, headers={"If-None-Match": etag})

    assert etag.startswith('W/"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_changed_claim_gets_a_new_etag_and_a_full_answer(anonymous, fact_checker):
    claim = rich_claim(fact_checker).claim
    url = f"/api/v1/claims/{claim.slug}/"
    etag = anonymous.get(url)["ETag"]

    set_status(claim, fact_checker, ClaimStatus.CONFIRMED)
    response = anonymous.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["status"] == "confirmed"


def test_a_correction_that_links_a_draft_statement_to_a_claim_changes_its_etag(
    anonymous, fact_checker
):
    # A published claim never shows a draft; linking one is a public correction, which
    # publishes the statement with it, so the claim readers get changes.
    rich = rich_claim(fact_checker)
    url = f"/api/v1/claims/{rich.claim.slug}/"
    etag = anonymous.get(url)["ETag"]
    repeated = StatementFactory()

    services.claim_update(
        by=fact_checker,
        claim=rich.claim,
        changes={"statements": [rich.statement, rich.drafted_statement, repeated]},
        correction_note="The speaker repeated the claim in a later interview.",
    )
    response = anonymous.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert repeated.pk in [item["id"] for item in response.json()["statements"]]


def test_a_curator_and_an_anonymous_reader_who_see_different_things_get_different_etags(
    anonymous, as_user, editor, fact_checker
):
    # The statement asserts a published and a draft claim; only the curator sees the draft.
    url = f"/api/v1/statements/{rich_statement(fact_checker).pk}/"

    public = anonymous.get(url)
    curated = as_user(editor).get(url, headers={"If-None-Match": public["ETag"]})

    assert curated.status_code == 200
    assert curated["ETag"] != public["ETag"]


@pytest.mark.parametrize(
    ("header", "status"),
    [("*", 304), ('"something-else"', 200), ("strong", 304), ('W/"other", {etag}', 304)],
)
def test_if_none_match_compares_weakly_and_accepts_lists_and_a_star(
    anonymous, fact_checker, header, status
):
    url = f"/api/v1/sources/{published_source(fact_checker).pk}/"
    etag = anonymous.get(url)["ETag"]
    if header == "strong":
        header = etag.removeprefix("W/")

    response = anonymous.get(url, headers={"If-None-Match": header.format(etag=etag)})

    assert response.status_code == status


def test_json_and_the_browsable_api_have_different_etags(anonymous, fact_checker):
    url = f"/api/v1/sources/{published_source(fact_checker).pk}/"

    as_json = anonymous.get(url, headers={"Accept": "application/json"})
    as_html = anonymous.get(url, headers={"Accept": "text/html"})

    assert as_json["ETag"] != as_html["ETag"]


def test_a_head_request_gets_the_etag_too(anonymous, fact_checker):
    url = f"/api/v1/sources/{published_source(fact_checker).pk}/"

    response = anonymous.head(url)

    assert response.status_code == 200
    assert response["ETag"] == anonymous.get(url)["ETag"]
