"""/api/v1/status-changes/: the append-only history of every claim's status."""

import pytest
from django.utils import timezone, translation

from claimtracker.claims.models import ClaimStatus
from tests.api.records import publish, rich_claim, rich_status_change, set_status
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/status-changes/"


def detail(change):
    return f"/api/v1/status-changes/{change.pk}/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_an_anonymous_reader_sees_the_history_of_published_claims_only(anonymous, fact_checker):
    published = publish(ClaimFactory(), fact_checker)
    public = set_status(published, fact_checker, ClaimStatus.UNCONFIRMED)
    hidden = set_status(ClaimFactory(), fact_checker, ClaimStatus.DISPUTED)

    assert ids(anonymous.get(LIST)) == [public.pk]
    assert anonymous.get(detail(hidden)).status_code == 404


@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor"])
def test_staff_in_a_role_see_the_history_of_draft_claims(readers, fact_checker, persona):
    hidden = set_status(ClaimFactory(), fact_checker, ClaimStatus.DISPUTED)

    assert ids(readers[persona].get(LIST)) == [hidden.pk]


def test_a_published_claims_status_change_cites_the_same_evidence_for_everyone(
    anonymous, as_user, editor, fact_checker
):
    # Publishing the claim published the evidence its history cites, so anonymous readers
    # see every citation, and can recompute the change's hash from what they see.
    change = rich_status_change(fact_checker)

    public = anonymous.get(detail(change)).json()
    curated = as_user(editor).get(detail(change)).json()

    assert len(public["evidence"]) == 2
    assert public["evidence"] == curated["evidence"]


def test_a_status_change_says_what_changed_when_and_why_and_links_to_its_claim(
    anonymous, fact_checker
):
    change = rich_status_change(fact_checker)

    body = anonymous.get(detail(change)).json()

    assert (body["old_status"], body["new_status"]) == ("unconfirmed", "refuted")
    assert (body["old_status_label"], body["new_status_label"]) == ("Unconfirmed", "Refuted")
    assert (body["as_of"], body["reason"]) == (
        "2024-01-11",
        "Two courts found otherwise, in rulings published in full.",
    )
    assert body["claim"]["slug"] == change.claim.slug
    assert body["page_url"] == (
        f"http://testserver/claims/{change.claim.slug}/#status-change-{change.pk}"
    )
    assert "recorded_by" not in body


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_status_changes_words_are_in_the_readers_language(anonymous, fact_checker, language):
    change = rich_status_change(fact_checker)
    with translation.override(language):
        expected = (str(ClaimStatus.UNCONFIRMED.label), str(ClaimStatus.REFUTED.label))

    body = anonymous.get(detail(change), headers={"accept-language": language}).json()

    assert (body["old_status_label"], body["new_status_label"]) == expected
    assert expected != ("Unconfirmed", "Refuted")


def test_a_first_status_change_comes_from_no_status(anonymous, fact_checker):
    claim = publish(ClaimFactory(), fact_checker)
    change = set_status(claim, fact_checker, ClaimStatus.UNCONFIRMED)

    body = anonymous.get(detail(change)).json()

    assert (body["old_status"], body["old_status_label"]) == (None, "No status")


def test_status_changes_filter_by_claim_and_recorded_date(anonymous, fact_checker):
    first = rich_claim(fact_checker)
    second = rich_claim(fact_checker)
    moment = second.changes[0].recorded_at.isoformat()

    by_claim = ids(anonymous.get(LIST, {"claim": first.claim.slug}))
    since = ids(anonymous.get(LIST, {"recorded_since": moment}))
    before = ids(anonymous.get(LIST, {"recorded_before": moment}))

    assert sorted(by_claim) == sorted(change.pk for change in first.changes)
    assert sorted(since) == sorted(change.pk for change in second.changes)
    assert sorted(before) == sorted(change.pk for change in first.changes)
    today = timezone.now().date().isoformat()
    assert anonymous.get(LIST, {"recorded_since": f"{today}T99:00"}).status_code == 400


def test_the_status_change_list_runs_as_many_queries_for_many_changes_as_for_one(
    anonymous, fact_checker, django_assert_num_queries
):
    rich_status_change(fact_checker)
    # The page with claims joined, then the evidence each change cites, then the reasons'
    # translations (issue 15: +1).
    # (First the record's stamp: an anonymous reader's page is kept under it, web.caching.)
    with django_assert_num_queries(4):
        one = anonymous.get(LIST)
    for _ in range(4):
        rich_status_change(fact_checker)

    with django_assert_num_queries(4):
        many = anonymous.get(LIST)

    # Each rich claim has two changes.
    assert (len(ids(one)), len(ids(many))) == (2, 10)
