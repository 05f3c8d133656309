"""The two curation flows that matter most, clicked through in a real browser.

The test-client tests (tests/claims/test_admin.py) cover the rules; these check that the pages
work as drawn: the login, the inline "add another" rows and autocomplete widgets (JavaScript),
the "Change status" link, the status form and the history shown afterwards.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from claimtracker.claims.models import Actor, ClaimStatus, NameKind, Stance, StatusChange
from tests.factories import ClaimEvidenceFactory, ClaimFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # what UserFactory gives every account


def log_in(page: Page, user) -> None:
    page.goto(reverse("admin:index"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Statements, claims and evidence")).to_be_visible()


def choose_in_autocomplete(page: Page, field_name: str, typed: str) -> None:
    """Pick an option in one of the admin's autocomplete (select2) widgets by typing."""
    page.locator(f"select[name='{field_name}'] + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=typed).click()


def test_a_journalist_adds_an_actor_with_a_latin_primary_name_and_a_cyrillic_alias(
    new_page, journalist
):
    SourceFactory(title="Akorda: biography of the President")
    SourceFactory(title="Kazinform: Тоқаев туралы")
    page = new_page()
    log_in(page, journalist)

    page.locator("tr.model-actor").get_by_role("link", name="Actors").click()
    page.get_by_role("link", name="Add actor").click()
    page.locator("#id_slug").fill("kassym-jomart-tokayev")
    page.locator("#id_kind").select_option(label="Person")
    page.locator("[name='names-0-value']").fill("Kassym-Jomart Tokayev")
    page.locator("[name='names-0-language']").fill("en")
    page.locator("[name='names-0-script']").select_option(label="Latin")
    page.locator("[name='names-0-kind']").select_option(value=NameKind.PRIMARY)
    choose_in_autocomplete(page, "names-0-source", "Akorda")
    page.get_by_text("Add another Actor name").click()
    page.locator("[name='names-1-value']").fill("Қасым-Жомарт Тоқаев")
    page.locator("[name='names-1-language']").fill("kk")
    page.locator("[name='names-1-script']").select_option(label="Cyrillic")
    page.locator("[name='names-1-kind']").select_option(value=NameKind.ALIAS)
    choose_in_autocomplete(page, "names-1-source", "Kazinform")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("#result_list")).to_contain_text("Kassym-Jomart Tokayev")
    actor = Actor.objects.get(slug="kassym-jomart-tokayev")
    assert actor.created_by == journalist
    assert {(name.value, name.script, name.kind) for name in actor.names.all()} == {
        ("Kassym-Jomart Tokayev", "Latn", NameKind.PRIMARY),
        ("Қасым-Жомарт Тоқаев", "Cyrl", NameKind.ALIAS),
        # Generated from the Kazakh Cyrillic name (issue 15), marked as a transliteration.
        ("Qasym-Jomart Toqaev", "Latn", NameKind.TRANSLITERATION),
    }


def test_a_fact_checker_changes_a_status_citing_evidence_and_a_journalist_cannot(
    new_page, live_server, fact_checker, journalist
):
    # Disputed rests on evidence that contradicts the claim.
    link = ClaimEvidenceFactory(
        claim__text="Outside terrorists were the main protagonists of the January 2022 events.",
        evidence__title="Prosecutor General's report on the January events",
        stance=Stance.CONTRADICTS,
    )
    claim_page = reverse("admin:claims_claim_change", args=[link.claim.pk])
    page = new_page()
    log_in(page, fact_checker)

    page.locator("tr.model-claim").get_by_role("link", name="Claims").click()
    page.get_by_role("link", name="Outside terrorists were the main protagonists").click()
    page.get_by_role("link", name="Change status").click()
    page.get_by_label("Disputed:").check()
    page.get_by_label("Reason, for the public").fill("Observers and the court record contest it.")
    page.get_by_label("Holds as of").fill("2024-01-11")
    page.get_by_label("Prosecutor General's report on the January events").check()
    page.get_by_role("button", name="Record the new status").click()

    expect(page).to_have_url(live_server.url + claim_page)
    expect(page.locator(".messagelist")).to_contain_text("The status is now “Disputed”")
    expect(page.locator(".field-current_status")).to_contain_text("Disputed")
    history = page.locator("#status_changes-group tr.has_original")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("Disputed")
    expect(history).to_contain_text(fact_checker.username)
    expect(history).to_contain_text("Observers and the court record contest it.")
    expect(history).to_contain_text("Prosecutor General's report on the January events")
    change = StatusChange.objects.get()
    assert (change.new_status, change.recorded_by) == (ClaimStatus.DISPUTED, fact_checker)
    assert list(change.evidence.all()) == [link.evidence]

    other = new_page()
    log_in(other, journalist)
    other.goto(claim_page)
    expect(other.locator(".field-current_status")).to_contain_text("Disputed")
    expect(other.get_by_role("link", name="Change status")).to_have_count(0)


def test_an_editor_publishes_a_claim_with_its_drafts_then_corrects_it_in_public(
    new_page, live_server, editor
):
    statement = StatementFactory(quote="outside terrorists")
    claim = ClaimFactory(
        slug="outside-terrorists",
        text="Outside terrorists were the main protagonists.",
        statements=[statement],
    )
    page = new_page()
    log_in(page, editor)

    # Publish: the page lists the drafts that go public with the claim, then publishes them.
    page.goto(reverse("admin:claims_claim_change", args=[claim.pk]))
    page.get_by_role("link", name="Publish…").click()
    drafts = page.locator(".publish-drafts")
    expect(drafts).to_contain_text("Outside terrorists were the main protagonists.")
    expect(drafts).to_contain_text("outside terrorists")
    page.get_by_role("button", name="Publish all of these").click()
    expect(page.locator(".messagelist")).to_contain_text("Published.")

    # Correct: the published claim's form asks for the public note, and refuses without it.
    page.locator("#id_text").fill("Outside terrorists were the main protagonists of the events.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Write the public note")
    page.locator("#id_correction_note").fill("The claim now names the events, as the speech did.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = new_page()
    reader.goto("/claims/outside-terrorists/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Outside terrorists were the main protagonists of the events."
    )
    expect(reader.locator(".correction-note")).to_contain_text(
        "The claim now names the events, as the speech did."
    )
    reader.goto("/corrections/")
    expect(reader.locator(".correction")).to_contain_text("The claim now names the events")
