"""The curators' admin (issue 14, item 8): the change-status page shows the record it decides
on, the header says in which role one works, and Drafts / Ready to publish are one click away."""

import re
from html import unescape

import pytest
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import Stance
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
)

CLAIMS = reverse("admin:claims_claim_changelist")


def status_page(claim):
    return reverse("admin:claims_claim_change_status", args=[claim.pk])


def text_of(html):
    """The page's words as a reader sees them, tags and runs of white space removed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def claim_with_record(editor):
    speaker = ActorFactory(slug="kassym-jomart-tokayev")
    ActorNameFactory(actor=speaker, value="Kassym-Jomart Tokayev", kind="alias")
    source = SourceFactory(title="Akorda: address of 7 January 2022")
    statement = StatementFactory(
        speaker=speaker,
        source=source,
        quote="Twenty thousand bandits attacked Almaty.",
        stated_on=PartialDate(2022, 1, 7),
    )
    claim = ClaimFactory(statements=[statement])
    ClaimEvidenceFactory(
        claim=claim,
        stance=Stance.CONTRADICTS,
        evidence=EvidenceFactory(title="Prosecutor's count of detainees"),
    )
    ClaimEvidenceFactory(
        claim=claim, stance=Stance.CONTEXT, evidence=EvidenceFactory(title="Timeline of events")
    )
    withdrawn = services.record_publish(by=editor, record=EvidenceFactory(title="Leaked memo"))
    services.record_withdraw(by=editor, record=withdrawn, note="The memo was a forgery.")
    ClaimEvidenceFactory(claim=claim, stance=Stance.SUPPORTS, evidence=withdrawn)
    return claim


def test_the_change_status_page_shows_the_statements_beside_the_form(
    client, fact_checker, claim_with_record
):
    client.force_login(fact_checker)

    response = client.get(status_page(claim_with_record))

    assert response.status_code == 200
    page = text_of(response.text)
    assert "Statements asserting it" in page
    assert "“Twenty thousand bandits attacked Almaty.”" in page
    assert "kassym-jomart-tokayev" in page or "Kassym-Jomart Tokayev" in page
    assert "Akorda: address of 7 January 2022" in page
    assert "7 January 2022" in page  # the statement's date, in words


def test_the_change_status_page_lists_linked_evidence_with_its_stance_and_marks_withdrawn(
    client, fact_checker, claim_with_record
):
    client.force_login(fact_checker)

    page = text_of(client.get(status_page(claim_with_record)).text)

    assert "Linked evidence" in page
    assert "Contradicts Prosecutor's count of detainees" in page
    assert "Context Timeline of events" in page
    assert "Supports Leaked memo withdrawn: does not count" in page


def test_the_change_status_page_uses_the_admins_own_markup(client, fact_checker, claim_with_record):
    client.force_login(fact_checker)

    html = client.get(status_page(claim_with_record)).text

    assert '<ol class="breadcrumbs">' in html
    assert '<li aria-current="page">Change status</li>' in html
    assert "admin/css/forms.css" in html
    assert "admin-extra/curation.css" in html
    assert '<fieldset class="module aligned' in html
    assert 'class="radiolist"' in html
    assert '<div class="submit-row">' in html


def test_a_refused_status_change_redraws_the_page_with_the_record_and_the_error(
    client, fact_checker, claim_with_record
):
    client.force_login(fact_checker)

    response = client.post(
        status_page(claim_with_record),
        {"new_status": "confirmed", "expected_status": "", "reason": "", "as_of": "2024"},
    )

    assert response.status_code == 200
    page = text_of(response.text)
    assert "Please correct the error" in page
    assert "“Twenty thousand bandits attacked Almaty.”" in page


@pytest.mark.parametrize(
    ("persona", "role"),
    [("journalist", "Journalist"), ("fact_checker", "Fact-checker"), ("editor", "Editor")],
)
def test_the_admin_header_names_the_signed_in_role(client, request, persona, role):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert f'<span class="role-badge">{role}</span>' in response.text


def test_an_account_in_no_role_has_no_role_in_the_header(client, outsider):
    client.force_login(outsider)

    assert "role-badge" not in client.get(reverse("admin:index")).text


@pytest.fixture
def claims_in_every_state(editor):
    ready = ClaimFactory(text="A draft asserted by a statement.")
    unsupported = ClaimFactory(text="A draft nobody asserted yet.", statements=[])
    withdrawn = services.record_publish(by=editor, record=StatementFactory())
    services.record_withdraw(by=editor, record=withdrawn, note="Misattributed.")
    only_withdrawn = ClaimFactory(text="A draft asserted only by a withdrawn statement.")
    only_withdrawn.statements.set([withdrawn])
    published = services.record_publish(by=editor, record=ClaimFactory(text="Public already."))
    return {
        "ready": ready,
        "unsupported": unsupported,
        "only_withdrawn": only_withdrawn,
        "published": published,
    }


def test_the_drafts_view_lists_every_unpublished_claim(client, fact_checker, claims_in_every_state):
    client.force_login(fact_checker)

    response = client.get(CLAIMS, {"curation": "drafts"})

    shown = {claim.pk for claim in response.context["cl"].result_list}
    expected = {
        claims_in_every_state[name].pk for name in ("ready", "unsupported", "only_withdrawn")
    }
    assert shown == expected


def test_the_ready_view_lists_drafts_a_statement_still_asserts(
    client, fact_checker, claims_in_every_state
):
    client.force_login(fact_checker)

    response = client.get(CLAIMS, {"curation": "ready"})

    assert [claim.pk for claim in response.context["cl"].result_list] == [
        claims_in_every_state["ready"].pk
    ]
    # What the view promises holds: publishing the one it lists succeeds.
    services.record_publish(by=fact_checker, record=claims_in_every_state["ready"])


def test_the_admin_index_links_to_drafts_and_ready_to_publish_with_counts(
    client, journalist, claims_in_every_state
):
    client.force_login(journalist)

    response = client.get(reverse("admin:index"))

    page = text_of(response.text)
    assert "Draft claims 3" in page
    assert "Claims ready to publish 1" in page
    assert f'href="{CLAIMS}?curation=ready"' in response.text
    assert f'href="{CLAIMS}?curation=drafts"' in response.text
    assert "New error reports 0" in page
