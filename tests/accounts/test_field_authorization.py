"""Field-level authorization (ASVS 8.2): only a fact-checker or an editor sets a claim's status,
and only through the one service that records it in the history, whatever a request sends.

Already covered elsewhere, not repeated here:

- tests/claims/test_admin.py: a journalist is refused the change-status view on GET and on a
  forged POST (``test_a_journalist_is_refused_the_status_view_on_get_and_on_a_forged_post``);
  a journalist forging ``status`` into the claim change form changes nothing
  (``test_a_journalist_forging_a_status_into_the_claim_form_changes_nothing``); a forged publish
  action publishes nothing; nobody adds or deletes history through the admin.
- tests/api/test_writes.py: each role may make exactly the writes the matrix gives it,
  ``POST /claims/<slug>/status-changes/`` included, with the admin session
  (``test_each_role_may_make_exactly_the_writes_the_matrix_gives_it``); a journalist's new claim
  has no status (``test_a_journalist_creates_a_draft_claim_with_no_status``).
- tests/api/test_read_only.py: PUT, PATCH and DELETE on claims and POST on /status-changes/ are
  refused for anonymous clients and editors.

The gaps filled here: the admin's add form and history add page, the change form forged by a
role that may set statuses (still not a way around the history), unknown bulk actions, the
API's claim writes with ``status`` in the body for a journalist, and a journalist's token.
"""

import pytest
from django.urls import reverse
from knox.models import AuthToken

from claimtracker.claims.models import Claim, ClaimStatus, StatusChange
from tests.claims.test_admin import claim_url, rendered_form
from tests.factories import ClaimEvidenceFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def assert_no_status(claim):
    claim.refresh_from_db()
    assert claim.status == ""
    assert claim.status_changed_at is None
    assert not StatusChange.objects.filter(claim=claim).exists()


# Admin


def test_a_journalist_forging_a_status_into_the_add_form_creates_a_claim_without_one(
    client, journalist
):
    client.force_login(journalist)
    add = reverse("admin:claims_claim_add")
    data = rendered_form(client.get(add), "claim_form")
    data |= {
        "slug": ["forged-status"],
        "text": ["Outside terrorists led the January events."],
        "status": [ClaimStatus.CONFIRMED],
        "status_changed_at": ["2024-01-11 00:00"],
    }

    response = client.post(add, data)

    assert response.status_code == 302
    assert_no_status(Claim.objects.get(slug="forged-status"))


@pytest.mark.parametrize("persona", ["fact_checker", "editor"])
def test_even_a_role_that_sets_statuses_cannot_set_one_through_the_change_form(
    client, request, persona
):
    # The status view records who, why and on what evidence; the change form is no shortcut.
    client.force_login(request.getfixturevalue(persona))
    claim = ClaimFactory()
    data = rendered_form(client.get(claim_url("change", claim)), "claim_form")
    data |= {"status": [ClaimStatus.REFUTED], "status_changed_at": ["2024-01-11 00:00"]}

    client.post(claim_url("change", claim), data)

    assert_no_status(claim)


def test_a_journalist_cannot_add_a_history_entry_through_the_admin(client, journalist):
    link = ClaimEvidenceFactory()
    client.force_login(journalist)

    response = client.post(
        reverse("admin:claims_statuschange_add"),
        {
            "claim": link.claim.pk,
            "old_status": "",
            "new_status": ClaimStatus.CONFIRMED,
            "reason": "Forged.",
            "evidence": [link.evidence.pk],
        },
    )

    assert response.status_code == 403
    assert_no_status(link.claim)


@pytest.mark.parametrize("action", ["change_status", "set_status_confirmed", "delete_selected"])
def test_a_journalist_naming_a_bulk_action_that_is_not_offered_changes_nothing(
    client, journalist, action
):
    claim = ClaimFactory()
    client.force_login(journalist)

    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": action, "_selected_action": [claim.pk], "new_status": ClaimStatus.CONFIRMED},
    )

    assert Claim.objects.filter(pk=claim.pk).exists()
    assert_no_status(claim)


# API


def test_a_journalist_creating_a_claim_with_a_status_in_the_body_is_refused(client, journalist):
    client.force_login(journalist)

    response = client.post(
        "/api/v1/claims/",
        {"slug": "forged", "text": "A forged claim.", "status": "confirmed"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("status", "unknown_field")
    }
    assert not Claim.objects.filter(slug="forged").exists()


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_journalist_patching_or_putting_a_status_onto_a_claim_changes_nothing(
    client, journalist, method
):
    claim = ClaimFactory()
    client.force_login(journalist)

    response = getattr(client, method)(
        f"/api/v1/claims/{claim.slug}/",
        {"status": "confirmed", "text": claim.text, "slug": claim.slug},
        content_type="application/json",
    )

    assert response.status_code in {403, 405}
    assert_no_status(claim)


def test_a_journalist_posting_to_the_status_change_list_records_nothing(client, journalist):
    link = ClaimEvidenceFactory()
    client.force_login(journalist)

    response = client.post(
        "/api/v1/status-changes/",
        {"claim": link.claim.pk, "new_status": "confirmed", "reason": "Forged."},
        content_type="application/json",
    )

    assert response.status_code in {403, 405}
    assert_no_status(link.claim)


def test_a_journalists_token_cannot_change_a_status_either(client, journalist):
    link = ClaimEvidenceFactory()
    _token, key = AuthToken.objects.create(user=journalist)

    response = client.post(
        f"/api/v1/claims/{link.claim.slug}/status-changes/",
        {
            "new_status": "confirmed",
            "expected_status": "",
            "reason": "Forged.",
            "evidence": [link.evidence.pk],
        },
        content_type="application/json",
        headers={"Authorization": f"Token {key}"},
    )

    assert response.status_code == 403
    assert_no_status(link.claim)


def test_a_fact_checkers_token_can(client, fact_checker):
    # The control: the same request from a role that may set a status is recorded.
    link = ClaimEvidenceFactory()
    _token, key = AuthToken.objects.create(user=fact_checker)

    response = client.post(
        f"/api/v1/claims/{link.claim.slug}/status-changes/",
        {
            "new_status": "confirmed",
            "expected_status": "",
            "reason": "The court record confirms it, in a ruling read in full.",
            "evidence": [link.evidence.pk],
        },
        content_type="application/json",
        headers={"Authorization": f"Token {key}"},
    )

    assert response.status_code == 201
    link.claim.refresh_from_db()
    assert link.claim.status == ClaimStatus.CONFIRMED
    assert StatusChange.objects.filter(claim=link.claim).count() == 1
