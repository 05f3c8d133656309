"""The curation admin as each role uses it: real POSTs through the Django test client.

The personas (tests/conftest.py) are a journalist, a fact-checker and an editor; a superuser is
added here where "nobody, not even a superuser" is the point. Forms are posted the way a browser
would post them: change forms are read back from the rendered page (``rendered_form``) so the
inline management fields and initial values are exactly what the admin drew.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import (
    Actor,
    ActorName,
    ActorRole,
    Claim,
    ClaimStatus,
    ContradictionLink,
    NameKind,
    Script,
    Source,
    Stance,
    Statement,
    StatusChange,
    StatusChangeEvidence,
)
from tests.factories import (
    ActorFactory,
    ActorRoleFactory,
    ClaimEvidenceFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
    status_basis,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # what UserFactory gives every account
REASON = "Two courts found otherwise, in rulings published in full."
ORIGINAL_REASON = "The original reason, as first written for the public."


@pytest.fixture
def superuser(db):
    """Bypasses every permission check; used where even a superuser must be refused."""
    return UserFactory(username="sam-superuser", is_superuser=True)


@pytest.fixture
def as_user(client):
    """Log the test client in as a persona: ``as_user(editor).get(...)``."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in


# Helpers


class _FormReader(HTMLParser):
    """Collects what a browser would submit from one <form id=...>: names and values."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.textarea = None
        self.select = None

    def add(self, name, value):
        if "__prefix__" not in name:  # the empty template form of an inline, never submitted
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or ("name" not in attributes and tag != "option"):
            return
        name = attributes.get("name") or ""
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.add(name, attributes.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea" and "__prefix__" not in name:
            self.textarea = name
            self.add(name, "")
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.add(self.select, attributes.get("value", ""))

    def handle_data(self, data):
        if self.inside and self.textarea:
            # A textarea's first newline belongs to the markup, not the value.
            self.data[self.textarea][-1] += data.removeprefix("\n")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def rendered_form(response, form_id):
    """The data the rendered admin form would post, as ``{name: [values]}``."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form with id {form_id!r} on the page"
    return reader.data


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inline_rows(prefix, rows):
    return {
        f"{prefix}-{index}-{field}": value
        for index, row in enumerate(rows)
        for field, value in row.items()
    }


def actor_form(slug, names, roles=()):
    """The actor add form: the actor, its names inline, its roles inline, no relations."""
    return {
        "slug": slug,
        "kind": "person",
        "description": "",
        **management_form("names", len(names)),
        **inline_rows("names", names),
        **management_form("roles", len(roles)),
        **inline_rows("roles", roles),
        **management_form("relations", 0),
    }


def source_form(**fields):
    return {
        "title": "Address to the nation",
        "publisher": "Akorda",
        "author": "",
        "published_on": "",
        "language": "ru",
        "url": "",
        "archive_url": "",
        "accessed_on": "",
        **fields,
    }


def claim_url(name, claim):
    return reverse(f"admin:claims_claim_{name}", args=[claim.pk])


def status_form(claim, **fields):
    return {
        "new_status": ClaimStatus.DISPUTED,
        "expected_status": claim.status,
        "reason": "Two independent investigations contradict it.",
        "as_of": "2024-01-11",
        **fields,
    }


def set_status(claim, by, new_status, reason=REASON, evidence=None):
    """A well-founded change: with no evidence given, it cites some the status may rest on."""
    if evidence is None:
        evidence = [status_basis(claim, new_status)]
    return services.claim_change_status(
        by=by,
        claim=claim,
        new_status=new_status,
        expected_status=claim.status,
        reason=reason,
        as_of=PartialDate(2024, 1, 11),
        evidence=evidence,
    )


def history_inline(response):
    """The HTML of the claim page's status history inline, up to the end of its group."""
    html = response.content.decode()
    start = html.index('id="status_changes-group"')
    return html[start : html.index('<div class="submit-row"', start)]


def offered_actions(changelist):
    """The changelist's action choices; no action form at all when none is offered."""
    action_form = changelist.context["action_form"]
    return set() if action_form is None else dict(action_form.fields["action"].choices).keys()


def delete_link(record):
    url = reverse(f"admin:claims_{record._meta.model_name}_delete", args=[record.pk])
    return f'href="{url}" class="deletelink"'


def publish(record, by):
    return services.record_publish(by=by, record=record)


# A journalist logs what was said


