"""/api/v1/evidence/: investigations, rulings, reporting and the claims they bear on."""

import pytest

from claimtracker.claims.models import EvidenceKind, Stance
from tests.api.records import publish, rich_evidence
from tests.factories import ClaimEvidenceFactory, ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/evidence/"


def detail(evidence):
    return f"/api/v1/evidence/{evidence.pk}/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_an_anonymous_reader_lists_published_evidence_only(anonymous, fact_checker):
    published = publish(EvidenceFactory(), fact_checker)
    EvidenceFactory()

    assert ids(anonymous.get(LIST)) == [published.pk]


def test_draft_evidence_is_not_found_for_an_anonymous_reader_or_staff_without_a_role(readers):
    draft = EvidenceFactory()

    assert readers["anonymous"].get(detail(draft)).status_code == 404
    assert readers["outsider"].get(detail(draft)).status_code == 404


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_staff_in_a_role_read_draft_evidence_and_every_claim_it_bears_on(
    readers, fact_checker, persona
):
    evidence = rich_evidence(fact_checker)
    draft = EvidenceFactory()
    client = readers[persona]

    assert len(client.get(detail(evidence)).json()["claims"]) == 2
    assert set(ids(client.get(LIST))) == {evidence.pk, draft.pk}


def test_evidence_shows_an_anonymous_reader_only_the_published_claims_it_bears_on(
    anonymous, fact_checker
):
    evidence = rich_evidence(fact_checker)

    (link,) = anonymous.get(detail(evidence)).json()["claims"]

    assert (link["stance"], link["stance_label"]) == ("supports", "Supports")
    assert link["claim"]["status"] is None
    assert link["claim"]["status_label"] == "No status yet"


def test_evidence_gives_its_kind_date_and_source(anonymous, fact_checker):
    evidence = rich_evidence(fact_checker)

    body = anonymous.get(detail(evidence)).json()

    assert (body["kind"], body["kind_label"]) == ("reporting", "Reporting")
    assert body["occurred_on"] == "2022"
    assert body["source"]["id"] == evidence.source_id
    assert body["page_url"] == f"http://testserver/evidence/{evidence.pk}/"


def test_evidence_filters_by_kind_and_by_claim(anonymous, fact_checker):
    ruling = publish(EvidenceFactory(kind=EvidenceKind.COURT_RULING), fact_checker)
    claim = ClaimFactory()
    ClaimEvidenceFactory(claim=claim, evidence=ruling, stance=Stance.CONTRADICTS)
    publish(claim, fact_checker)  # after linking: a published claim's links need a correction
    publish(EvidenceFactory(), fact_checker)

    assert ids(anonymous.get(LIST, {"kind": "court_ruling"})) == [ruling.pk]
    assert ids(anonymous.get(LIST, {"claim": claim.slug})) == [ruling.pk]


def test_filtering_evidence_by_a_draft_claim_is_the_same_400_as_by_no_claim(
    anonymous, as_user, editor, fact_checker
):
    draft_claim = ClaimFactory()
    ClaimEvidenceFactory(claim=draft_claim, evidence=publish(EvidenceFactory(), fact_checker))

    hidden = anonymous.get(LIST, {"claim": draft_claim.slug})
    missing = anonymous.get(LIST, {"claim": "no-such-claim"})

    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["errors"][0]["message"] == (
        f"There is no claim with the slug “{draft_claim.slug}”."
    )
    assert len(ids(as_user(editor).get(LIST, {"claim": draft_claim.slug}))) == 1


def test_the_evidence_list_runs_as_many_queries_for_many_items_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    rich_evidence(fact_checker)
    # The page with sources joined, then the corrections, then the claim links with their
    # claims, then the translations (issue 15: +1).
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(5):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_evidence(fact_checker)

    with django_assert_num_queries(5):
        many = anonymous.get(LIST)

    assert (len(ids(one)), len(ids(many))) == (1, 5)
