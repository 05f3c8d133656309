"""Hostile input through every write path: the admin, the API and the management commands.

Each row of the table is something an attacker or a careless paste sends. Refused input gets a
clear 4xx or form error and leaves every table exactly as it was (compared row by row, not
counted); input that is legitimately stored (markup inside a quote is still a verbatim quote)
comes back escaped on the public page.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from claimtracker.claims import services
from claimtracker.claims.dates import PartialDate
from claimtracker.claims.models import ClaimStatus, Statement
from tests.factories import (
    ActorFactory,
    ClaimEvidenceFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script>'
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "https://user:password@example.org/",
]
HOSTILE_DATES = ["10000-01-01", "0000", "-0001", "2024-13-01", "2023-02-29", "2024-01-01T00:00"]
TEN_MEGABYTES = 10 * 1024 * 1024


def database_state():
    """Every row of every table the product writes, in primary-key order.

    Accounts are compared without ``last_login``: logging the test client in is not the attack.
    """
    models = {*apps.get_app_config("claims").get_models(include_auto_created=True)}
    models.add(get_user_model())
    return {
        model._meta.label: [
            {**row, "last_login": None} if "last_login" in row else row
            for row in model._default_manager.order_by("pk").values()
        ]
        for model in models
    }


@pytest.fixture
def records(fact_checker):
    """A draft claim linked to one piece of evidence, and a statement, before any attack."""
    link = ClaimEvidenceFactory()
    return {
        "actor": ActorFactory(slug="tokayev"),
        "claim": link.claim,
        "evidence": link.evidence,
        "statement": StatementFactory(),
        "source": SourceFactory(),
    }


@pytest.fixture
def logged_in(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def api_statement(**overrides):
    return {
        "speaker": "tokayev",
        "quote": "outside terrorists",
        "language": "en",
        "source": {"title": "Not Everyone Fits the Mold", "language": "en"},
        **overrides,
    }


def api_status_change(claim, **overrides):
    return {
        "new_status": "disputed",
        "expected_status": claim.status,
        "reason": "Observers disagree.",
        "as_of": "2024-01-11",
        **overrides,
    }


def admin_source(**overrides):
    return {
        "title": "Address to the nation",
        "publisher": "",
        "author": "",
        "published_on": "",
        "language": "ru",
        "url": "",
        "archive_url": "",
        "accessed_on": "",
        **overrides,
    }


def admin_statement(records, **overrides):
    return {
        "speaker": records["actor"].pk,
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
        "source": records["source"].pk,
        "first_appearance": "",
        **overrides,
    }


def admin_status_change(claim, **overrides):
    return {
        "new_status": ClaimStatus.DISPUTED,
        "expected_status": claim.status,
        "reason": "Observers disagree.",
        "as_of": "2024-01-11",
        **overrides,
    }


def change_status_url(claim):
    return reverse("admin:claims_claim_change_status", args=[claim.pk])


def assert_refused_by_api(response, status=400):
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert body["errors"], "a refusal names what was wrong"
    assert all(error["message"] for error in body["errors"])


def assert_refused_by_admin_form(response):
    # The admin re-shows the form (200) with the error next to the field, and saves nothing.
    assert response.status_code == 200
    assert response.context["errors"] or response.context["form"].errors


# URLs that are not web addresses


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_source_address_is_refused_by_the_api(logged_in, journalist, records, url):
    before = database_state()
    body = api_statement(source={"title": "x", "language": "en", "url": url})

    response = logged_in(journalist).post(
        "/api/v1/statements/", body, content_type="application/json"
    )

    assert_refused_by_api(response)
    assert database_state() == before


@pytest.mark.parametrize("field", ["url", "archive_url"])
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_source_address_is_refused_by_the_admin(
    logged_in, journalist, records, url, field
):
    before = database_state()

    response = logged_in(journalist).post(
        reverse("admin:claims_source_add"), admin_source(**{field: url})
    )

    assert_refused_by_admin_form(response)
    assert database_state() == before


# Dates that do not exist


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_an_impossible_date_is_refused_by_the_api(
    logged_in, journalist, fact_checker, records, typed
):
    before = database_state()
    claim = records["claim"]

    statement = logged_in(journalist).post(
        "/api/v1/statements/", api_statement(stated_on=typed), content_type="application/json"
    )
    change = logged_in(fact_checker).post(
        f"/api/v1/claims/{claim.slug}/status-changes/",
        api_status_change(claim, as_of=typed),
        content_type="application/json",
    )

    assert_refused_by_api(statement)
    assert_refused_by_api(change)
    assert database_state() == before


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_an_impossible_date_is_refused_by_the_admin(
    logged_in, journalist, fact_checker, records, typed
):
    before = database_state()

    statement = logged_in(journalist).post(
        reverse("admin:claims_statement_add"), admin_statement(records, stated_on=typed)
    )
    change = logged_in(fact_checker).post(
        change_status_url(records["claim"]), admin_status_change(records["claim"], as_of=typed)
    )

    assert_refused_by_admin_form(statement)
    assert_refused_by_admin_form(change)
    assert database_state() == before


# Status changes that break the rules


def status_change_mistakes(records):
    claim, evidence = records["claim"], records["evidence"]
    return {
        "no reason": {"reason": ""},
        "a blank reason": {"reason": " \n\t "},
        "an unknown evidence id": {"evidence": [987654]},
        "evidence not linked to the claim": {"evidence": [ClaimEvidenceFactory().evidence.pk]},
        "the status it already has": {
            "new_status": claim.status or "disputed",
            "expected_status": "unconfirmed",
        },
        "an unknown status": {"new_status": "true-ish"},
        "HTML as a status": {"new_status": SCRIPT},
        "evidence by its title": {"evidence": [evidence.title]},
    }


MISTAKES = [
    "no reason",
    "a blank reason",
    "an unknown evidence id",
    "evidence not linked to the claim",
    "an unknown status",
    "HTML as a status",
    "evidence by its title",
]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_status_change_that_breaks_a_rule_is_refused_by_the_api(
    logged_in, fact_checker, records, mistake
):
    overrides = status_change_mistakes(records)[mistake]
    before = database_state()
    claim = records["claim"]

    response = logged_in(fact_checker).post(
        f"/api/v1/claims/{claim.slug}/status-changes/",
        api_status_change(claim, **overrides),
        content_type="application/json",
    )

    assert_refused_by_api(response)
    assert database_state() == before


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_status_change_that_breaks_a_rule_is_refused_by_the_admin(
    logged_in, fact_checker, records, mistake
):
    overrides = status_change_mistakes(records)[mistake]
    before = database_state()
    claim = records["claim"]

    response = logged_in(fact_checker).post(
        change_status_url(claim), admin_status_change(claim, **overrides)
    )

    assert_refused_by_admin_form(response)
    assert database_state() == before


def test_a_stale_expected_status_is_a_409_from_the_api_and_a_form_error_in_the_admin(
    logged_in, fact_checker, editor, records
):
    claim = records["claim"]
    services.claim_change_status(
        by=editor,
        claim=claim,
        new_status=ClaimStatus.UNCONFIRMED,
        expected_status="",
        reason="Nothing confirms it: no investigation or court has found so.",
        as_of=PartialDate(2024, 1, 11),
    )
    before = database_state()
    stale = {"expected_status": ""}  # what the reader saw before the editor's change

    api = logged_in(fact_checker).post(
        f"/api/v1/claims/{claim.slug}/status-changes/",
        api_status_change(claim, **stale),
        content_type="application/json",
    )
    admin = logged_in(fact_checker).post(
        change_status_url(claim), admin_status_change(claim, **stale)
    )

    assert_refused_by_api(api, status=409)
    assert api.json()["errors"][0]["code"] == "stale_status"
    assert_refused_by_admin_form(admin)
    assert "Unconfirmed" in admin.text  # the form names the status someone else set
    assert database_state() == before


# Links that point at themselves


def test_a_contradiction_link_to_itself_is_refused_everywhere(logged_in, fact_checker, records):
    statement = records["statement"]
    before = database_state()
    client = logged_in(fact_checker)

    api = client.post(
        "/api/v1/contradiction-links/",
        {
            "first": {"kind": "statement", "id": statement.pk},
            "second": {"kind": "statement", "id": statement.pk},
            "explanation": "He said both.",
        },
        content_type="application/json",
    )
    admin = client.post(
        reverse("admin:claims_contradictionlink_add"),
        {"a_statement": statement.pk, "b_statement": statement.pk, "explanation": "He said both."},
    )

    assert_refused_by_api(api)
    assert_refused_by_admin_form(admin)
    assert database_state() == before


# Bodies no browser or client should send


def test_a_ten_megabyte_body_is_refused_by_the_api_and_the_admin(logged_in, journalist, records):
    before = database_state()
    client = logged_in(journalist)

    api = client.generic(
        "POST",
        "/api/v1/claims/",
        b'{"slug": "big", "text": "' + b"x" * TEN_MEGABYTES + b'"}',
        content_type="application/json",
    )
    admin = client.post(
        reverse("admin:claims_statement_add"), admin_statement(records, quote="x" * TEN_MEGABYTES)
    )

    assert_refused_by_api(api, status=413)
    assert admin.status_code == 400
    assert database_state() == before


def test_invalid_utf8_is_refused_by_the_api_and_never_stored_by_the_admin(
    logged_in, journalist, records
):
    before = database_state()
    client = logged_in(journalist)

    api = client.generic(
        "POST",
        "/api/v1/claims/",
        b'{"slug": "bad-bytes", "text": "caf\xe9 \xff"}',
        content_type="application/json",
    )
    admin = client.generic(
        "POST",
        reverse("admin:claims_source_add"),
        b"title=caf%E9+%FF&language=en",
        content_type="application/x-www-form-urlencoded",
    )

    assert_refused_by_api(api)
    assert admin.status_code == 400
    assert "not valid UTF-8" in admin.text
    assert database_state() == before


# Markup that is stored, because a verbatim quote may contain it, and shown as text


def test_markup_in_a_quote_and_a_title_is_stored_verbatim_and_shown_escaped(
    logged_in, client, journalist, fact_checker, records
):
    response = logged_in(journalist).post(
        "/api/v1/statements/",
        api_statement(
            quote=f"He wrote {SCRIPT}",
            source={"title": f"Blog {SCRIPT}", "language": "en"},
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    statement = services.record_publish(
        by=fact_checker,
        record=Statement.objects.get(pk=response.json()["id"]),
    )
    client.logout()

    for page in [statement.get_absolute_url(), statement.source.get_absolute_url()]:
        html = client.get(page).text
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html


def test_markup_in_an_actor_name_is_shown_escaped(logged_in, client, fact_checker, records):
    actor = ActorFactory(slug="marked-up", primary_name__value=f"Akim {SCRIPT}")
    services.record_publish(by=fact_checker, record=actor)

    html = client.get("/en/actors/marked-up/").text

    assert SCRIPT not in html
    assert "Akim &lt;script&gt;" in html


# Commands


@pytest.mark.parametrize("claims", ["-1", "0", "many", "100000000"])
def test_the_synthetic_data_command_refuses_a_bad_count_and_writes_nothing(records, claims):
    before = database_state()

    with pytest.raises(CommandError) as refusal:
        call_command("generate_synthetic_data", "--claims", claims)

    assert str(refusal.value)
    assert database_state() == before


def test_invalid_utf8_in_an_address_is_a_400_not_a_replacement_character(client):
    for address in ["/?status=%FF", "/api/v1/claims/?status=caf%E9"]:
        response = client.get(address)

        assert response.status_code == 400
        assert "not valid UTF-8" in response.text


# Invisible characters that change what text says (claims/text.py)

INVISIBLE = {
    "right-to-left override": "Tokayev\u202e said",
    "zero-width space": "Toka\u200byev",
    "byte-order mark": "\ufeffTokayev",
    "NUL": "Tokayev\x00",
    "replacement character": "caf\ufffd",
}


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_quote_is_refused_by_the_api(
    logged_in, journalist, records, text
):
    before = database_state()

    response = logged_in(journalist).post(
        "/api/v1/statements/", api_statement(quote=text), content_type="application/json"
    )

    assert_refused_by_api(response)
    assert database_state() == before


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_quote_or_title_is_refused_by_the_admin(
    logged_in, journalist, records, text
):
    before = database_state()
    client = logged_in(journalist)

    statement = client.post(
        reverse("admin:claims_statement_add"), admin_statement(records, quote=text)
    )
    source = client.post(reverse("admin:claims_source_add"), admin_source(title=text))

    assert_refused_by_admin_form(statement)
    assert_refused_by_admin_form(source)
    assert database_state() == before


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_reason_is_refused_by_the_service(fact_checker, records, text):
    """Commands and scripts call the services directly, with no form in front."""
    before = database_state()

    with pytest.raises(ValidationError) as refusal:
        services.claim_change_status(
            by=fact_checker,
            claim=records["claim"],
            new_status=ClaimStatus.DISPUTED,
            expected_status="",
            reason=text,
            as_of=PartialDate(2024, 1, 11),
        )

    assert "reason" in refusal.value.message_dict
    assert database_state() == before


def test_marks_that_scripts_need_are_kept(logged_in, journalist, records):
    # Right-to-left and left-to-right marks and the zero-width (non-)joiner are real text.
    quote = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u200fsaid\u200e"

    response = logged_in(journalist).post(
        "/api/v1/statements/", api_statement(quote=quote), content_type="application/json"
    )

    assert response.status_code == 201, response.content
    assert Statement.objects.get(pk=response.json()["id"]).quote == quote