def test_a_journalist_logs_in_and_adds_a_source_entered_under_her_name(client, journalist):
    response = client.post(
        reverse("admin:login"),
        {"username": journalist.username, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

    response = client.post(
        reverse("admin:claims_source_add"),
        source_form(url="HTTPS://Akorda.kz:443/en/address?utm_source=tg#top"),
    )

    assert response.status_code == 302
    source = Source.objects.get()
    assert source.title == "Address to the nation"
    assert source.url == "https://akorda.kz/en/address"  # one canonical spelling per address
    assert source.created_by == journalist


def test_a_journalist_adds_an_actor_with_names_in_three_scripts(as_user, journalist):
    english, kazakh, russian = SourceFactory.create_batch(3)
    client = as_user(journalist)
    add_page = client.get(reverse("admin:claims_actor_add"))
    for prefix in ("names", "roles", "relations"):
        assert f'name="{prefix}-TOTAL_FORMS"' in add_page.text

    response = client.post(
        reverse("admin:claims_actor_add"),
        actor_form(
            "kassym-jomart-tokayev",
            names=[
                {
                    "value": "Kassym-Jomart Tokayev",
                    "language": "en",
                    "script": Script.LATIN,
                    "kind": NameKind.PRIMARY,
                    "source": english.pk,
                },
                {
                    "value": "Қасым-Жомарт Тоқаев",
                    "language": "kk",
                    "script": Script.CYRILLIC,
                    "kind": NameKind.ALIAS,
                    "source": kazakh.pk,
                },
                {
                    "value": "Касым-Жомарт Токаев",
                    "language": "ru",
                    "script": Script.CYRILLIC,
                    "kind": NameKind.ALIAS,
                    "source": russian.pk,
                },
            ],
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "was added successfully" in response.text
    actor = Actor.objects.get(slug="kassym-jomart-tokayev")
    assert actor.created_by == journalist
    assert {(n.value, n.language, n.script, n.kind, n.source) for n in actor.names.all()} == {
        ("Kassym-Jomart Tokayev", "en", "Latn", "primary", english),
        ("Қасым-Жомарт Тоқаев", "kk", "Cyrl", "alias", kazakh),
        ("Касым-Жомарт Токаев", "ru", "Cyrl", "alias", russian),
        # Generated from the Kazakh Cyrillic (services/translations.py), citing its source.
        ("Qasym-Jomart Toqaev", "kk", "Latn", "transliteration", kazakh),
    }
    assert actor.display_name("kk") == "Қасым-Жомарт Тоқаев"
    assert actor.display_name("de") == "Kassym-Jomart Tokayev"  # no German name: the primary
    assert "Kassym-Jomart Tokayev" in response.text  # the changelist the admin redirected to


def test_a_journalist_adds_a_draft_statement_quoting_a_source(as_user, journalist):
    speaker = ActorFactory(slug="kassym-jomart-tokayev")
    source = SourceFactory(title="Address to the nation", language="ru")

    response = as_user(journalist).post(
        reverse("admin:claims_statement_add"),
        {
            "speaker": speaker.pk,
            "speaker_role": "",
            "mode": "direct",
            "quote": "Алматы подвергся нападению террористических банд",
            "language": "ru",
            "context": "",
            "translation": "Almaty was attacked by terrorist gangs",
            "translation_language": "en",
            "stated_on": "",
            "stated_on_wording": "in his address of 7 January",
            "stated_not_after": "",
            "place": "Televised address",
            "source": source.pk,
            "first_appearance": "",
        },
    )

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.speaker == speaker
    assert statement.source == source
    assert statement.quote == "Алматы подвергся нападению террористических банд"
    assert (statement.language, statement.translation_language) == ("ru", "en")
    assert statement.stated_on_wording == "in his address of 7 January"
    assert statement.created_by == journalist
    assert not statement.is_published  # a journalist's statement is a draft


def date_form(model_name, typed):
    """An add form for each model with a partial date, with ``typed`` in that date field."""
    if model_name == "source":
        return "published_on", source_form(published_on=typed)
    if model_name == "evidence":
        return "occurred_on", {
            "kind": "court_ruling",
            "title": "Verdict",
            "summary": "The court found otherwise.",
            "occurred_on": typed,
            "source": SourceFactory().pk,
            **management_form("translations", 0),  # its translations inline, left empty
        }
    if model_name == "statement":
        return "stated_on", {
            "speaker": ActorFactory().pk,
            "mode": "direct",
            "quote": "Words.",
            "language": "en",
            "stated_on": typed,
            "source": SourceFactory().pk,
        }
    return "start", {
        "actor": ActorFactory().pk,
        "title": "Akim of Almaty",
        "start": typed,
        "source": SourceFactory().pk,
    }


@pytest.mark.parametrize("typed", ["2022", "2022-01", "2022-01-07"])
@pytest.mark.parametrize("model_name", ["source", "statement", "evidence", "actorrole"])
def test_a_date_typed_into_an_admin_form_is_saved_at_the_precision_given(
    as_user, journalist, model_name, typed
):
    field, data = date_form(model_name, typed)

    response = as_user(journalist).post(reverse(f"admin:claims_{model_name}_add"), data)

    assert response.status_code == 302
    saved = apps.get_model("claims", model_name).objects.get()
    assert getattr(saved, field) == PartialDate.parse(typed)


# A fact-checker sets a status, citing evidence


def test_a_fact_checker_sees_a_change_status_link_on_the_claim_page(as_user, fact_checker):
    claim = ClaimFactory()

    response = as_user(fact_checker).get(claim_url("change", claim))

    assert response.status_code == 200
    assert f'href="{claim_url("change_status", claim)}"' in response.text
    assert "Change status" in response.text


def test_the_status_form_offers_every_other_status_and_only_evidence_linked_to_the_claim(
    as_user, fact_checker
):
    link = ClaimEvidenceFactory(evidence__title="Prosecutor's report")
    EvidenceFactory(title="Evidence about something else")

    response = as_user(fact_checker).get(claim_url("change_status", link.claim))

    assert response.status_code == 200
    offered = {choice for choice, _label in response.context["form"].fields["new_status"].choices}
    assert offered == set(ClaimStatus.values)
    assert "Prosecutor&#x27;s report" in response.text
    assert "Evidence about something else" not in response.text


def test_a_fact_checker_changes_a_claims_status_citing_linked_evidence(as_user, fact_checker):
    link = ClaimEvidenceFactory(evidence__title="Prosecutor's report", stance=Stance.CONTRADICTS)
    client = as_user(fact_checker)

    response = client.post(
        claim_url("change_status", link.claim),
        status_form(link.claim, evidence=[link.evidence.pk]),
    )

    assert response.status_code == 302
    assert response["Location"] == claim_url("change", link.claim)
    link.claim.refresh_from_db()
    assert link.claim.status == ClaimStatus.DISPUTED
    change = StatusChange.objects.get(claim=link.claim)
    assert (change.old_status, change.new_status) == ("", ClaimStatus.DISPUTED)
    assert change.recorded_by == fact_checker
    assert change.reason == "Two independent investigations contradict it."
    assert change.as_of == PartialDate(2024, 1, 11)
    assert list(change.evidence.all()) == [link.evidence]
    assert link.claim.status_changed_at == change.recorded_at


def test_the_new_status_shows_in_the_claims_history_with_who_when_why_and_which_evidence(
    as_user, fact_checker
):
    link = ClaimEvidenceFactory(evidence__title="Prosecutor's report", stance=Stance.CONTRADICTS)
    client = as_user(fact_checker)
    client.post(
        claim_url("change_status", link.claim),
        status_form(link.claim, evidence=[link.evidence.pk]),
    )

    response = client.get(claim_url("change", link.claim))

    assert "now “Disputed”" in response.text  # the success message
    change = StatusChange.objects.get()
    history = history_inline(response)
    assert "Status history (append-only)" in history
    assert "Disputed" in history  # what
    assert fact_checker.username in history  # who
    assert timezone.localtime(change.recorded_at).strftime("%Y") in history  # when
    assert "2024-01-11" in history  # as of when
    assert "Two independent investigations contradict it." in history  # why
    evidence_href = reverse("admin:claims_evidence_change", args=[link.evidence.pk])
    assert f'<a href="{evidence_href}">Prosecutor&#x27;s report</a>' in history  # which evidence


def test_the_history_inline_has_no_editable_inputs_and_no_delete_checkbox(
    as_user, fact_checker, editor
):
    link = ClaimEvidenceFactory()
    set_status(link.claim, fact_checker, ClaimStatus.UNCONFIRMED, evidence=[link.evidence])
    set_status(link.claim, fact_checker, ClaimStatus.DISPUTED)

    response = as_user(editor).get(claim_url("change", link.claim))

    history = history_inline(response)
    assert history.count('class="form-row has_original"') == 2
    for editable in ("<textarea", "<select", 'type="text"', 'type="checkbox"', 'type="radio"'):
        assert editable not in history
    assert "DELETE" not in history
    assert 'name="status_changes-MAX_NUM_FORMS" value="0"' in history  # no row can be added


def test_a_journalist_sees_no_change_status_link(as_user, journalist):
    claim = ClaimFactory()

    response = as_user(journalist).get(claim_url("change", claim))

    assert response.status_code == 200
    assert claim_url("change_status", claim) not in response.text
    assert "Change status" not in response.text


def test_a_journalist_is_refused_the_status_view_on_get_and_on_a_forged_post(as_user, journalist):
    link = ClaimEvidenceFactory()
    client = as_user(journalist)

    assert client.get(claim_url("change_status", link.claim)).status_code == 403
    forged = client.post(
        claim_url("change_status", link.claim),
        status_form(link.claim, new_status=ClaimStatus.CONFIRMED, evidence=[link.evidence.pk]),
    )

    assert forged.status_code == 403
    link.claim.refresh_from_db()
    assert link.claim.status == ""
    assert not StatusChange.objects.exists()


def test_a_journalist_forging_a_status_into_the_claim_form_changes_nothing(as_user, journalist):
    claim = ClaimFactory(text="Outside terrorists led the January events.")
    client = as_user(journalist)
    data = rendered_form(client.get(claim_url("change", claim)), "claim_form")
    data |= {"status": [ClaimStatus.CONFIRMED], "status_changed_at": ["2024-01-11 00:00"]}
    data["text"] = ["Foreign terrorists led the January events."]

    response = client.post(claim_url("change", claim), data)

    assert response.status_code == 302  # the rest of the form saves normally
    claim.refresh_from_db()
    assert claim.text == "Foreign terrorists led the January events."
    assert claim.status == ""
    assert claim.status_changed_at is None
    assert not StatusChange.objects.exists()


def test_a_stale_expected_status_is_refused_naming_the_current_status(as_user, fact_checker):
    claim = ClaimFactory()
    client = as_user(fact_checker)
    seen = client.get(claim_url("change_status", claim))
    assert seen.context["form"]["expected_status"].value() == ""
    # Someone else sets a status while this fact-checker is still reading the form.
    other = UserFactory(username="fatima-factchecker", role="fact_checker")
    set_status(claim, other, ClaimStatus.CONFIRMED)

    response = client.post(
        claim_url("change_status", claim),
        status_form(claim, new_status=ClaimStatus.REFUTED, expected_status=""),
    )

    assert response.status_code == 200
    assert "Someone changed this claim&#x27;s status to “Confirmed”" in response.text
    assert response.context["form"].non_field_errors()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert StatusChange.objects.count() == 1


def test_a_stale_form_choosing_the_status_someone_else_just_set_names_the_current_status(
    as_user, fact_checker
):
    claim = ClaimFactory()
    client = as_user(fact_checker)
    other = UserFactory(username="fatima-factchecker", role="fact_checker")
    set_status(claim, other, ClaimStatus.DISPUTED)

    response = client.post(
        claim_url("change_status", claim),
        status_form(claim, new_status=ClaimStatus.DISPUTED, expected_status=""),
    )

    assert response.status_code == 200
    assert "Someone changed this claim&#x27;s status to “Disputed”" in response.text
    assert StatusChange.objects.count() == 1


def test_the_status_the_claim_already_has_is_neither_offered_nor_accepted(as_user, fact_checker):
    claim = ClaimFactory()
    set_status(claim, fact_checker, ClaimStatus.DISPUTED)
    client = as_user(fact_checker)

    page = client.get(claim_url("change_status", claim))
    response = client.post(
        claim_url("change_status", claim),
        status_form(claim, new_status=ClaimStatus.DISPUTED),
    )

    offered = {choice for choice, _label in page.context["form"].fields["new_status"].choices}
    assert ClaimStatus.DISPUTED not in offered
    assert 'name="new_status" value="disputed"' not in page.text
    assert response.status_code == 200
    assert response.context["form"].errors["new_status"]
    assert StatusChange.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   \n  "], ids=["empty", "blank"])
def test_a_status_change_without_a_reason_is_refused(as_user, fact_checker, reason):
    claim = ClaimFactory()

    response = as_user(fact_checker).post(
        claim_url("change_status", claim), status_form(claim, reason=reason)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["This field is required."]
    claim.refresh_from_db()
    assert claim.status == ""
    assert not StatusChange.objects.exists()


def test_citing_evidence_not_linked_to_the_claim_is_refused(as_user, fact_checker):
    claim = ClaimFactory()
    unrelated = EvidenceFactory()

    response = as_user(fact_checker).post(
        claim_url("change_status", claim), status_form(claim, evidence=[unrelated.pk])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert not StatusChange.objects.exists()


# History is append-only, whoever asks


@pytest.mark.parametrize("persona", ["editor", "superuser"])
def test_nobody_can_change_or_delete_a_history_entry_in_the_admin(
    as_user, fact_checker, persona, request
):
    link = ClaimEvidenceFactory(stance=Stance.CONTRADICTS)
    change = set_status(
        link.claim, fact_checker, ClaimStatus.DISPUTED, ORIGINAL_REASON, [link.evidence]
    )
    client = as_user(request.getfixturevalue(persona))
    change_url = reverse("admin:claims_statuschange_change", args=[change.pk])
    delete_url = reverse("admin:claims_statuschange_delete", args=[change.pk])

    page = client.get(change_url)
    edit = client.post(change_url, {"reason": "Rewritten.", "new_status": "confirmed"})
    delete = client.post(delete_url, {"post": "yes"})
    changelist = client.get(reverse("admin:claims_statuschange_changelist"))
    client.post(
        reverse("admin:claims_statuschange_changelist"),
        {"action": "delete_selected", "_selected_action": [change.pk], "post": "yes"},
    )

    assert page.status_code == 200  # readable
    # The page saves the reason's translations only (tests/translations/test_admin_translations.py):
    # the entry's own fields are not inputs, and a forged edit of them changes nothing.
    assert 'name="translations-TOTAL_FORMS"' in page.text
    assert 'name="reason"' not in page.text
    assert 'name="new_status"' not in page.text
    assert delete_link(change) not in page.text
    assert edit.status_code == 200  # the form drawn again: it sent no translations
    assert delete.status_code == 403
    assert "delete_selected" not in offered_actions(changelist)
    stored = StatusChange.objects.get(pk=change.pk)
    assert (stored.reason, stored.new_status) == (ORIGINAL_REASON, ClaimStatus.DISPUTED)
    assert StatusChangeEvidence.objects.filter(status_change=change).count() == 1


def test_nobody_can_add_a_history_entry_outside_the_status_view(as_user, superuser):
    response = as_user(superuser).get(reverse("admin:claims_statuschange_add"))

    assert response.status_code == 403


def test_a_forged_delete_of_a_history_row_through_the_claim_form_deletes_nothing(
    as_user, fact_checker, editor
):
    claim = ClaimFactory()
    change = set_status(claim, fact_checker, ClaimStatus.DISPUTED, ORIGINAL_REASON)
    client = as_user(editor)
    data = rendered_form(client.get(claim_url("change", claim)), "claim_form")
    data |= {
        "status_changes-0-id": [str(change.pk)],
        "status_changes-0-claim": [str(claim.pk)],
        "status_changes-0-DELETE": ["on"],
        "status_changes-0-reason": ["Rewritten."],
    }

    response = client.post(claim_url("change", claim), data)

    assert response.status_code == 302
    assert StatusChange.objects.get(pk=change.pk).reason == ORIGINAL_REASON


# Bad input gets a clear message and saves nothing


def test_a_javascript_address_for_a_source_is_refused(as_user, journalist):
    response = as_user(journalist).post(
        reverse("admin:claims_source_add"), source_form(url="javascript:alert(1)")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert "Enter a valid URL." in response.text
    assert not Source.objects.exists()


def test_a_role_that_ends_before_it_starts_is_refused(as_user, journalist):
    actor = ActorFactory()
    source = SourceFactory()

    response = as_user(journalist).post(
        reverse("admin:claims_actorrole_add"),
        {
            "actor": actor.pk,
            "title": "Chairman of the Senate",
            "organisation": "",
            "start": "2022-05",
            "end": "2021",
            "note": "",
            "source": source.pk,
        },
    )

    assert response.status_code == 200
    assert "The end date is before the start date." in response.text
    assert not ActorRole.objects.exists()


def test_a_role_ending_before_it_starts_is_refused_in_the_actor_form_too(as_user, journalist):
    source = SourceFactory()
    names = [{"value": "Dariga Nazarbayeva", "language": "en", "kind": "primary"}]

    response = as_user(journalist).post(
        reverse("admin:claims_actor_add"),
        actor_form(
            "dariga-nazarbayeva",
            names=[{**name, "script": Script.LATIN, "source": source.pk} for name in names],
            roles=[
                {
                    "title": "Chairman of the Senate",
                    "organisation": "",
                    "start": "2022-05",
                    "end": "2021",
                    "note": "",
                    "source": source.pk,
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "The end date is before the start date." in response.text
    assert not Actor.objects.exists()
    assert not ActorRole.objects.exists()


def test_a_role_ending_in_the_year_it_started_is_accepted(as_user, journalist):
    actor = ActorFactory()

    response = as_user(journalist).post(
        reverse("admin:claims_actorrole_add"),
        {
            "actor": actor.pk,
            "title": "Chairman of the Senate",
            "start": "2022-05",
            "end": "2022",
            "source": SourceFactory().pk,
        },
    )

    assert response.status_code == 302
    assert ActorRole.objects.get().end == PartialDate(2022)


def test_an_actor_with_two_primary_names_is_refused(as_user, journalist):
    source = SourceFactory()
    names = [
        {"value": "Kassym-Jomart Tokayev", "language": "en", "script": Script.LATIN},
        {"value": "Қасым-Жомарт Тоқаев", "language": "kk", "script": Script.CYRILLIC},
    ]

    response = as_user(journalist).post(
        reverse("admin:claims_actor_add"),
        actor_form(
            "kassym-jomart-tokayev",
            names=[{**name, "kind": NameKind.PRIMARY, "source": source.pk} for name in names],
        ),
    )

    assert response.status_code == 200
    assert "Give the actor exactly one primary name (there are 2)." in response.text
    assert not Actor.objects.exists()
    assert not ActorName.objects.exists()


def test_a_contradiction_link_from_a_statement_to_itself_is_refused(as_user, fact_checker):
    statement = StatementFactory()

    response = as_user(fact_checker).post(
        reverse("admin:claims_contradictionlink_add"),
        {
            "a_statement": statement.pk,
            "b_statement": statement.pk,
            "explanation": "He said both.",
        },
    )

    assert response.status_code == 200
    assert "An item cannot contradict itself." in response.text
    assert not ContradictionLink.objects.exists()


def test_a_contradiction_link_repeating_an_existing_one_in_reverse_order_is_refused(
    as_user, fact_checker
):
    statement = StatementFactory()
    evidence = EvidenceFactory()
    services.contradiction_link_create(
        by=fact_checker, first=statement, second=evidence, explanation="The report says no."
    )

    response = as_user(fact_checker).post(
        reverse("admin:claims_contradictionlink_add"),
        {"a_evidence": evidence.pk, "b_statement": statement.pk, "explanation": "Again."},
    )

    assert response.status_code == 200
    assert "These two items are already linked." in response.text
    assert ContradictionLink.objects.count() == 1


def test_a_fact_checker_links_a_statement_and_evidence_given_in_either_order(as_user, fact_checker):
    statement = StatementFactory()
    evidence = EvidenceFactory()

    response = as_user(fact_checker).post(
        reverse("admin:claims_contradictionlink_add"),
        {"a_evidence": evidence.pk, "b_statement": statement.pk, "explanation": "It says no."},
    )

    assert response.status_code == 302
    link = ContradictionLink.objects.get()
    assert (link.a_statement, link.b_evidence) == (statement, evidence)  # stored one way round
    assert link.created_by == fact_checker


# Publishing


def test_a_journalist_has_no_publish_action(as_user, journalist):
    ClaimFactory()

    response = as_user(journalist).get(reverse("admin:claims_claim_changelist"))

    assert response.status_code == 200
    assert "publish_selected" not in offered_actions(response)
    assert 'value="publish_selected"' not in response.text


def test_a_journalists_forged_publish_action_publishes_nothing(as_user, journalist):
    claim = ClaimFactory()

    response = as_user(journalist).post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish_selected", "_selected_action": [claim.pk], "index": "0"},
        follow=True,
    )

    assert response.status_code == 200
    claim.refresh_from_db()
    assert not claim.is_published


def test_a_fact_checker_publishes_a_draft_claim(as_user, fact_checker):
    draft, other_draft = ClaimFactory.create_batch(2)
    client = as_user(fact_checker)
    page = client.get(reverse("admin:claims_claim_changelist"))
    assert "publish_selected" in offered_actions(page)

    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk], "index": "0"},
        follow=True,
    )

    assert "Published 1 record(s)." in response.text
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_by == fact_checker
    other_draft.refresh_from_db()
    assert not other_draft.is_published


def test_a_published_claim_is_read_only_for_a_journalist(as_user, editor, journalist):
    claim = publish(ClaimFactory(text="The original wording."), editor)
    client = as_user(journalist)

    page = client.get(claim_url("change", claim))
    forged = client.post(
        claim_url("change", claim),
        {
            "slug": claim.slug,
            "text": "A quiet rewording.",
            **management_form("evidence_links", 0),
            **management_form("status_changes", 0),
        },
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert 'name="text"' not in page.text
    assert forged.status_code == 403
    claim.refresh_from_db()
    assert claim.text == "The original wording."


@pytest.mark.parametrize("persona", ["fact_checker", "editor"])
def test_a_fact_checker_or_editor_corrects_a_published_claim_with_a_public_note(
    as_user, editor, persona, request
):
    claim = publish(ClaimFactory(text="The original wording."), editor)
    client = as_user(request.getfixturevalue(persona))
    page = client.get(claim_url("change", claim))
    assert 'name="_save"' in page.text
    data = rendered_form(page, "claim_form")
    data["text"] = ["A corrected wording."]

    without_note = client.post(claim_url("change", claim), data)
    data["correction_note"] = ["The claim misquoted the speech."]
    response = client.post(claim_url("change", claim), data)

    assert without_note.status_code == 200
    assert "Write the public note" in without_note.text
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.text == "A corrected wording."
    assert claim.is_published
    correction = claim.corrections.get()
    assert correction.note == "The claim misquoted the speech."
    assert correction.changes[0]["before"] == "The original wording."


PUBLISHABLE = {
    "claim": ClaimFactory,
    "statement": StatementFactory,
    "evidence": EvidenceFactory,
}


@pytest.mark.parametrize("model_name", PUBLISHABLE)
@pytest.mark.parametrize("persona", ["journalist", "fact_checker", "editor", "superuser"])
def test_nobody_gets_a_delete_button_for_a_published_record(
    as_user, editor, persona, model_name, request
):
    record = publish(PUBLISHABLE[model_name](), editor)
    client = as_user(request.getfixturevalue(persona))

    page = client.get(reverse(f"admin:claims_{model_name}_change", args=[record.pk]))
    delete = client.post(
        reverse(f"admin:claims_{model_name}_delete", args=[record.pk]), {"post": "yes"}
    )

    assert page.status_code == 200
    assert delete_link(record) not in page.text
    assert delete.status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


def test_an_editor_bulk_deleting_a_published_claim_is_refused(as_user, editor):
    published = publish(ClaimFactory(), editor)

    response = as_user(editor).post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert Claim.objects.filter(pk=published.pk).exists()


def test_an_editor_gets_a_delete_button_for_a_draft(as_user, editor):
    draft = ClaimFactory()

    page = as_user(editor).get(claim_url("change", draft))

    assert delete_link(draft) in page.text


# Evidence keeps arriving after a claim is published


def test_a_fact_checker_links_new_evidence_to_a_published_claim_and_cites_it(as_user, fact_checker):
    claim = publish(ClaimFactory(), fact_checker)
    ruling = EvidenceFactory(title="Appeal court ruling")
    client = as_user(fact_checker)

    status_page = client.get(reverse("admin:claims_claim_change_status", args=[claim.pk]))
    add_link = reverse("admin:claims_claimevidence_add") + f"?claim={claim.pk}"
    assert add_link in status_page.text

    response = client.post(
        add_link,
        {
            "claim": claim.pk,
            "evidence": ruling.pk,
            "stance": "contradicts",
            "note": "",
            "correction_note": "Linked the appeal court's ruling.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    # Linking evidence to a published claim is a public correction, which publishes it.
    assert claim.corrections.get().note == "Linked the appeal court's ruling."
    response = client.post(
        reverse("admin:claims_claim_change_status", args=[claim.pk]),
        {
            "new_status": ClaimStatus.REFUTED,
            "expected_status": "",
            "reason": "The appeal court found the opposite of what the claim says.",
            "as_of": "2025-03",
            "evidence": [ruling.pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REFUTED
    assert list(claim.status_changes.get().evidence.all()) == [ruling]


def test_evidence_linked_to_a_published_claim_changes_only_through_a_correction(
    as_user, journalist, fact_checker, editor
):
    link = ClaimEvidenceFactory(stance="supports")
    publish(link.claim, editor)
    change_url = reverse("admin:claims_claimevidence_change", args=[link.pk])
    delete_url = reverse("admin:claims_claimevidence_delete", args=[link.pk])
    form = {"claim": link.claim_id, "evidence": link.evidence_id, "stance": "contradicts"}

    assert as_user(journalist).post(change_url, {**form, "note": ""}).status_code == 403
    for user in (journalist, fact_checker, editor):
        # Removing a link of a published claim is done in the claim's form, with a note.
        assert as_user(user).post(delete_url, {"post": "yes"}).status_code == 403
    without_note = as_user(fact_checker).post(change_url, {**form, "note": ""})
    link.refresh_from_db()
    assert without_note.status_code == 200
    assert link.stance == "supports"

    response = as_user(fact_checker).post(
        change_url, {**form, "note": "", "correction_note": "The report contradicts the claim."}
    )

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.stance == "contradicts"
    assert link.claim.corrections.get().note == "The report contradicts the claim."


# Every page opens, in a fixed number of queries

CLAIMS_ADMINS = sorted(
    str(model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label == "claims"
)
# History is written only through the change-status view, never through an add form.
NO_ADD_FORM = {"statuschange", "correction"}


@pytest.mark.parametrize("model_name", CLAIMS_ADMINS)
def test_every_claims_changelist_opens_for_an_editor(as_user, editor, model_name):
    response = as_user(editor).get(reverse(f"admin:claims_{model_name}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model_name", CLAIMS_ADMINS)
def test_every_claims_add_page_opens_for_an_editor(as_user, editor, model_name):
    response = as_user(editor).get(reverse(f"admin:claims_{model_name}_add"))

    assert response.status_code == (403 if model_name in NO_ADD_FORM else 200)


def test_the_claim_changelist_runs_a_bounded_number_of_queries_for_20_claims(
    as_user, editor, fact_checker, django_assert_max_num_queries
):
    claims = ClaimFactory.create_batch(20)
    for claim in claims[:10]:
        set_status(claim, fact_checker, ClaimStatus.DISPUTED)
    for claim in claims[::3]:
        publish(claim, editor)
    client = as_user(editor)

    # Session, user, two permission lookups, the topic filter, two counts, the page of claims,
    # and two for the date hierarchy: 10 whatever the number of claims.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:claims_claim_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 20


# One row for each changelist, filled in the way the list displays it.
CHANGELIST_ROWS = {
    "actor": lambda by: ActorFactory(),
    "actorrole": lambda by: ActorRoleFactory(organisation=ActorFactory(kind="institution")),
    "claim": lambda by: set_status(ClaimFactory(), by, ClaimStatus.DISPUTED),
    "claimevidence": lambda by: ClaimEvidenceFactory(),
    "correction": lambda by: services.record_withdraw(
        by=by,
        record=services.record_publish(by=by, record=StatementFactory()),
        note="Wrongly attributed.",
    ),
    "contradictionlink": lambda by: services.contradiction_link_create(
        by=by, first=StatementFactory(), second=EvidenceFactory(), explanation="It says no."
    ),
    "evidence": lambda by: EvidenceFactory(),
    "source": lambda by: SourceFactory(),
    "statement": lambda by: StatementFactory(),
    "statuschange": lambda by: set_status(ClaimFactory(), by, ClaimStatus.DISPUTED),
    "topic": lambda by: TopicFactory(),
}


def test_every_changelist_has_a_row_maker():
    assert sorted(CHANGELIST_ROWS) == CLAIMS_ADMINS


@pytest.mark.parametrize("model_name", sorted(CHANGELIST_ROWS))
def test_a_changelist_runs_as_many_queries_for_ten_rows_as_for_one(
    as_user, editor, fact_checker, model_name
):
    make_row = CHANGELIST_ROWS[model_name]
    client = as_user(editor)
    url = reverse(f"admin:claims_{model_name}_changelist")
    make_row(fact_checker)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(9):
        make_row(fact_checker)

    with CaptureQueriesContext(connection) as ten_rows:
        response = client.get(url)

    assert response.context["cl"].result_count == 10
    queries = "\n".join(query["sql"] for query in ten_rows.captured_queries)
    assert len(ten_rows) == len(one_row), f"queries for ten rows:\n{queries}"


# One write path: the admin writes through the services the API calls


def statement_add_form(speaker, source, **fields):
    return {
        "speaker": speaker.pk,
        "speaker_role": "",
        "mode": "direct",
        "quote": "Words.",
        "language": "en",
        "context": "",
        "translation": "",
        "translation_language": "",
        "stated_on": "",
        "stated_on_wording": "",
        "stated_not_after": "",
        "place": "",
        "source": source.pk,
        "first_appearance": "",
        **fields,
    }


def test_a_rule_added_to_a_service_is_met_in_the_admin_and_the_api_alike(
    as_user, journalist, monkeypatch
):
    statement_create = services.statement_create

    def refusing_unnamed_speakers(**fields):
        if "anonymous" in fields["quote"]:
            raise ValidationError({"quote": "Quote people we can name."}, code="unnamed")
        return statement_create(**fields)

    monkeypatch.setattr(services, "statement_create", refusing_unnamed_speakers)
    speaker, source = ActorFactory(slug="tokayev"), SourceFactory()
    quote = "An anonymous official said so."
    client = as_user(journalist)

    from_admin = client.post(
        reverse("admin:claims_statement_add"), statement_add_form(speaker, source, quote=quote)
    )
    from_api = client.post(
        "/api/v1/statements/",
        {"speaker": "tokayev", "quote": quote, "language": "en", "source_id": source.pk},
        content_type="application/json",
    )

    assert from_admin.status_code == 200  # the form again, the refusal next to the quote
    assert from_admin.context["adminform"].form.errors["quote"] == ["Quote people we can name."]
    assert from_api.status_code == 400
    assert [(e["field"], e["message"]) for e in from_api.json()["errors"]] == [
        ("quote", "Quote people we can name.")
    ]
    assert not Statement.objects.exists()


def test_the_speakers_post_is_filled_in_alike_from_the_admin_and_the_api(as_user, journalist):
    role = ActorRoleFactory(
        actor=ActorFactory(slug="tokayev"), title="President", start=PartialDate(2019)
    )
    source = SourceFactory()
    client = as_user(journalist)

    client.post(
        reverse("admin:claims_statement_add"),
        statement_add_form(role.actor, source, quote="From the admin.", stated_on="2022-01"),
    )
    client.post(
        "/api/v1/statements/",
        {
            "speaker": "tokayev",
            "quote": "From the API.",
            "language": "en",
            "stated_on": "2022-01",
            "source_id": source.pk,
        },
        content_type="application/json",
    )

    assert {s.quote: s.speaker_role for s in Statement.objects.all()} == {
        "From the admin.": role,
        "From the API.": role,
    }


def test_a_name_added_in_the_actor_form_is_recorded_with_the_curator_and_why(as_user, journalist):
    actor = ActorFactory(slug="tokayev")
    url = reverse("admin:claims_actor_change", args=[actor.pk])
    client = as_user(journalist)
    data = rendered_form(client.get(url), "actor_form")
    new_row = int(data["names-TOTAL_FORMS"][0]) - 1  # the empty row the form offers
    data.update(
        {
            f"names-{new_row}-value": ["Токаев"],
            f"names-{new_row}-language": ["ru"],
            f"names-{new_row}-script": [Script.CYRILLIC],
            f"names-{new_row}-kind": [NameKind.ALIAS],
            f"names-{new_row}-source": [str(SourceFactory().pk)],
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302
    name = actor.names.get(value="Токаев")
    event = apps.get_model("claims", "ActorNameEvent").objects.get(pgh_obj_id=name.pk)
    assert event.pgh_context["user"] == journalist.pk
    assert event.pgh_context["url"] == url
    assert "Edited: actor names." in event.pgh_context["why"]


def test_an_editor_deletes_a_draft_in_the_admin_and_the_trail_says_so(as_user, editor):
    draft = ClaimFactory()

    response = as_user(editor).post(claim_url("delete", draft), {"post": "yes"})

    assert response.status_code == 302
    assert not Claim.objects.filter(pk=draft.pk).exists()
    [event] = apps.get_model("claims", "ClaimEvent").objects.filter(
        pgh_obj_id=draft.pk, pgh_label="delete"
    )
    assert event.pgh_context["user"] == editor.pk
    assert event.pgh_context["why"] == "Deleted in the admin."
